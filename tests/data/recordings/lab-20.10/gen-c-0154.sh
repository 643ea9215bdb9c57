#!/bin/sh
# development scenario gen-c 154 (rm/rm_missing)
docker network create \
  -d macvlan \
  --subnet 192.168.48.0/28 \
  --gateway 192.168.48.1 \
  --aux-address router=192.168.48.2 \
  -o parent=eth1 \
  macvlan01
docker network rm macnet
