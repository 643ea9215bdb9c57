#!/bin/sh
# development scenario gen-c 205 (create/random)
docker network create --driver macvlan -o parent=eth1 --opt=macvlan_mode=vepa --subnet 10.2.1.128/26 n1
docker network create --subnet fd00:1::f5/128 --aux-address a=fd00:1::f5 --gateway=fd00:1::f5 -o ipvlan_mode=l3s --ip-range fd00:1::f5/128 --opt parent=lo --driver ipvlan n2
docker network create --driver ipvlan -o ipvlan_mode=l3 --subnet=10.2.1.128/27 --gateway=10.2.1.155 n3
