#!/bin/sh
# development scenario gen-c 158 (create/random)
docker network create --driver=macvlan --opt=parent=eth0 --subnet 172.18.1.0/24 --subnet 198.51.100.196/30 host
docker network create -o parent=eth0.50 --driver macvlan -o ipvlan_mode=l3 --aux-address printer=172.18.3.129 --subnet=172.18.3.128/25 n1
docker network create --driver macvlan --opt parent=eth0.50 --opt macvlan_mode=private --subnet 198.51.100.32/27 --gateway 198.51.100.50 --ip-range 198.51.100.35/28 n2
