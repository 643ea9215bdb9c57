#!/bin/sh
# development scenario gen-c 290 (config/cfg_missing)
docker network create -d macvlan --config-from nosuchcfg office2
docker network create --config-only --subnet 172.19.38.0/24 --ip-range 172.19.38.128/25 --gateway 172.19.38.1 -o parent=eth2 cfg1
docker network create -d ipvlan --config-from cfg1 office3
docker run -d --name app4 --network office3 --ip 172.19.38.0 --mac-address 02:42:0f:2f:e0:b1 macplan/busybox:latest sleep 600
docker run -d --name pihole5 --network office3 --ip 172.19.38.0 macplan/busybox:latest sleep 600
docker run -d --name c6 --net office3 --mac-address 02:42:0f:2f:e0:b1 macplan/busybox:latest sleep 600
