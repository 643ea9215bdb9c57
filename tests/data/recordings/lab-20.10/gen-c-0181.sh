#!/bin/sh
# development scenario gen-c 181 (endpoint/static_ip)
docker network create \
  --driver macvlan \
  --subnet=192.168.4.0/28 \
  --gateway=192.168.4.14 \
  -o parent=eth0.50 \
  mv1
docker create \
  --name pihole2 \
  --network=mv1 \
  --ip=192.168.4.14 \
  --mac-address=02:42:47:3d:94:94 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name web3 \
  --network=mv1 \
  --mac-address=02:42:6f:a2:54:13 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name nginx4 \
  --network=mv1 \
  --ip=192.168.4.8 \
  macplan/busybox:latest sleep 600
docker create --name pihole5 --network=mv1 --ip=192.168.4.14 macplan/busybox:latest sleep 600
