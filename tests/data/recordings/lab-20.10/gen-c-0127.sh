#!/bin/sh
# development scenario gen-c 127 (endpoint/ipvlan)
docker network create \
  --driver ipvlan \
  --subnet=10.153.62.0/27 \
  --ip-range 10.153.62.16/28 \
  --gateway 10.153.62.1 \
  -o parent=eth0 \
  mv1
docker network create \
  -d macvlan \
  --subnet 192.168.148.0/25 \
  --ip-range 192.168.148.0/26 \
  --aux-address=router=192.168.148.2 \
  -o parent=eth1 \
  office2
docker run \
  -d \
  --name test3 \
  --network office2 \
  macplan/busybox:latest sleep 600
docker network connect --ip=10.153.62.42 mv1 test3
docker run \
  -d \
  --name test4 \
  --net mv1 \
  --ip 10.153.62.0 \
  --mac-address 2e:83:d9:a7:c6:04 \
  macplan/busybox:latest sleep 600
docker create \
  --name db5 \
  --network mv1 \
  --ip 10.153.62.1 \
  --mac-address=f6:7f:ee:6a:bf:53 \
  macplan/busybox:latest sleep 600
docker create \
  --name test6 \
  --network mv1 \
  --ip 10.153.62.0 \
  macplan/busybox:latest sleep 600
docker create --name test7 --network office2 macplan/busybox:latest sleep 600
docker network connect --ip 10.153.62.19 mv1 test7
