#!/bin/sh
# development scenario gen-c 193 (endpoint/ipvlan)
docker network create --driver ipvlan --subnet=10.166.74.0/24 --ip-range=10.166.74.128/26 --gateway=10.166.74.1 --aux-address=router=10.166.74.2 -o parent=eth2 mv1
docker network create -d macvlan --subnet 192.168.215.0/28 --gateway=192.168.215.1 -o parent=eth0.50 macvlan02
docker run -d --name c3 --network macvlan02 macplan/busybox:latest sleep 600
docker network connect --ip 192.168.215.1 macvlan02 c3
docker create --name c4 --network=mv1 --ip=10.166.74.145 --mac-address=fe:89:09:51:7a:28 macplan/busybox:latest sleep 600
docker network connect --ip=192.168.215.12 macvlan02 c4
