#!/bin/sh
# development scenario gen-c 80 (config/cfg_parent_taken)
docker network create --config-only --subnet=172.27.66.0/24 --ip-range=172.27.66.128/25 --gateway=172.27.66.1 -o parent=eth2 cfg1
docker network create -d macvlan --subnet=192.168.212.0/25 --gateway=192.168.212.1 --opt parent=eth2 macnet2
docker network create -d macvlan --config-from cfg1 macnet3
