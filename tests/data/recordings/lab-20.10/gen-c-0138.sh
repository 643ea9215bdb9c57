#!/bin/sh
# development scenario gen-c 138 (rm/rm_multi)
docker network create \
  --driver macvlan \
  --subnet 10.115.0.0/16 \
  --gateway 10.115.0.1 \
  -o parent=eth0 \
  mv1
docker network create \
  -d macvlan \
  --subnet 192.168.74.0/28 \
  --gateway 192.168.74.1 \
  -o parent=eth0.50 \
  macvlan02
docker network rm mv1 macvlan02
docker network create \
  --driver macvlan \
  --subnet 10.177.0.0/16 \
  --ip-range 10.177.192.0/18 \
  --gateway 10.177.0.1 \
  -o parent=eth0 \
  office3
