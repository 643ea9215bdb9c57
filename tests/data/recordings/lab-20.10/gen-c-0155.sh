#!/bin/sh
# development scenario gen-c 155 (endpoint/static_ip)
docker network create \
  --driver macvlan \
  --subnet 10.185.0.0/16 \
  --ip-range 10.185.0.0/17 \
  --gateway 10.185.0.1 \
  --opt parent=eth0 \
  macnet1
docker network create \
  --driver macvlan \
  --subnet 192.168.228.0/25 \
  --ip-range 192.168.228.0/26 \
  --gateway 192.168.228.1 \
  -o parent=eth1 \
  vlan502
docker create --name app3 --network vlan502 macplan/busybox:latest sleep 600
docker network connect macnet1 app3
docker create \
  --name test4 \
  --network macnet1 \
  --ip 10.185.127.254 \
  --mac-address 02:42:7d:02:2d:37 \
  macplan/busybox:latest sleep 600
