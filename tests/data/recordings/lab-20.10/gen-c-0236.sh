#!/bin/sh
# development scenario gen-c 236 (rm/rm_name_reuse)
docker network create --driver macvlan --subnet=10.161.43.0/27 --gateway 10.161.43.1 --aux-address router=10.161.43.2 -o parent=eth2 mv1
docker network rm mv1
docker network create --driver macvlan --subnet 10.88.212.0/24 --gateway 10.88.212.1 -o parent=eth0 mv1
docker network create --driver macvlan --subnet 10.54.114.0/27 --gateway 10.54.114.1 -o parent=eth1 mv1
