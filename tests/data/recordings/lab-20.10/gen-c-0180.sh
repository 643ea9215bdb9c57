#!/bin/sh
# development scenario gen-c 180 (endpoint/static_ip)
docker network create -d macvlan --subnet=10.238.70.0/24 --ip-range 10.238.70.0/25 --gateway=10.238.70.1 -o parent=eth0.50 macnet1
docker run -d --name test2 --network=macnet1 macplan/busybox:latest sleep 600
docker network create --driver macvlan --subnet=10.127.198.0/24 --gateway=10.127.198.1 --opt parent=eth1 macnet3
docker create --name pihole4 --network=macnet3 macplan/busybox:latest sleep 600
docker network connect macnet1 pihole4
docker run -d --name nginx5 --network=macnet1 --ip=10.238.71.27 --mac-address=02:42:7c:44:b0:74 macplan/busybox:latest sleep 600
docker create --name nginx6 --network=macnet1 --ip=10.238.70.1 macplan/busybox:latest sleep 600
docker run -d --name db7 --network=macnet1 --ip=10.238.70.113 macplan/busybox:latest sleep 600
