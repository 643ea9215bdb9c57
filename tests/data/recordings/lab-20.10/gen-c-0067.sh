#!/bin/sh
# development scenario gen-c 67 (cli/missing_name)
docker network create -d macvlan --subnet 192.168.73.0/25 -o parent=eth0
docker network create -d macvlan --subnet 192.168.73.0/25 -o parent=eth0 macnet1
