#!/bin/sh
# development scenario gen-c 72 (rm/rm_name_reuse)
docker network create \
  --driver macvlan \
  --subnet 172.30.109.0/24 \
  --ip-range 172.30.109.128/25 \
  --gateway 172.30.109.1 \
  --aux-address router=172.30.109.2 \
  -o parent=eth2 \
  office1
docker network rm office1
docker network create \
  --driver macvlan \
  --subnet 10.201.0.0/16 \
  -o parent=eth2 \
  office1
