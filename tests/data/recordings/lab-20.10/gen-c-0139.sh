#!/bin/sh
# development scenario gen-c 139 (config/cfg_missing)
docker network create -d macvlan --config-from nosuchcfg macnet2
docker network create \
  --config-only \
  --subnet 192.168.194.0/25 \
  --gateway 192.168.194.1 \
  -o parent=eth2 \
  cfg1
docker network create -d macvlan --config-from cfg1 macnet3
