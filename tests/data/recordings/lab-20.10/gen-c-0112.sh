#!/bin/sh
# development scenario gen-c 112 (cli/unknown_flag)
docker network create -d macvlan --subnet 192.168.175.0/25 -o parent=eth0 --macvlan_mode=bridge macnet1
docker network create -d macvlan --subnet 192.168.175.0/25 -o parent=eth0 macnet1x
