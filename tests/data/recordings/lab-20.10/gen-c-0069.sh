#!/bin/sh
# development scenario gen-c 69 (create/random)
docker network create --driver ipvlan -o parent=eth0 --subnet 172.18.3.0/24 --ip-range 203.0.113.0/28 --aux-address router=172.18.3.1 --aux-address b=172.18.3.255 --aux-address b=172.18.3.0 n1
docker network create -o parent=eth0.50 --ip-range=192.0.2.24/32 -o macvlan_mode=private --subnet=192.0.2.24/29 -d macvlan --gateway 192.0.2.25 n2
docker network create --driver=macvlan -o parent=eth1 --subnet 172.18.3.0/24 --ip-range 172.18.3.0/25 n3
