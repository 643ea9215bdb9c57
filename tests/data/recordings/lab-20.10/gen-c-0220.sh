#!/bin/sh
# development scenario gen-c 220 (config/cfg_two_users)
docker network create --config-only --subnet 10.175.0.0/16 --gateway=10.175.0.1 -o parent=eth2 cfg1
docker network create -d macvlan --config-from cfg1 mv2
docker network create -d macvlan --config-from cfg1 lan3
