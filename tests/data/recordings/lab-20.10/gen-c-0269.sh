#!/bin/sh
# development scenario gen-c 269 (create/random)
docker network create n1 --driver ipvlan -o parent=eth1 --subnet fd00:2::f/128 --gateway fd00:2::f --ip-range fd00:2::f/128 --label team=net
docker network create --driver ipvlan -o parent=eth0 --opt=ipvlan_mode=l3 --subnet=192.0.2.96/29 n1
docker network create --subnet 192.0.2.16/28 --opt parent=eth0.50 -d ipvlan n2
docker network create --driver ipvlan --opt parent=eth0.50 --opt=ipvlan_mode=l4 --opt foo=bar --subnet fd00:2::f/128 --gateway=fd00:2::f --aux-address=printer=fd00:2::10 --ipv6 --internal n3
