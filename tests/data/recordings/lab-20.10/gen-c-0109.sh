#!/bin/sh
# development scenario gen-c 109 (rm/rm_pool_reuse)
docker network create \
  -d macvlan \
  --subnet 10.153.125.0/24 \
  --gateway 10.153.125.254 \
  -o parent=eth1 \
  dmz1
docker network rm dmz1
docker network create \
  -d macvlan \
  --subnet 10.153.125.0/24 \
  -o parent=eth0.50 \
  dmz2
docker run \
  -d \
  --name pihole3 \
  --network dmz1 \
  macplan/busybox:latest sleep 600
