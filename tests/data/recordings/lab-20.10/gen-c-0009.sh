#!/bin/sh
# development scenario gen-c 9 (ipv6/v6_endpoint)
docker network create -d macvlan --ipv6 --subnet fd00:31ad::/126 --gateway fd00:31ad::1 -o parent=eth1 v6net1
docker create --name pihole2 --network v6net1 --ip6 fd00:31ad::1 macplan/busybox:latest sleep 600
docker run -d --rm --name c3 --network v6net1 macplan/busybox:latest sleep 600
docker network connect --ip6 fd00:31ad::2 v6net1 pihole2
