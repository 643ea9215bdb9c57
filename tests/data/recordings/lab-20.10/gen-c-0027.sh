#!/bin/sh
# development scenario gen-c 27 (ipv6/v6_range_2_64)
docker network create -d macvlan --ipv6 --subnet=2001:db8:4e53::/48 --ip-range=2001:db8:4e53:7::/64 --gateway 2001:db8:4e53:7::1 -o parent=eth1 v6net1
docker create --name pihole2 --network v6net1 --ip6=2001:db8:4e54::26 macplan/busybox:latest sleep 600
