#!/bin/sh
# development scenario gen-c 161 (endpoint/two_networks)
docker network create \
  --driver macvlan \
  --subnet=10.126.241.0/27 \
  --gateway=10.126.241.1 \
  -o parent=eth1 \
  mv1
docker network create -d macvlan --subnet=10.248.0.0/16 -o parent=eth0 macnet2
docker run \
  -d \
  --name nginx3 \
  --net=mv1 \
  --ip=10.126.241.14 \
  macplan/busybox:latest sleep 600
docker create --name nginx4 --network=mv1 macplan/busybox:latest sleep 600
docker run \
  -d \
  --name nginx5 \
  --net=mv1 \
  --ip=10.126.241.14 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name test6 \
  --network=mv1 \
  --ip=10.126.241.11 \
  --mac-address=7e:ec:ad:87:b7:4e \
  macplan/busybox:latest sleep 600
