#!/bin/sh
# development scenario gen-c 299 (ipv6/v6_range_2_64)
docker network create -d macvlan --subnet fd00:df67::/56 --ip-range fd00:df67:0:7::/64 --gateway fd00:df67:0:7::1 -o parent=eth0.50 v6net1
