#!/bin/sh
# development scenario gen-c 68 (rm/rm_in_use)
docker network create --driver macvlan --subnet 10.253.30.0/27 --ip-range 10.253.30.16/28 --gateway 10.253.30.1 -o parent=eth0 office1
docker run -d --name pihole2 --net office1 macplan/busybox:latest sleep 600
docker network rm office1
docker network create -d macvlan --subnet 192.168.47.0/24 --ip-range 192.168.47.128/25 --gateway 192.168.47.254 -o parent=eth0 lan3
