#!/bin/sh
# development scenario gen-c 37 (endpoint/mac)
docker network create \
  -d macvlan \
  --subnet 10.102.71.0/27 \
  --ip-range 10.102.71.24/29 \
  --aux-address router=10.102.71.2 \
  -o parent=eth2 \
  office1
docker network create \
  --driver macvlan \
  --subnet 10.35.228.0/24 \
  --gateway 10.35.228.254 \
  -o parent=eth0 \
  lan2
docker run \
  -d \
  --name app3 \
  --network lan2 \
  macplan/busybox:latest sleep 600
docker network connect --ip 10.102.71.24 office1 app3
docker network connect office1 app3
docker create \
  --name test4 \
  --network office1 \
  --ip 10.102.71.24 \
  --mac-address 92:93:1b:b1:65:81 \
  macplan/busybox:latest sleep 600
docker network connect office1 test4
docker create \
  --name nginx5 \
  --network office1 \
  --ip 10.102.71.1 \
  --mac-address 8e:0a:de:ad:ff:d3 \
  macplan/busybox:latest sleep 600
