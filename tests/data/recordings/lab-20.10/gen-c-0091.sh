#!/bin/sh
# development scenario gen-c 91 (rm/rm_pool_reuse)
docker network create --driver macvlan --subnet 10.140.0.0/16 --gateway 10.140.255.254 --opt parent=eth2 vlan501
docker network rm vlan501
docker network create -d macvlan --subnet=10.140.0.0/16 --gateway 10.140.0.1 -o parent=eth1 lan2
docker run -d --name db3 --net vlan501 --ip 10.140.255.254 macplan/busybox:latest sleep 600
