#!/bin/sh
# development scenario gen-c 119 (endpoint/static_ip)
docker network create \
  --driver macvlan \
  --subnet 192.168.241.0/25 \
  --ip-range 192.168.241.64/27 \
  --gateway 192.168.241.1 \
  --aux-address router=192.168.241.2 \
  -o parent=eth0.50 \
  dmz1
docker network create \
  --driver macvlan \
  --subnet 192.168.189.0/25 \
  --ip-range 192.168.189.64/26 \
  --gateway 192.168.189.1 \
  -o parent=eth2 \
  macvlan02
docker run \
  -d \
  --rm \
  --name pihole3 \
  --network dmz1 \
  --ip 192.168.241.74 \
  --mac-address 1a:c2:d8:22:1c:be \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name app4 \
  --network dmz1 \
  --ip 192.168.241.68 \
  --mac-address 02:42:7a:e2:bf:e8 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name db5 \
  --network dmz1 \
  --ip 192.168.241.79 \
  macplan/busybox:latest sleep 600
