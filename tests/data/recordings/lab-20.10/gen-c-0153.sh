#!/bin/sh
# development scenario gen-c 153 (rm/rm_multi)
docker network create -d macvlan --subnet 10.242.112.0/27 --gateway 10.242.112.1 --opt parent=eth2 pub_net1
docker network create -d macvlan --subnet 192.168.181.0/25 --ip-range=192.168.181.64/26 --aux-address router=192.168.181.2 -o parent=eth0 macvlan02
docker network remove macvlan02 pub_net1
docker network create -d macvlan --subnet=192.168.46.0/25 -o parent=eth2 macnet3
