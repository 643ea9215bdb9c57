#!/bin/sh
# development scenario gen-c 33 (endpoint/static_ip)
docker network create \
  -d macvlan \
  --subnet 10.106.117.0/27 \
  --gateway 10.106.117.1 \
  --aux-address router=10.106.117.2 \
  -o parent=eth1 \
  iot1
docker network create \
  -d macvlan \
  --subnet=192.168.9.0/25 \
  --ip-range 192.168.9.0/26 \
  --aux-address router=192.168.9.2 \
  -o parent=eth2 \
  pub_net2
docker create --name app3 --network=nosuchnet macplan/busybox:latest sleep 600
docker run \
  -d \
  --name pihole4 \
  --network iot1 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name app5 \
  --net iot1 \
  --ip 10.106.117.14 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name pihole6 \
  --network iot1 \
  --ip 10.106.117.2 \
  macplan/busybox:latest sleep 600
