#!/bin/sh
# development scenario gen-c 11 (endpoint/static_ip)
docker network create --driver macvlan --subnet 192.168.73.0/25 -o parent=eth0.50 office1
docker run -d --name pihole2 --network office1 macplan/busybox:latest sleep 600
docker run -d --name app3 --network office1 --ip 192.168.73.1 macplan/busybox:latest sleep 600
docker run -d --name app4 --network office1 --ip 192.168.73.1 macplan/busybox:latest sleep 600
