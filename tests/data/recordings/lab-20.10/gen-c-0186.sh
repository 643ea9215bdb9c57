#!/bin/sh
# development scenario gen-c 186 (endpoint/static_ip)
docker network create \
  --driver macvlan \
  --subnet=10.77.0.0/16 \
  --ip-range 10.77.192.0/18 \
  --gateway=10.77.255.254 \
  -o parent=eth0 \
  pub_net1
docker network create \
  --driver macvlan \
  --subnet 192.168.101.0/25 \
  -o parent=eth0.50 \
  vlan502
docker run \
  -d \
  --name nginx3 \
  --network vlan502 \
  macplan/busybox:latest sleep 600
docker network connect pub_net1 nginx3
docker run \
  -d \
  --name nginx3 \
  --network pub_net1 \
  --ip=10.77.255.254 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name db4 \
  --network pub_net1 \
  --ip 10.77.192.134 \
  macplan/busybox:latest sleep 600
docker create --name nginx5 --network pub_net1 macplan/busybox:latest sleep 600
docker create \
  --name db6 \
  --network=pub_net1 \
  --ip 10.77.192.211 \
  macplan/busybox:latest sleep 600
