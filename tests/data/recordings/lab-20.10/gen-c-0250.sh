#!/bin/sh
# development scenario gen-c 250 (cli/ip_on_create)
docker network create -d macvlan --subnet 172.25.186.0/24 -o parent=eth0 --ip 172.25.186.5 macnet1
docker network create -d macvlan --subnet 172.25.186.0/24 -o parent=eth0 macnet1
