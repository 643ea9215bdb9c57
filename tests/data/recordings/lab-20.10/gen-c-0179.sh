#!/bin/sh
# development scenario gen-c 179 (config/cfg_rm_in_use)
docker network create \
  --config-only \
  --subnet 10.23.34.0/27 \
  --gateway=10.23.34.1 \
  --subnet fd00:5f81::/64 \
  --ipv6 \
  -o parent=eth0.50 \
  cfg1
docker network create -d macvlan --config-from cfg1 macvlan02
docker network rm cfg1
