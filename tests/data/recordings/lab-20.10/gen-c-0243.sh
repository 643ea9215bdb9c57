#!/bin/sh
# development scenario gen-c 243 (create/random)
docker network create --driver=macvlan -o parent=eth0.50 -o macvlan_mode=bridge --subnet 10.2.0.0/20 n1
docker network create --gateway 10.2.1.93 --subnet 10.2.1.64/27 -o macvlan_mode=vepa --opt parent=eth0.abc --driver=macvlan n2
docker network create --internal --subnet 198.51.100.45/32 --subnet 10.2.3.64/27 --driver macvlan --opt=parent=eth1 --ip-range 10.2.3.64/29 n3
docker network create n4 -d macvlan -o parent=eth0 --opt macvlan_mode=private -o macvlan_mode=bogus --subnet 10.2.2.43/20 --gateway=203.0.113.9 --subnet 2001:db8::/56 --gateway=2001:db8::1
docker network create n5 --driver macvlan --opt parent=eth0 --subnet 198.51.100.0/24 --gateway=198.51.100.1 --subnet 2001:db8::/64
