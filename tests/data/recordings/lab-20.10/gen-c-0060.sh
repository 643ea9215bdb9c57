#!/bin/sh
# development scenario gen-c 60 (create/random)
docker network create --subnet=10.1.95.0/24 --subnet fd00:2::70/124 --subnet=198.51.100.192/28 --aux-address nas=fd00:2::78 --gateway 10.1.95.169 --driver macvlan --ip-range 10.1.95.0/25 -o parent=eth0 n1
docker network create -d macvlan -o parent=eth1 --opt macvlan_mode=vepa -o Parent=eth9 --subnet 198.51.100.44/31 --aux-address router=198.51.100.45 --aux-address router=198.51.100.44 --aux-address=printer=198.51.100.45 --subnet fd00:2::/56 --ip-range fd00:2::/57 --aux-address a=fd00:2::1 n2
docker network create --driver macvlan --opt parent=eth1 --opt macvlan_mode=bridge --subnet 198.51.100.44/31 --gateway 198.51.100.44 --ip-range 198.51.100.45/32 --subnet=fd00:2::80/124 --aux-address router=fd00:2::82 --aux-address=a=fd00:2::89 --aux-address router=fd00:2::81 --ipv6 --internal n1
