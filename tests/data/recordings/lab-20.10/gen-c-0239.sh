#!/bin/sh
# development scenario gen-c 239 (config/cfg_own_options)
docker network create --config-only --subnet=10.101.0.0/16 --ip-range=10.101.128.0/17 --gateway=10.101.0.1 -o parent=eth1 cfg1
docker network create -d macvlan --config-from cfg1 --gateway=10.101.0.1 macnet2
docker network create -d ipvlan --config-from=cfg1 pub_net3
