#!/bin/sh
# development scenario gen-c 135 (create/random)
docker network create --driver=ipvlan -o parent=eth0 --opt ipvlan_mode=l2 --subnet 172.18.1.0/24 --gateway 172.18.1.1 --aux-address nas=172.18.1.1 --ipv6 n1
docker network create -d ipvlan -o parent=eth9.77 --subnet 172.18.202.0/24 n2
docker network create --driver ipvlan --gateway 172.18.202.215 --subnet=172.18.202.0/24 --opt=ipvlan_mode=l3s -o parent=eth0.50 n3
