#!/bin/sh
# development scenario gen-c 128 (rm/rm_in_use)
docker network create -d macvlan --subnet 192.168.110.0/28 --ip-range=192.168.110.8/30 --gateway=192.168.110.1 -o parent=eth1 office1
docker run -d --name c2 --network office1 macplan/busybox:latest sleep 600
docker network rm office1
docker network create -d macvlan --subnet 172.29.70.0/24 --ip-range 172.29.70.128/26 --aux-address router=172.29.70.2 -o parent=eth1 lan3
