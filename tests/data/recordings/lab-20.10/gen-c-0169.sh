#!/bin/sh
# development scenario gen-c 169 (endpoint/two_networks)
docker network create \
  --driver macvlan \
  --subnet 192.168.191.0/25 \
  --ip-range=192.168.191.64/26 \
  -o parent=eth0.50 \
  dmz1
docker network create \
  --driver macvlan \
  --subnet 10.24.164.0/27 \
  --ip-range 10.24.164.16/29 \
  --aux-address router=10.24.164.2 \
  --subnet 2001:db8:7a29::/112 \
  --gateway 2001:db8:7a29::1 \
  --ipv6 \
  -o parent=eth2 \
  office2
docker create \
  --name web3 \
  --network office2 \
  --ip 10.24.164.1 \
  --ip6 2001:db8:7a29::fffe \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name web4 \
  --network dmz1 \
  --ip=192.168.191.126 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name test5 \
  --network nosuchnet \
  --mac-address da:ef:8d:56:b9:82 \
  macplan/busybox:latest sleep 600
