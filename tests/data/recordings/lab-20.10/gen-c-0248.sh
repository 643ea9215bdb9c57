#!/bin/sh
# development scenario gen-c 248 (rm/rm_missing)
docker network create \
  --driver macvlan \
  --subnet 10.109.134.0/27 \
  --gateway 10.109.134.1 \
  -o parent=eth1 \
  office1
docker network rm OFFICE1
