#!/bin/sh
# development scenario gen-c 122 (config/cfg_missing)
docker network create -d macvlan --config-from nosuchcfg mv2
docker network create --config-only --subnet 192.168.52.0/28 -o parent=eth0 cfg1
docker network create -d macvlan --config-from cfg1 mv3
