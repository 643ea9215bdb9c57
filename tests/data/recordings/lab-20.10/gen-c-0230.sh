#!/bin/sh
# development scenario gen-c 230 (cli/publish)
docker network create \
  -d macvlan \
  --subnet 192.168.24.0/24 \
  -o parent=eth2 \
  -p \
  80:80 \
  mv1
docker network create \
  -d macvlan \
  --subnet 192.168.24.0/24 \
  -o parent=eth2 \
  mv1
