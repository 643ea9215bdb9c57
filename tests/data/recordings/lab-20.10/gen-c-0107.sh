#!/bin/sh
# development scenario gen-c 107 (endpoint/mac)
docker network create \
  -d macvlan \
  --subnet 192.168.85.0/25 \
  --aux-address router=192.168.85.2 \
  -o parent=eth2 \
  macvlan01
docker run \
  -d \
  --name app2 \
  --network nosuchnet \
  --mac-address 02:42:56:d7:19:a4 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name app3 \
  --network macvlan01 \
  --ip 192.168.85.101 \
  --mac-address=c6:2b:31:2c:7d:d9 \
  macplan/busybox:latest sleep 600
docker network connect macvlan01 app3
