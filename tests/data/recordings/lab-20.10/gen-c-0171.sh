#!/bin/sh
# development scenario gen-c 171 (config/cfg_basic)
docker network create --config-only --subnet 192.168.78.0/24 --ip-range 192.168.78.128/25 --gateway 192.168.78.1 -o parent=eth0.50 cfg1
docker network create -d macvlan --config-from cfg1 vlan502
docker create --name nginx3 --network vlan502 --ip 192.168.78.178 macplan/busybox:latest sleep 600
docker run -d --name nginx4 --network=vlan502 --ip=192.168.79.6 --mac-address=02:42:01:8e:7b:e9 macplan/busybox:latest sleep 600
docker run -d --rm --name nginx5 --network vlan502 --ip 192.168.78.210 macplan/busybox:latest sleep 600
