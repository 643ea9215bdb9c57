#!/bin/sh
# development scenario gen-c 294 (endpoint/static_ip)
docker network create -d macvlan --subnet=172.24.71.0/24 --aux-address=router=172.24.71.2 -o parent=eth1 dmz1
docker run -d --name test2 --net=dmz1 --ip=172.24.71.1 macplan/busybox:latest sleep 600
docker run -d --name c3 --network=dmz1 --ip=172.24.71.219 macplan/busybox:latest sleep 600
