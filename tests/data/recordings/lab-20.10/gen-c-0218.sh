#!/bin/sh
# development scenario gen-c 218 (create/random)
docker network create -d macvlan -o parent=eth0 --subnet 172.18.1.160/29 --gateway=172.18.1.161 --subnet=fd00:2::/64 --gateway 2001:db8:ffff::1 --aux-address nas=fd00:2:0:1:: --ipv6 n1
