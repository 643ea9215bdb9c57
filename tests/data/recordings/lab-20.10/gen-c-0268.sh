#!/bin/sh
# development scenario gen-c 268 (create/random)
docker network create \
  --ipv6 \
  --driver macvlan \
  --ip-range=10.2.0.0/23 \
  --opt parent=eth0.50 \
  --ip-range fd00:1::/118 \
  --subnet fd00:1::/120 \
  --subnet 10.2.0.0/22 \
  --gateway=fd00:1::1 \
  --opt=macvlan_mode=private \
  n1
docker network create \
  -d macvlan \
  -o parent=eth1 \
  --subnet 10.2.1.0/24 \
  n2
