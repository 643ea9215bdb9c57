#!/bin/sh
# development scenario gen-c 280 (rm/rm_missing)
docker network create -d macvlan --subnet=192.168.67.0/25 --gateway=192.168.67.126 --aux-address=router=192.168.67.2 -o parent=eth1 mv1
docker network rm macnet
