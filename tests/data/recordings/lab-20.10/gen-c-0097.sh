#!/bin/sh
# development scenario gen-c 97 (rm/rm_parent_reuse)
docker network create --driver macvlan --subnet 172.25.193.0/24 --ip-range 172.25.193.128/25 --gateway 172.25.193.1 -o parent=eth0.50 macnet1
docker network create -d macvlan --subnet 192.168.140.0/28 -o parent=eth0.50 mv2
docker network rm macnet1
docker network create -d macvlan --subnet 192.168.140.0/28 -o parent=eth0.50 mv2
