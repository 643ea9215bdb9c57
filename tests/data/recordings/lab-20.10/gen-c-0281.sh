#!/bin/sh
# development scenario gen-c 281 (config/cfg_basic)
docker network create --config-only --subnet 10.26.117.0/24 --gateway 10.26.117.1 -o parent=eth1 cfg1
docker network create -d macvlan --config-from=cfg1 macvlan02
docker create --name db3 --network macvlan02 --ip 10.26.117.255 macplan/busybox:latest sleep 600
docker run -d --name web4 --network macvlan02 --ip 10.26.117.0 macplan/busybox:latest sleep 600
