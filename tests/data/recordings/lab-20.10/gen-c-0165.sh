#!/bin/sh
# development scenario gen-c 165 (create/random)
docker network create --driver ipvlan -o ipvlan_mode=l3 --subnet=10.1.0.0/20 --gateway 10.1.16.2 --aux-address nas=10.1.16.1 --aux-address router=10.1.16.0 --subnet=fd00:1::/64 --gateway fd00:1:: --aux-address printer=fd00:1:: --aux-address b=fd00:1:: --gateway=10.99.0.1 n1
docker network create n2 -d macvlan --opt parent=eth0.50 --subnet 10.1.2.192/27 --subnet 10.1.0.0/20 --gateway 10.1.0.0 --ip-range 10.1.0.0/21 --internal
docker network create --driver macvlan -o parent=eth0 --label team=net n3
docker network create --driver=ipvlan --opt=parent=eth0.50 --internal n1
docker network create --subnet 10.1.48.0/20 --ip-range 10.1.48.0/22 -o macvlan_mode=passthru --driver macvlan --opt parent=eth1 n4
