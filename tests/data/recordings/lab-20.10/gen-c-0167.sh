#!/bin/sh
# development scenario gen-c 167 (ipv6/v6_mapped_host)
docker network create \
  -d macvlan \
  --ipv6 \
  --subnet=2001:db8:442a::/64 \
  --gateway=2001:db8:442a::ffff:65.139.221.64 \
  -o parent=eth2 \
  v6net1
docker run \
  -d \
  --name test2 \
  --network=v6net1 \
  --ip6=2001:db8:442a::ffff:65.139.221.64 \
  macplan/busybox:latest sleep 600
