#!/bin/sh
# development scenario gen-c 66 (create/random)
docker network create --subnet 10.2.3.0/24 --driver ipvlan --attachable --aux-address a=10.2.3.96 -o parent= n1
docker network create -o macvlan_mode=passthru --ip-range 10.2.0.32/32 --label=team=net --subnet 10.2.0.32/28 -d macvlan -o parent=eth0.50 n2
docker network create -d ipvlan --opt parent=eth0 -o ipvlan_mode=l2 -o Parent=eth9 --subnet 10.2.2.0/24 --ip-range 10.2.2.0/27 --subnet=fd00:2::/64 --gateway=fd00:2::1 --ip-range=fd00:2::/66 n3
