#!/bin/sh
# development scenario gen-c 211 (cli/missing_name)
docker network create -d macvlan --subnet 192.168.12.0/28 -o parent=eth1
docker network create \
  -d macvlan \
  --subnet 192.168.12.0/28 \
  -o parent=eth1 \
  mv1x
