#!/bin/sh
# development scenario gen-c 22 (rm/rm_failed_then_retry)
docker network create \
  --driver macvlan \
  --subnet 10.81.0.0/16 \
  --ip-range=10.81.128.0/17 \
  --gateway 10.81.0.1 \
  -o parent=eth0.50 \
  macnet1
docker network create \
  -d macvlan \
  --subnet 172.21.143.0/24 \
  --gateway 172.21.144.4 \
  -o parent=eth1 \
  lan2
docker network rm lan2
docker network create \
  -d macvlan \
  --subnet 172.21.143.0/24 \
  --gateway 172.21.143.1 \
  -o parent=eth1 \
  lan2
docker run \
  -d \
  --name db3 \
  --network lan2 \
  --ip 172.21.143.155 \
  --mac-address 02:42:d2:64:42:5c \
  macplan/busybox:latest sleep 600
