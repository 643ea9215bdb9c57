#!/bin/sh
# development scenario gen-c 249 (create/random)
docker network create --driver macvlan -o parent=eth0.50 --subnet fd00:2::/48 --gateway=fd00:2::1 --ip-range=fd00:2::/50 n1
docker network create --driver macvlan -o parent=eth0.50 --subnet=10.2.0.0/24 --gateway 10.2.1.0 n2
docker network create --driver macvlan -o parent=eth0 --opt macvlan_mode=private --subnet 10.2.1.80/28 --ip-range 10.2.1.80/32 n3
docker network create --driver macvlan --opt=parent=eth9 -o macvlan_mode=Bridge --subnet 10.2.0.0/22 --aux-address a=10.2.0.0 --aux-address=b=10.2.0.1 --subnet 10.2.3.8/29 --gateway 300.1.1.1 --ip-range 10.2.3.16/28 --aux-address printer=10.2.3.9 n4
docker network create --driver macvlan -o parent=eth0 --subnet 10.2.2.51/32 --gateway 10.2.2.51 --ip-range=10.2.2.51/32 n5
