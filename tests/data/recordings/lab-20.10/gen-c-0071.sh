#!/bin/sh
# development scenario gen-c 71 (config/cfg_two_users)
docker network create --config-only --subnet 192.168.240.0/25 --ip-range 192.168.240.64/26 --gateway 192.168.240.1 -o parent=eth2 cfg1
docker network create -d macvlan --config-from cfg1 macvlan02
docker network create -d ipvlan --config-from cfg1 dmz3
docker run -d --name db4 --network macvlan02 --ip 192.168.240.106 macplan/busybox:latest sleep 600
