#!/bin/sh
# development scenario gen-c 117 (config/cfg_own_options)
docker network create --config-only --subnet 10.90.134.0/24 --ip-range 10.90.134.128/25 --gateway=10.90.134.1 -o parent=eth0 cfg1
docker network create -d macvlan --config-from cfg1 --internal dmz2
docker network create -d macvlan --config-from cfg1 office3
