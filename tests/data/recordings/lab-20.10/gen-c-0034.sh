#!/bin/sh
# development scenario gen-c 34 (config/cfg_two_users)
docker network create --config-only --subnet 192.168.85.0/25 --ip-range 192.168.85.64/26 -o parent=eth0.50 -o macvlan_mode=bridge cfg1
docker network create -d macvlan --config-from=cfg1 iot2
docker network create -d ipvlan --config-from cfg1 mv3
