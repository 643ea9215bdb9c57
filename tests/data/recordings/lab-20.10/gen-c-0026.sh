#!/bin/sh
# development scenario gen-c 26 (ipv6/v6_mapped_host)
docker network create \
  -d macvlan \
  --ipv6 \
  --subnet 192.168.75.0/24 \
  --subnet fd8d:ce89:9d49::/96 \
  -o parent=eth1 \
  v6net1
docker run \
  -d \
  --name db2 \
  --network v6net1 \
  --ip6 fd8d:ce89:9d49::ffff:203.245.223.27 \
  macplan/busybox:latest sleep 600
