#!/bin/sh
# development scenario gen-c 75 (ipv6/v6_range_2_64)
docker network create -d macvlan --ipv6 --subnet 2001:db8:29e5::/60 --ip-range 2001:db8:29e5:1::/96 --gateway 2001:db8:29e5:1::1 -o parent=eth0.50 v6net1
docker create --name web2 --network v6net1 --ip6=2001:db8:29e5:: macplan/busybox:latest sleep 600
docker network connect --ip6=2001:db8:29e5::a v6net1 web2
docker create --name c3 --network v6net1 --ip6 2001:db8:29e5::14 macplan/busybox:latest sleep 600
