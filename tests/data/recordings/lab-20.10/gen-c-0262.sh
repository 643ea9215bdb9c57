#!/bin/sh
# development scenario gen-c 262 (create/random)
docker network create --subnet 198.51.100.160/27 --gateway 198.51.100.168 --opt parent=eth1 --internal -d ipvlan --ip-range 198.51.100.160/28 n1
docker network create -d ipvlan -o parent=eth0.50 --subnet 198.51.100.160/27 --ip-range=198.51.100.176/29 n2
