#!/bin/sh
# development scenario gen-c 293 (rm/rm_missing)
docker network create \
  -d macvlan \
  --subnet=192.168.36.0/25 \
  --ip-range=192.168.36.64/26 \
  --gateway=192.168.36.126 \
  -o parent=eth2 \
  mv1
docker network rm macnet
docker run \
  -d \
  --name web2 \
  --network=mv1 \
  --ip=192.168.36.90 \
  --mac-address=86:c7:88:c9:15:c2 \
  macplan/busybox:latest sleep 600
