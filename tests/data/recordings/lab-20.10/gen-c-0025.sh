#!/bin/sh
# development scenario gen-c 25 (ipv6/v6_range_2_64)
docker network create \
  -d macvlan \
  --ipv6 \
  --subnet=10.29.214.0/27 \
  --subnet=2001:db8:7c3a::/48 \
  --ip-range=2001:db8:7c3a:2::/65 \
  --gateway=2001:db8:7c3a::1 \
  -o parent=eth0 \
  v6net1
docker network create \
  -d macvlan \
  --subnet=192.168.247.0/28 \
  --ip-range=192.168.247.8/30 \
  --aux-address=router=192.168.247.2 \
  --subnet=2001:db8:561e::/64 \
  --gateway=2001:db8:561e::1 \
  --ipv6 \
  -o parent=eth2 \
  office2
