#!/bin/sh
# development scenario gen-c 198 (cli/publish)
docker network create -d macvlan --subnet 192.168.39.0/24 -o parent=eth2 -p 80:80 pub_net1
docker network create -d macvlan --subnet 192.168.39.0/24 -o parent=eth2 pub_net1
