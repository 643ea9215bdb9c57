#!/bin/sh
# development scenario gen-c 136 (endpoint/static_ip)
docker network create --driver macvlan --subnet 10.20.130.0/24 --ip-range 10.20.130.192/27 --gateway 10.20.130.1 -o parent=eth1 iot1
docker run -d --name web2 --network=iot1 --ip 10.20.130.1 macplan/busybox:latest sleep 600
docker run -d --name c3 --network=iot1 --mac-address 02:42:39:22:5f:ab macplan/busybox:latest sleep 600
docker create --name c4 --network iot1 --ip 10.20.130.1 macplan/busybox:latest sleep 600
docker run -d --name app5 --network iot1 --ip 10.20.130.209 macplan/busybox:latest sleep 600
docker create --name nginx6 --network iot1 --ip 10.20.130.10 macplan/busybox:latest sleep 600
