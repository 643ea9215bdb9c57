#!/bin/sh
# development scenario gen-c 276 (ipv6/v6_mapped_host)
docker network create \
  -d macvlan \
  --ipv6 \
  --subnet fd00:baf1::/64 \
  --aux-address host=fd00:baf1::ffff:49.202.9.83 \
  -o parent=eth0.50 \
  v6net1
