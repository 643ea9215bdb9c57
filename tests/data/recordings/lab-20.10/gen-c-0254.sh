#!/bin/sh
# development scenario gen-c 254 (config/cfg_two_users)
docker network create --config-only --subnet=10.135.0.0/16 -o parent=eth2 cfg1
docker network create -d macvlan --config-from cfg1 lan2
docker network create -d macvlan --config-from cfg1 pub_net3
