#!/bin/sh
# development scenario gen-c 265 (ipv6/v6_mapped_subnet)
docker network create \
  -d macvlan \
  --ipv6 \
  --subnet ::ffff:192.168.190.0/120 \
  --gateway ::ffff:c0a8:be01 \
  -o parent=eth2 \
  v6net1
