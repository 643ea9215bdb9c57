#!/bin/sh
# development scenario gen-c 77 (create/random)
docker network create -d macvlan --opt parent=eth0 --subnet fd00:2::/56 --gateway fd00:2::1 --ip-range fd00:2::/57 n1
docker network create --driver=ipvlan --opt parent=eth0 --subnet 10.1.2.186/31 --gateway 10.1.2.186 --ip-range 10.1.2.186/32 --subnet 10.1.2.64/28 --ip-range=10.1.2.64/29 n2
docker network create -d macvlan -o parent=eth0 -o macvlan_mode=passthru --subnet=10.1.0.0/24 n3
