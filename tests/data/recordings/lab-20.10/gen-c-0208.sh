#!/bin/sh
# development scenario gen-c 208 (config/cfg_parent_taken)
docker network create \
  --config-only \
  --subnet 192.168.132.0/28 \
  --ip-range 192.168.132.8/29 \
  --gateway=192.168.132.1 \
  -o parent=eth2 \
  cfg1
docker network create \
  --driver macvlan \
  --subnet 192.168.102.0/25 \
  --gateway=192.168.102.1 \
  -o parent=eth2 \
  dmz2
docker network create -d macvlan --config-from cfg1 iot3
docker create \
  --name c4 \
  --network iot3 \
  --ip 192.168.132.10 \
  --mac-address 02:42:eb:16:10:f9 \
  macplan/busybox:latest sleep 600
