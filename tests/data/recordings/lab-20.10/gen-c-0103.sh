#!/bin/sh
# development scenario gen-c 103 (endpoint/ipvlan)
docker network create \
  -d ipvlan \
  --subnet=10.61.0.0/16 \
  --gateway 10.61.0.1 \
  --aux-address router=10.61.0.2 \
  --opt parent=eth1 \
  macvlan01
docker run \
  -d \
  --name web2 \
  --net=macvlan01 \
  --ip 10.61.0.87 \
  --mac-address 7e:3d:11:1a:df:7e \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name pihole3 \
  --network nosuchnet \
  macplan/busybox:latest sleep 600
docker create --name pihole4 --network macvlan01 macplan/busybox:latest sleep 600
