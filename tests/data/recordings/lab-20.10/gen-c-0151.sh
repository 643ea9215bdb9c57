#!/bin/sh
# development scenario gen-c 151 (config/cfg_basic)
docker network create --config-only --subnet 10.133.54.0/24 --ip-range 10.133.54.128/25 --gateway 10.133.54.1 -o parent=eth0 -o macvlan_mode=vepa cfg1
docker network create -d macvlan --config-from cfg1 iot2
docker run -d --name pihole3 --network iot2 --mac-address 02:42:e4:fa:ed:17 macplan/busybox:latest sleep 600
