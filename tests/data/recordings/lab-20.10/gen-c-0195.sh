#!/bin/sh
# development scenario gen-c 195 (endpoint/no_subnet)
docker network create -d macvlan -o parent=eth0.50 lan1
docker network create -d macvlan --subnet 192.168.45.0/24 -o parent=eth0 mv2
docker run -d --name nginx3 --network mv2 macplan/busybox:latest sleep 600
docker network connect --ip 10.123.0.5 lan1 nginx3
