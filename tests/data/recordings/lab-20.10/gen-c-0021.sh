#!/bin/sh
# development scenario gen-c 21 (create/random)
docker network create -d ipvlan --opt parent=eth0.50 -o ipvlan_mode=l2 --subnet 10.1.3.68/30 --subnet fd00:1::e830:b9fd:20eb:623a/64 --gateway fd00:1::1 --ipv6 --label team=net n1
docker network create -o parent=eth0.50 --ipv6 -o ipvlan_mode=l4 --ip-range=fd00:1::/73 -d ipvlan --subnet fd00:1::/72 n2
docker network create --driver macvlan --opt parent=eth0 --opt Parent=eth9 --subnet 10.1.3.68/30 default
