#!/bin/sh
# development scenario gen-c 10 (cli/remove_spelling)
docker network create -d macvlan --subnet 192.168.39.0/25 -o parent=eth1 iot1
docker network remove iot1
