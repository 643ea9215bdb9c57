#!/bin/sh
# development scenario gen-c 106 (endpoint/two_networks)
docker network create \
  -d macvlan \
  --subnet=192.168.165.0/24 \
  --gateway=192.168.165.1 \
  --aux-address=router=192.168.165.2 \
  --opt parent=eth0.50 \
  macnet1
docker network create \
  --driver macvlan \
  --subnet=192.168.194.0/24 \
  --gateway=192.168.194.1 \
  -o parent=eth0 \
  vlan502
docker run \
  -d \
  --name web3 \
  --network=macnet1 \
  --ip=192.168.165.41 \
  macplan/busybox:latest sleep 600
docker create --name c4 --network=vlan502 --mac-address=b6:e3:54:f4:2f:90 macplan/busybox:latest sleep 600
docker network connect --ip=192.168.194.1 vlan502 web3
