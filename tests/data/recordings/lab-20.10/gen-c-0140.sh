#!/bin/sh
# development scenario gen-c 140 (rm/rm_multi)
docker network create --driver macvlan --subnet 192.168.161.0/25 --gateway 192.168.161.126 --aux-address router=192.168.161.2 -o parent=eth0 iot1
docker network create --driver macvlan --subnet 192.168.208.0/28 --gateway 192.168.208.1 --aux-address router=192.168.208.2 --opt parent=eth0.50 macnet2
docker network rm macnet2 ghost iot1
docker network create --driver macvlan --subnet 172.31.153.0/24 -o parent=eth0 office3
