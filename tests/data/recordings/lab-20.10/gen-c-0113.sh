#!/bin/sh
# development scenario gen-c 113 (create/random)
docker network create --driver=ipvlan -o parent=eth0.50 -o ipvlan_mode=l3 --subnet 172.18.0.0/22 --subnet=2001:db8::/64 --gateway 2001:db8::1 --ip-range=2001:db8::/65 n1
docker network create --opt=parent=eth1.0 -o macvlan_mode= --ip-range 172.18.0.0/17 --gateway 172.18.253.89 --driver macvlan --subnet=172.18.0.0/16 n2
docker network create -d macvlan -o parent=eth1.0 n3
