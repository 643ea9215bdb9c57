#!/bin/sh
# development scenario gen-c 197 (create/random)
docker network create -d macvlan -o parent=eth1 -o macvlan_mode=passthru --subnet 10.2.0.0/20 --gateway 10.2.15.233 --aux-address router=10.2.10.84 --subnet 2001:db8::/64 --aux-address a=2001:db8::3d25 --ipv6 n1
docker network create --driver=macvlan --opt=parent=eth0 -o macvlan_mode=Bridge --subnet=10.2.245.156/16 --gateway=10.3.0.2 n2
docker network create -d ipvlan --subnet 10.0.0.0/14 --aux-address=b=10.2.62.125 -o parent=eth0 n3
