#!/bin/sh
# development scenario gen-c 284 (create/random)
docker network create --driver ipvlan --opt=parent=eth0 -o ipvlan_mode=l2 --opt macvlan_mode=bogus --subnet=198.51.100.0/24 --gateway=198.51.100.240 --label=team=net n1
docker network create --driver=ipvlan --opt=parent=eth0 --subnet 198.51.100.0/26 --gateway 198.51.100.0 --subnet 198.51.0.0/16 n1
docker network create --driver macvlan --opt parent=eth0.50 --subnet 198.51.100.0/24 --gateway=198.51.100.1 n2
docker network create -d macvlan --opt parent=eth1 -o macvlan_mode=passthru --subnet 198.51.100.0/24 --gateway 198.51.100.186 --aux-address=router=198.51.100.133 --aux-address printer=198.51.100.135 --subnet 198.51.100.217/24 --aux-address a=198.51.100.202 --aux-address=a=198.51.100.227 --subnet=fd00:2::aa/127 --ip-range fd00:2::aa/128 --label team=net n3
