#!/bin/sh
# development scenario gen-c 59 (create/random)
docker network create -d macvlan --opt parent=eth0 --opt=macvlan_mode=bridge --subnet fd00:1::a2/127 --gateway fd00:1::a3 --ipv6 n1
docker network create -d macvlan -o parent=eth0.50 -o macvlan_mode=private --subnet 172.18.2.0/24 --internal n2
