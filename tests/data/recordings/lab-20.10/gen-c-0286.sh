#!/bin/sh
# development scenario gen-c 286 (create/random)
docker network create -d macvlan --subnet 198.51.100.0/26 --gateway 198.51.100.50 -o Parent=eth9 --opt=parent=eth0.50 --subnet fd00:2::/64 --ipv6 --label team=net n1
docker network create -d ipvlan -o parent=eth1 --opt ipvlan_mode=l3 --subnet 198.51.100.0/24 --gateway 198.51.100.104 --ip-range 198.51.100.0/26 n2
docker network create -d macvlan -o parent=eth0 --subnet 198.51.100.176/30 --subnet fd00:2::40/126 --ipv6 n3
docker network create -d ipvlan --opt=parent=eth1 --subnet 198.51.100.0/24 --gateway 198.51.100.1 --ip-range 198.51.100.0/28 default
docker network create -d macvlan -o parent=eth1 -o macvlan_mode=private --subnet=198.51.100.0/22 --ip-range 198.51.100.0/24 n4
