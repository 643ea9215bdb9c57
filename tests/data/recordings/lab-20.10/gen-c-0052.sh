#!/bin/sh
# development scenario gen-c 52 (create/random)
docker network create --driver macvlan -o parent=eth0 -o macvlan_mode=bogus --subnet 10.1.2.144/28 --aux-address a=10.1.2.151 --aux-address router=10.1.2.162 --aux-address nas=10.1.2.145 --internal n1
docker network create --driver macvlan --opt parent=eth0 -o Parent=eth9 --subnet 10.1.2.148/28 --gateway=10.1.2.146 --aux-address nas=10.1.2.146 --subnet=fd00:1::/64 --gateway fd00:1::1 --aux-address=a=fd00:1:0:1:: --aux-address nas=fd00:1::1 n2
