#!/bin/sh
# development scenario gen-c 292 (create/random)
docker network create --driver ipvlan -o parent=eth0 -o ipvlan_mode=l2 -o Parent=eth9 --subnet 192.0.2.128/25 n1
docker network create --driver macvlan --opt=parent=eth0 -o ipvlan_mode=l3 --subnet 192.0.2.128/25 --gateway=192.0.2.255 --ip-range 203.0.113.0/28 n2
