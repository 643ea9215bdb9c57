#!/bin/sh
# development scenario gen-c 23 (endpoint/dual_stack)
docker network create \
  --driver macvlan \
  --subnet 192.168.43.0/25 \
  --gateway 192.168.43.1 \
  --aux-address router=192.168.43.2 \
  --subnet fd48:56a6:f670::/64 \
  --gateway fd48:56a6:f670::1 \
  --ipv6 \
  -o parent=eth1 \
  office1
docker network create \
  -d macvlan \
  --subnet 10.114.115.0/27 \
  --gateway 10.114.115.1 \
  -o parent=eth0 \
  macnet2
docker run \
  -d \
  --name nginx3 \
  --network macnet2 \
  macplan/busybox:latest sleep 600
docker network connect --ip 192.168.43.112 --ip6=fd48:56a6:f670::1 office1 nginx3
docker create \
  --name pihole4 \
  --network office1 \
  --ip 192.168.43.112 \
  macplan/busybox:latest sleep 600
