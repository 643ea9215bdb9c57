#!/bin/sh
# development scenario gen-c 74 (rm/rm_multi)
docker network create --driver macvlan --subnet 192.168.20.0/25 --ip-range=192.168.20.64/27 --gateway 192.168.20.1 -o parent=eth1 mv1
docker network create --driver macvlan --subnet 192.168.154.0/28 --gateway=192.168.154.1 -o parent=eth0.50 macvlan02
docker network rm mv1 macvlan02 ghost
docker network create -d ipvlan --subnet 10.38.0.0/16 --gateway 10.38.0.1 -o parent=eth1 vlan503
docker run -d --name test4 --network vlan503 macplan/busybox:latest sleep 600
