#!/bin/sh
# development scenario gen-c 12 (create/random)
docker network create -o parent=eth1 --subnet 198.51.100.0/24 --driver macvlan n1
docker network create n2 -d ipvlan --opt parent=eth0 --opt ipvlan_mode=l3s --subnet=198.51.100.0/26 --gateway=198.51.100.8
