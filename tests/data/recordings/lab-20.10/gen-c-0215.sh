#!/bin/sh
# development scenario gen-c 215 (endpoint/connect)
docker network create --driver macvlan --subnet 10.19.222.0/24 --ip-range 10.19.222.192/27 -o parent=eth1 macvlan01
docker network create -d macvlan --subnet 192.168.95.0/25 --ip-range 192.168.95.64/27 --gateway=192.168.95.1 --aux-address router=192.168.95.2 -o parent=eth0.50 macnet2
docker run -d --rm --name app3 --network=macnet2 macplan/busybox:latest sleep 600
docker network connect macvlan01 app3
docker network connect macvlan01 app3
docker network connect --ip 10.19.222.200 macvlan01 app3
