#!/bin/sh
# development scenario gen-c 270 (create/random)
docker network create n1 -o parent=eth1 --subnet 198.51.100.0/24 -d macvlan
docker network create --driver macvlan -o parent=eth0 --opt=macvlan_mode=private --subnet fd00:1::/64 --aux-address b=fd00:1::1 --ipv6 n2
