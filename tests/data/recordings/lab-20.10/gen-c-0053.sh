#!/bin/sh
# development scenario gen-c 53 (create/random)
docker network create --driver ipvlan -o parent=eth0.50 --subnet 172.18.100.197/32 n1
