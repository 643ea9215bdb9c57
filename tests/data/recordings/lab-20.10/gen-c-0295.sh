#!/bin/sh
# development scenario gen-c 295 (create/random)
docker network create \
  n1 \
  -d ipvlan \
  -o parent=eth0 \
  --subnet 198.51.100.0/24 \
  --gateway=198.51.100.111
docker network create \
  -d macvlan \
  --opt=parent=lo \
  --subnet 198.51.100.0/24 \
  --gateway 198.51.100.0 \
  --aux-address router=198.51.100.1 \
  --aux-address printer=198.51.101.0 \
  --aux-address=b=198.51.101.4 \
  n2
docker network create \
  -d ipvlan \
  -o parent=eth0 \
  --subnet=198.51.100.0/24 \
  --gateway 198.51.100.0 \
  n3
