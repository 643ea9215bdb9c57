#!/bin/sh
# development scenario gen-c 148 (endpoint/connect)
docker network create --driver macvlan --subnet=10.221.14.0/24 -o parent=eth1 lan1
docker network create --driver macvlan --subnet 10.214.0.0/16 --gateway 10.214.0.1 -o parent=eth0.50 lan2
docker run -d --name pihole3 --network=lan1 --ip 10.221.14.1 --mac-address 02:42:5b:09:ca:0b macplan/busybox:latest sleep 600
docker network connect --ip 10.214.255.254 lan2 pihole3
docker network connect --ip=10.214.0.0 lan2 pihole3
docker network connect --ip=10.214.0.129 lan2 pihole3
docker network connect --ip 10.221.14.255 lan1 pihole3
