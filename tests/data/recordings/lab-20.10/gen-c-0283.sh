#!/bin/sh
# development scenario gen-c 283 (rm/rm_pool_reuse)
docker network create -d macvlan --subnet=10.247.0.0/16 --gateway 10.247.0.1 --opt parent=eth0.50 vlan501
docker network rm vlan501
docker network create -d macvlan --subnet 10.247.0.0/16 -o parent=eth1 macvlan02
