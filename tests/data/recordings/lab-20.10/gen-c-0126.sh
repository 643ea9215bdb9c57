#!/bin/sh
# development scenario gen-c 126 (rm/rm_multi)
docker network create -d macvlan --subnet 10.88.0.0/16 --ip-range 10.88.192.0/19 --gateway 10.88.0.1 --aux-address router=10.88.0.2 -o parent=eth0.50 dmz1
docker network create --driver macvlan --subnet 10.252.49.0/24 --gateway 10.252.49.1 -o parent=eth1 lan2
docker network rm lan2 dmz1
docker network create -d macvlan --subnet 172.26.253.0/24 --gateway 172.26.253.1 -o parent=eth0.50 iot3
