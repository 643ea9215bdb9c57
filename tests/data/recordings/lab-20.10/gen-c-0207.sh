#!/bin/sh
# development scenario gen-c 207 (endpoint/no_subnet)
docker network create -d macvlan -o parent=eth1 mv1
docker create --name pihole2 --network none macplan/busybox:latest sleep 600
docker network connect mv1 pihole2
docker network connect mv1 pihole2
