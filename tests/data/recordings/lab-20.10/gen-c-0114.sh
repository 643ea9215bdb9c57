#!/bin/sh
# development scenario gen-c 114 (endpoint/ipvlan)
docker network create -d ipvlan --subnet=10.18.0.0/16 --ip-range 10.18.128.0/17 --gateway=10.18.255.254 -o parent=eth1 macnet1
docker network create -d macvlan --subnet=172.28.82.0/24 --gateway=172.28.82.1 -o parent=eth0.50 macnet2
docker create --name db3 --network=macnet2 macplan/busybox:latest sleep 600
docker network connect --ip=10.18.128.213 macnet1 db3
docker run -d --name db4 --network=macnet1 --ip=10.18.0.0 --mac-address=02:42:e0:45:a0:b1 macplan/busybox:latest sleep 600
docker create --name test5 --network=macnet1 --ip=10.19.0.45 macplan/busybox:latest sleep 600
