#!/bin/sh
# development scenario gen-c 297 (create/random)
docker network create --driver macvlan --opt parent=eth1 --subnet 192.0.2.0/24 --subnet fd00:2::b0/124 --ip-range=fd00:2::b0/128 n1
docker network create -o parent=eth0 -d ipvlan --subnet=192.0.2.0/24 n2
docker network create -d macvlan -o parent=eth1 -o macvlan_mode=Bridge --subnet 192.0.2.0/24 n1
