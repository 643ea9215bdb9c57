#!/bin/sh
# development scenario gen-c 130 (create/random)
docker network create -d macvlan --opt=parent=lo --subnet 2001:db8::90/124 host
docker network create --aux-address=a=10.2.3.153 -o parent=eth1 --aux-address a=10.2.3.153 --gateway 10.2.3.155 --subnet 10.2.1.0/28 --aux-address b=10.2.3.153 --opt macvlan_mode=passthru --subnet 10.2.3.152/29 --driver macvlan n1
