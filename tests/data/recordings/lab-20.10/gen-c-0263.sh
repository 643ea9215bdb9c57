#!/bin/sh
# development scenario gen-c 263 (create/random)
docker network create \
  -d macvlan \
  -o parent=eth0 \
  --subnet 192.0.2.50/32 \
  --gateway 192.0.2.50 \
  n1
docker network create \
  n2 \
  --ip-range 192.0.2.0/25 \
  -o parent=eth1 \
  --subnet 192.0.2.0/24 \
  -d macvlan \
  --internal \
  --opt macvlan_mode=vepa
docker network create \
  -d macvlan \
  -o parent=eth0 \
  -o macvlan_mode=Bridge \
  --subnet 172.18.0.64/28 \
  --gateway 172.18.0.64 \
  n3
