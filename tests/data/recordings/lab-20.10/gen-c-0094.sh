#!/bin/sh
# development scenario gen-c 94 (create/random)
docker network create \
  n1 \
  --driver macvlan \
  --opt parent=eth9 \
  --subnet 172.18.170.212/30 \
  --gateway 172.18.170.215 \
  --aux-address=b=172.18.170.213 \
  --aux-address a=172.18.170.213 \
  --aux-address router=172.18.170.214
docker network create \
  --driver=macvlan \
  --ip-range 172.18.0.0/26 \
  --subnet 172.18.0.0/22 \
  -o parent=eth0 \
  n2
