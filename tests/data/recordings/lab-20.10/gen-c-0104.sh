#!/bin/sh
# development scenario gen-c 104 (config/cfg_basic)
docker network create \
  --config-only \
  --subnet=192.168.74.0/25 \
  --ip-range=192.168.74.64/26 \
  --gateway=192.168.74.1 \
  -o parent=eth2 \
  cfg1
docker network create -d macvlan --config-from=cfg1 macvlan02
