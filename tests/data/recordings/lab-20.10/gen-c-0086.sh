#!/bin/sh
# development scenario gen-c 86 (endpoint/connect)
docker network create \
  -d macvlan \
  --subnet=192.168.218.0/28 \
  --ip-range=192.168.218.0/29 \
  --opt parent=eth1 \
  vlan501
docker network create \
  -d macvlan \
  --subnet=10.154.0.0/16 \
  --aux-address=router=10.154.0.2 \
  -o parent=eth2 \
  macvlan02
docker run \
  -d \
  --name app3 \
  --network=vlan501 \
  --ip=192.168.218.6 \
  macplan/busybox:latest sleep 600
docker network connect nosuchnet app3
