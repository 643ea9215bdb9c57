#!/bin/sh
# development scenario gen-c 272 (create/random)
docker network create \
  -d macvlan \
  --opt parent=eth0 \
  -o macvlan_mode=passthru \
  --subnet 10.1.0.96/28 \
  --ip-range=10.1.0.96/29 \
  --subnet 10.1.0.0/20 \
  --gateway 10.1.0.1 \
  --ip-range 10.1.2.81/21 \
  n1
