#!/bin/sh
# development scenario gen-c 183 (create/random)
docker network create -d ipvlan -o parent=eth1 -o ipvlan_mode=l2 --subnet 10.1.0.0/20 --ip-range 10.1.0.0/23 n1
docker network create -d macvlan -o parent=eth0.50 -o ipvlan_flag=private --subnet 10.1.3.182/32 --gateway 10.1.3.182 n2
docker network create --driver macvlan --opt parent=eth0.50 -o macvlan_mode=vepa --subnet 10.1.6.0/24 --gateway=10.1.7.0 n3
