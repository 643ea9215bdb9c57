#!/bin/sh
# development scenario gen-c 240 (config/cfg_own_options)
docker network create --config-only --subnet 192.168.246.0/28 --ip-range 192.168.246.8/29 --gateway 192.168.246.1 -o parent=eth0.50 cfg1
docker network create -d macvlan --config-from cfg1 --gateway 192.168.246.1 dmz2
docker network create -d macvlan --config-from cfg1 iot3
