#!/bin/sh
# development scenario gen-c 199 (endpoint/mac)
docker network create -d macvlan --subnet=172.28.199.0/24 --gateway=172.28.199.1 -o parent=eth0.50 office1
docker network create -d macvlan --subnet=10.105.34.0/27 --gateway=10.105.34.1 -o parent=eth2 office2
docker run -d --name pihole3 --network office2 --ip=10.105.34.37 macplan/busybox:latest sleep 600
docker run -d --name web4 --net=office1 --mac-address=02:42:11:5d:bd:4e macplan/busybox:latest sleep 600
docker network connect office2 web4
