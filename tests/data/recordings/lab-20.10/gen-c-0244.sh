#!/bin/sh
# development scenario gen-c 244 (create/random)
docker network create --gateway fd00:1::6:c8d7 -o ipvlan_mode=l3 --aux-address router=172.18.3.1 --aux-address=a=172.18.3.158 --aux-address b=172.18.3.0 --subnet=fd00:1::/56 --subnet=172.18.3.0/24 --opt parent=eth0 --gateway 172.18.3.1 --aux-address printer=192.0.2.129 --subnet 192.0.2.128/25 --ip-range fd00:1::/60 --ip-range=172.18.3.0/27 -o ipvlan_mode=l2 --driver ipvlan n1
docker network create -d macvlan --opt=parent=eth9 -o macvlan_mode=bridge --opt foo=bar --subnet=192.0.35.141/17 --gateway 192.0.116.100 --ip-range 192.0.128.0/28 n2
