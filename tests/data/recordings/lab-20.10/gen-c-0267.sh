#!/bin/sh
# development scenario gen-c 267 (endpoint/static_ip)
docker network create -d macvlan --subnet 172.19.146.0/24 --ip-range 172.19.146.128/25 --gateway 172.19.146.1 -o parent=eth1 macnet1
docker create --name test2 --network macnet1 --ip 172.19.146.178 macplan/busybox:latest sleep 600
docker run -d --name c3 --net macnet1 --ip 172.19.146.0 --mac-address 02:42:a6:5e:7c:8c macplan/busybox:latest sleep 600
