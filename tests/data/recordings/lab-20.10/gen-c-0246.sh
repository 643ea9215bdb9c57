#!/bin/sh
# development scenario gen-c 246 (endpoint/dual_stack)
docker network create \
  -d macvlan \
  --subnet 192.168.47.0/25 \
  --gateway 192.168.47.1 \
  --aux-address=router=192.168.47.2 \
  --subnet 2001:db8:7a83::/64 \
  --ip-range 2001:db8:7a83::/72 \
  --gateway 2001:db8:7a83::1 \
  --ipv6 \
  -o parent=eth0 \
  macnet1
docker network create \
  -d macvlan \
  --subnet 192.168.39.0/25 \
  --gateway 192.168.39.1 \
  -o parent=eth0.50 \
  iot2
docker create --name web3 --network iot2 macplan/busybox:latest sleep 600
docker network connect --ip=192.168.47.127 --ip6 2001:db8:7a83:1::1f macnet1 web3
docker run \
  -d \
  --name db4 \
  --network macnet1 \
  --ip=192.168.47.144 \
  --ip6 2001:db8:7a83:: \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name c5 \
  --network macnet1 \
  --ip 192.168.47.105 \
  macplan/busybox:latest sleep 600
docker run \
  -d \
  --name web3 \
  --network macnet1 \
  --ip 192.168.47.23 \
  macplan/busybox:latest sleep 600
