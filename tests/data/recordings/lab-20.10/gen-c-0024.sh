#!/bin/sh
# development scenario gen-c 24 (create/random)
docker network create --driver macvlan -o parent=eth1 --opt=macvlan_mode=passthru --subnet 192.0.2.0/24 --gateway 192.0.2.112 --subnet 2001:db8::e4/126 --gateway=2001:db8::e6 --ipv6 --label team=net n1
docker network create n2 -d macvlan -o parent=eth0.50 --opt=macvlan_mode=vepa --subnet 192.0.2.214/31 --gateway 192.0.2.215 --aux-address=nas=192.0.2.215 --aux-address b=192.0.2.214 --aux-address nas=192.0.2.214 --subnet 192.0.2.193/32 --gateway 192.0.2.193 --ip-range 192.0.2.193/32
docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=l2 --subnet=2001:db8::e4/126 --gateway 2001:db8::e5 --ipv6 --internal n3
