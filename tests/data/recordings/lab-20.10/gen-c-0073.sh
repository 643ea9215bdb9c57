#!/bin/sh
# development scenario gen-c 73 (endpoint/static_ip)
docker network create -d macvlan --subnet 172.20.145.0/24 --ip-range=172.20.145.128/25 --gateway 172.20.145.1 -o parent=eth0.50 vlan501
docker run -d --name pihole2 --network vlan501 --ip 172.20.145.0 macplan/busybox:latest sleep 600
docker run -d --name nginx3 --network vlan501 --ip 172.20.145.0 macplan/busybox:latest sleep 600
docker run -d --name test4 --network=vlan501 --ip 172.20.145.1 macplan/busybox:latest sleep 600
docker network connect --ip 172.20.145.174 vlan501 pihole2
docker create --name test5 --network vlan501 --ip 172.20.145.0 macplan/busybox:latest sleep 600
