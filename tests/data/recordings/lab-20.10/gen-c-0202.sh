#!/bin/sh
# development scenario gen-c 202 (rm/rm_parent_reuse)
docker network create --driver macvlan --subnet=10.5.68.0/27 --gateway=10.5.68.30 --aux-address=router=10.5.68.2 -o parent=eth0.50 pub_net1
docker network create -d macvlan --subnet=192.168.104.0/24 -o parent=eth0.50 lan2
docker network rm pub_net1
docker network create -d macvlan --subnet=192.168.104.0/24 -o parent=eth0.50 lan2
