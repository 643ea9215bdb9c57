#!/bin/sh
# development scenario gen-c 141 (create/random)
docker network create --driver macvlan --opt=parent=eth1 -o macvlan_mode=bridge --subnet 198.51.100.0/25 --subnet=fd00:1::/64 --ipv6 n1
docker network create --driver macvlan --opt parent=eth0 -o macvlan_mode=Bridge --subnet 198.51.100.0/24 --subnet=fd00:1::/120 --gateway fd00:1::2e --ipv6 n1
docker network create -d ipvlan --opt parent=eth0.50 --subnet 198.51.100.0/24 --ip-range=198.51.100.0/27 --subnet fd00:1::/64 --ipv6 n2
