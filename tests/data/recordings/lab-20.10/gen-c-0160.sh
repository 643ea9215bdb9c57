#!/bin/sh
# development scenario gen-c 160 (ipv6/v6_mapped_host)
docker network create -d ipvlan --ipv6 --subnet 192.168.74.0/24 --subnet fd00:9b5d::/64 --gateway fd00:9b5d::ffff:122.79.222.83 -o parent=eth0.50 v6net1
