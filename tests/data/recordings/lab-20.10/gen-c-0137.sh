#!/bin/sh
# development scenario gen-c 137 (cli/ip_on_create)
docker network create -d macvlan --subnet=172.22.110.0/24 -o parent=eth1 --ip 172.22.110.5 vlan501
docker network create -d macvlan --subnet=172.22.110.0/24 -o parent=eth1 vlan501
