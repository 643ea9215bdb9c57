#!/bin/sh
# development scenario gen-c 108 (rm/rm_missing)
docker network create -d macvlan --subnet=172.18.113.0/24 --ip-range=172.18.113.224/27 --gateway=172.18.113.1 --aux-address=router=172.18.113.2 -o parent=eth1 vlan501
docker network rm nosuch
docker network rm vlan501
docker network rm vlan501
docker run -d --name c2 --network=vlan501 --ip=172.18.113.2 macplan/busybox:latest sleep 600
