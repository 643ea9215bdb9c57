#!/bin/sh
# development scenario gen-c 84 (create/random)
docker network create --driver ipvlan -o parent=eth0 -o ipvlan_mode=l2 -o foo=bar n1
docker network create --driver macvlan --opt parent=eth1 --subnet 10.1.0.0/24 --gateway 10.1.0.0 --subnet 10.1.0.128/25 n2
