#!/bin/sh
# development scenario gen-c 93 (create/random)
docker network create -d macvlan -o parent=eth0.50 --opt=macvlan_mode=vepa -o ipvlan_flag=bridge --subnet 10.2.1.192/28 --ip-range 10.2.1.192/29 n1
docker network create --opt parent=eth0 --driver ipvlan --subnet fd00:1::32/128 n2
docker network create -d macvlan -o parent=eth0 --subnet=10.2.0.0/25 --aux-address b=10.2.0.0 --aux-address=b=10.2.0.1 n3
