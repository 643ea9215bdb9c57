#!/bin/sh
# development scenario gen-c 212 (endpoint/mac)
docker network create \
  -d macvlan \
  --subnet 192.168.28.0/25 \
  --ip-range=192.168.28.96/28 \
  --aux-address=router=192.168.28.2 \
  -o parent=eth0 \
  mv1
docker network create -d macvlan --subnet=172.24.204.0/24 -o parent=eth2 lan2
docker run \
  -d \
  --name c3 \
  --network=lan2 \
  --ip 172.24.204.228 \
  macplan/busybox:latest sleep 600
docker create \
  --name nginx4 \
  --network lan2 \
  --ip=172.24.204.92 \
  macplan/busybox:latest sleep 600
