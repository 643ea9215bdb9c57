#!/bin/sh
# development scenario gen-c 56 (endpoint/two_networks)
docker network create \
  --driver macvlan \
  --subnet 10.118.18.0/24 \
  -o parent=eth2 \
  iot1
docker network create \
  --driver macvlan \
  --subnet 10.122.191.0/27 \
  --gateway 10.122.191.1 \
  -o parent=eth0.50 \
  macvlan02
docker run \
  -d \
  --name db3 \
  --network iot1 \
  --ip 10.118.18.143 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name test4 \
  --network macvlan02 \
  --ip 10.122.191.17 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name nginx5 \
  --network=iot1 \
  --ip 10.118.18.200 \
  macplan/busybox:latest sleep 600
docker create \
  --name nginx6 \
  --network iot1 \
  --mac-address ea:ed:a9:b4:5b:93 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --rm \
  --name app7 \
  --network iot1 \
  --ip 10.118.19.44 \
  macplan/busybox:latest sleep 600
