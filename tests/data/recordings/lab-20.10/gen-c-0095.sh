#!/bin/sh
# development scenario gen-c 95 (cli/remove_spelling)
docker network create -d macvlan --subnet=192.168.25.0/25 -o parent=eth0.50 iot1
docker network delete iot1
