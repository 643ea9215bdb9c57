#!/bin/sh
# development scenario gen-c 264 (rm/rm_pool_reuse)
docker network create -d macvlan --subnet 192.168.201.0/28 --gateway 192.168.201.1 -o parent=eth2 macnet1
docker network rm macnet1
docker network create -d macvlan --subnet 192.168.201.0/28 -o parent=eth0 macnet2
