#!/bin/sh
# development scenario gen-c 49 (ipv6/v6_short_prefix)
docker network create \
  -d macvlan \
  --ipv6 \
  --subnet 192.168.230.0/24 \
  --subnet fd00:1722::/40 \
  --gateway fd00:1722:0:1::1 \
  -o parent=eth2 \
  v6net1
