#!/bin/sh
# development scenario gen-c 146 (create/random)
docker network create -o macvlan_mode=passthru --opt parent=eth1 --driver macvlan --subnet 10.1.3.48/28 --aux-address nas=10.1.3.49 n1
docker network create -d macvlan -o parent=eth0.50 --opt=macvlan_mode=vepa --subnet 10.1.3.0/24 n2
docker network create -d macvlan -o parent=eth0 -o macvlan_mode=bridge --subnet 10.1.31.0/24 --gateway 10.1.31.0 --ip-range 10.1.31.32/27 n3
