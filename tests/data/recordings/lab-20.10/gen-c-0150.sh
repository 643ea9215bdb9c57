#!/bin/sh
# development scenario gen-c 150 (rm/rm_multi)
docker network create -d macvlan --subnet=192.168.7.0/24 --ip-range 192.168.7.192/27 --gateway=192.168.7.1 -o parent=eth0.50 office1
docker network create -d macvlan --subnet 10.249.32.0/24 --gateway=10.249.32.254 --aux-address=router=10.249.32.2 -o parent=eth0 lan2
docker network remove office1 lan2
docker network create --driver ipvlan --subnet=192.168.141.0/24 --ip-range=192.168.141.128/25 --gateway=192.168.141.254 -o parent=eth0.50 macvlan03
docker run -d --name pihole4 --network=office1 --ip=192.168.7.255 macplan/busybox:latest sleep 600
