#!/bin/sh
# development scenario gen-c 57 (config/cfg_parent_taken)
docker network create --config-only --subnet 10.130.0.0/16 --ip-range 10.130.128.0/17 --gateway 10.130.0.1 -o parent=eth0.50 cfg1
docker network create --driver macvlan --subnet 192.168.32.0/25 --ip-range 192.168.32.96/28 --gateway 192.168.32.1 --aux-address router=192.168.32.2 -o parent=eth0.50 vlan502
docker network create -d macvlan --config-from cfg1 macvlan03
