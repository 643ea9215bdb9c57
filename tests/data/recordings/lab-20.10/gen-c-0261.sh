#!/bin/sh
# development scenario gen-c 261 (create/random)
docker network create --driver=macvlan -o parent=eth0 --opt macvlan_mode=bridge --subnet 10.2.24.200/29 --gateway 10.2.24.200 --aux-address=b=10.2.24.207 host
docker network create -o ipvlan_mode=l2 --driver ipvlan --ip-range 10.2.24.200/30 -o parent=eth0 --subnet 10.2.24.200/29 n1
docker network create -d ipvlan --opt parent=eth0.50 -o ipvlan_mode=l2 --subnet 10.2.24.192/27 --gateway 10.2.24.215 --subnet fd00:1::/48 --gateway=fd00:1::5:d195 --ip-range=fd00:1::/52 n2
docker network create -d macvlan --subnet fd00:1::/48 --gateway fd00:1::1 --ip-range fd00:1::/52 --ipv6 n3
docker network create -d macvlan --opt parent=eth1 --opt macvlan_mode=passthru --subnet 10.2.193.160/27 --ip-range 10.2.193.160/30 --subnet fd00:1::/48 n4
