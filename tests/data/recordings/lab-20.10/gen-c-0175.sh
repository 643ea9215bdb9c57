#!/bin/sh
# development scenario gen-c 175 (endpoint/static_ip)
docker network create --driver macvlan --subnet=10.56.170.0/24 --ip-range=10.56.170.0/25 --gateway 10.56.170.254 -o parent=eth2 iot1
docker run -d --name pihole2 --network iot1 --ip 10.56.170.79 --mac-address 6a:2d:1c:0e:34:a7 macplan/busybox:latest sleep 600
docker network connect --ip=10.56.170.113 iot1 pihole2
docker network connect --ip 10.56.170.79 iot1 pihole2
docker network connect --ip 10.56.170.28 iot1 pihole2
docker run -d --name test3 --network iot1 --ip 10.56.171.5 macplan/busybox:latest sleep 600
