#!/bin/sh
# development scenario gen-c 85 (endpoint/ipvlan)
docker network create --driver ipvlan --subnet 172.20.29.0/24 --gateway 172.20.29.1 -o parent=eth0.50 macnet1
docker run -d --name c2 --network macnet1 --ip 172.20.29.104 macplan/busybox:latest sleep 600
docker run -d --name pihole3 --network macnet1 macplan/busybox:latest sleep 600
docker run -d --name pihole4 --network macnet1 --ip 172.20.29.26 macplan/busybox:latest sleep 600
docker run -d --name test5 --network macnet1 --ip=172.20.29.104 macplan/busybox:latest sleep 600
docker run -d --name c6 --network macnet1 macplan/busybox:latest sleep 600
