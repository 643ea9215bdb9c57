#!/bin/sh
# development scenario gen-c 47 (create/random)
docker network create --gateway 172.18.2.193 -o parent=eth0 -o macvlan_mode=private --driver macvlan --subnet 172.18.2.192/28 --aux-address a=172.18.2.202 n1
docker network create --driver ipvlan --opt parent=eth0 --opt=ipvlan_mode=l3 --subnet 172.18.1.144/29 --gateway 172.18.1.145 n1
