#!/bin/sh
# development scenario gen-c 157 (create/random)
docker network create --subnet=172.18.0.0/24 -d macvlan --opt parent= --gateway 172.18.0.0 n1
docker network create -d ipvlan --opt parent=eth9.77 -o macvlan-mode=private --subnet 172.18.1.0/24 --gateway=172.18.1.242 n2
docker network create --driver macvlan -o parent=eth0.50 --subnet 172.18.0.0/20 --internal n3
