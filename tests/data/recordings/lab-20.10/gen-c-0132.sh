#!/bin/sh
# development scenario gen-c 132 (config/cfg_endpoint)
docker network create --config-only --subnet 192.168.131.0/24 -o parent=eth2 cfg1
docker network create -d macvlan --config-from=cfg1 macvlan02
docker create --name pihole3 --network=macvlan02 --ip 192.168.131.224 macplan/busybox:latest sleep 600
docker run -d --name c4 --network macvlan02 --ip 192.168.131.53 macplan/busybox:latest sleep 600
