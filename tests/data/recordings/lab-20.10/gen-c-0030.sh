#!/bin/sh
# development scenario gen-c 30 (endpoint/fill_small)
docker network create -d macvlan --subnet 10.234.90.0/30 -o parent=eth0.50 vlan501
docker run -d --rm --name pihole2 --network=vlan501 macplan/busybox:latest sleep 600
docker run -d --name app3 --network=vlan501 macplan/busybox:latest sleep 600
docker run -d --name pihole4 --network=vlan501 macplan/busybox:latest sleep 600
