#!/bin/sh
# development scenario gen-c 227 (cli/unknown_flag)
docker network create \
  -d macvlan \
  --subnet 10.126.152.0/24 \
  -o parent=eth2 \
  --macvlan-mode \
  bridge \
  macvlan01
docker network create \
  -d macvlan \
  --subnet 10.126.152.0/24 \
  -o parent=eth2 \
  macvlan01
