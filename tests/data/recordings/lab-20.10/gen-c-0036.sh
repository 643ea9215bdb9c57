#!/bin/sh
# development scenario gen-c 36 (create/random)
docker network create --opt parent=eth0 --driver=macvlan n1
docker network create --driver ipvlan --opt parent=eth0.50 --subnet 192.0.2.0/24 --subnet 2001:db8::58/126 --ip-range 2001:db8::58/128 --aux-address nas=2001:db8::59 n2
docker network create -d macvlan --opt=parent=eth1 --subnet 192.0.2.128/27 --subnet 2001:db8:0:5bc7::/64 --gateway 2001:db8:0:5bc7::1 --ip-range 2001:db8:0:5bc7::/65 --aux-address router=2001:db8:0:5bc7::a35e --label=team=net n3
docker network create --driver macvlan --opt parent=eth1 --subnet 10.2.2.0/24 n4
