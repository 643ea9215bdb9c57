#!/bin/sh
# development scenario gen-c 118 (cli/missing_name)
docker network create -d macvlan --subnet 192.168.161.0/28 -o parent=eth0.50
docker network create -d macvlan --subnet 192.168.161.0/28 -o parent=eth0.50 macnet1
