#!/bin/sh
# development scenario gen-c 48 (config/cfg_endpoint)
docker network create --config-only --subnet 10.64.222.0/24 --gateway 10.64.222.1 -o parent=eth1 cfg1
docker network create -d macvlan --config-from cfg1 mv2
docker run -d --name pihole3 --net mv2 --ip 10.64.222.47 macplan/busybox:latest sleep 600
docker run -d --name c4 --network mv2 macplan/busybox:latest sleep 600
docker run -d --name test5 --network mv2 macplan/busybox:latest sleep 600
