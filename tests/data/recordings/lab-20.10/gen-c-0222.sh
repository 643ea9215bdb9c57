#!/bin/sh
# development scenario gen-c 222 (rm/rm_in_use)
docker network create -d macvlan --subnet=10.25.64.0/24 --gateway 10.25.64.1 --opt parent=eth2 mv1
docker run -d --name app2 --network=mv1 --ip=10.25.64.159 --mac-address=5a:9e:10:4d:6a:8d macplan/busybox:latest sleep 600
docker network rm mv1
docker network create -d ipvlan --subnet=192.168.100.0/28 --gateway=192.168.100.1 -o parent=eth1 pub_net3
docker run -d --name pihole4 --network=mv1 macplan/busybox:latest sleep 600
