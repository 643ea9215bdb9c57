#!/bin/sh
# development scenario gen-c 145 (ipv6/v6_only)
docker network create -d macvlan --ipv6 --subnet fd00:db48::/126 --gateway fd00:db48::1 -o parent=eth2 v6net1
docker run -d --name pihole2 --network none macplan/busybox:latest sleep 600
docker network connect --ip6=fd00:db48::1 v6net1 pihole2
docker network connect v6net1 pihole2
docker network create --driver macvlan --subnet 10.29.222.0/24 --subnet 2001:db8:d3f1::/64 --ipv6 --opt parent=eth0 office3
