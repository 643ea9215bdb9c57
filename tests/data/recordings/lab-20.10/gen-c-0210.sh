#!/bin/sh
# development scenario gen-c 210 (rm/rm_in_use)
docker network create -d macvlan --subnet 10.104.250.0/24 --ip-range 10.104.250.0/25 --gateway 10.104.250.1 -o parent=eth0.50 mv1
docker create --name pihole2 --net mv1 --mac-address 02:42:2a:5f:8d:68 macplan/busybox:latest sleep 600
docker network rm mv1
docker network create --driver macvlan --subnet 192.168.21.0/28 --gateway 192.168.21.1 -o parent=eth0.50 pub_net3
docker run -d --name c4 --net mv1 macplan/busybox:latest sleep 600
