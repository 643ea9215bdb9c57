#!/bin/sh
# development scenario gen-c 19 (create/random)
docker network create \
  -d macvlan \
  --opt=parent=eth0 \
  -o macvlan_mode=private \
  --subnet 198.51.100.176/28 \
  --gateway 198.51.100.193 \
  --ip-range 10.99.0.1 \
  n1
docker network create \
  --driver macvlan \
  --opt parent=eth0 \
  -o macvlan_mode=bogus \
  -o macvlan_mode=bogus \
  --subnet 198.51.100.176/28 \
  --aux-address router=198.51.100.191 \
  n2
