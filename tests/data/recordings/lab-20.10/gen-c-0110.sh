#!/bin/sh
# development scenario gen-c 110 (ipv6/v6_range_2_64)
docker network create -d macvlan --ipv6 --subnet=10.29.153.0/24 --subnet 2001:db8:fc0d::/56 --ip-range 2001:db8:fc0d:1::/65 -o parent=eth1 v6net1
docker network create --driver macvlan --subnet=fd00:c9c8::/64 --gateway=fd00:c9c8::1 --ipv6 -o parent=eth0.50 office2
