#!/bin/sh
# development scenario gen-c 166 (config/cfg_two_users)
docker network create \
  --config-only \
  --subnet 10.188.0.0/16 \
  --gateway 10.188.0.1 \
  -o parent=eth0 \
  cfg1
docker network create -d macvlan --config-from cfg1 dmz2
docker network create -d macvlan --config-from cfg1 iot3
