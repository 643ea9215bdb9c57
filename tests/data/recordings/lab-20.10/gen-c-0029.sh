#!/bin/sh
# development scenario gen-c 29 (create/random)
docker network create --aux-address b=2001:db8::1 --driver=macvlan --ipv6 --gateway=10.1.247.162 --opt parent=eth0.50 --aux-address=a=2001:db8:ffff::1 --subnet 2001:db8::/48 --ip-range 2001:db8::/46 --gateway 2001:db8::1 --subnet 10.1.247.162/31 --aux-address router=2001:db8:1:: n1
docker network create --aux-address printer=10.1.2.1 --driver macvlan --subnet 10.1.2.0/25 -o parent=eth1 --opt macvlan_mode=vepa n2
docker network create --driver=ipvlan -o parent=eth1 -o Parent=eth9 --subnet 10.1.0.0/17 --ip-range 10.1.0.0/20 n3
docker network create --subnet 10.0.0.0/15 --opt foo=bar --aux-address=printer=10.1.199.193 -d macvlan --aux-address router=10.1.199.193 -o parent=eth0.50 n4
