#!/bin/sh
# development scenario gen-c 65 (endpoint/mac)
docker network create -d macvlan --subnet 172.30.85.0/24 --ip-range 172.30.85.192/26 -o parent=eth0.50 iot1
docker run -d --rm --name web2 --network iot1 --ip 172.30.86.47 macplan/busybox:latest sleep 600
docker network create -d macvlan --subnet 10.16.0.0/16 -o parent=eth0 dmz3
docker run -d --name web4 --network dmz3 macplan/busybox:latest sleep 600
docker network connect --ip 172.30.85.254 iot1 web4
docker run -d --name c5 --network iot1 --ip 172.30.85.253 macplan/busybox:latest sleep 600
docker create --name nginx6 --network=iot1 --ip=172.30.85.255 macplan/busybox:latest sleep 600
