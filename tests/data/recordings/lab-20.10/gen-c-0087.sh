#!/bin/sh
# development scenario gen-c 87 (create/random)
docker network create \
  -o parent=eth0 \
  --subnet=192.0.2.64/26 \
  --gateway 192.0.2.127 \
  -d macvlan \
  n1
docker network create \
  n2 \
  --driver=ipvlan \
  -o parent=eth0.50 \
  --subnet 192.0.2.0/24 \
  --gateway 192.0.2.93 \
  --aux-address router=192.0.2.93 \
  --internal
