#!/bin/sh
# development scenario gen-c 55 (create/random)
docker network create --driver=macvlan -o parent=eth1 --subnet 10.2.0.0/26 --gateway 10.2.0.44 --aux-address=a=10.2.0.1 --aux-address a=10.2.0.21 --aux-address printer=10.2.0.35 n1
docker network create -d ipvlan -o parent=eth0 --opt ipvlan_flag=vepa --subnet=10.2.0.0/22 --gateway 10.2.3.55 --ip-range 10.2.0.0/24 n2
docker network create --driver=ipvlan -o parent=eth1 --subnet 10.2.104.0/22 --aux-address router=10.2.108.0 n3
