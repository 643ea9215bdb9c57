#!/bin/sh
# development scenario gen-c 251 (create/random)
docker network create --driver macvlan --opt=parent=eth0.50 -o macvlan_mode=bridge --subnet 10.1.2.224/27 --gateway 10.1.2.225 --aux-address printer=10.1.2.225 --subnet 10.1.176.32/27 --aux-address printer=10.1.176.56 --aux-address nas=10.1.176.33 n1
docker network create -d ipvlan -o parent=eth0.50 --subnet 10.1.2.224/29 --ipv6 n2
