#!/bin/sh
# development scenario gen-c 99 (config/cfg_own_options)
docker network create --config-only --subnet 192.168.207.0/25 --gateway 192.168.207.1 -o parent=eth2 cfg1
docker network create -d macvlan --config-from cfg1 --subnet 172.18.188.0/24 lan2
docker network create -d macvlan --config-from cfg1 mv3
