#!/bin/sh
# development scenario gen-c 223 (endpoint/no_subnet)
docker network create -d macvlan -o parent=eth2 mv1
docker run -d --name db2 --network mv1 macplan/busybox:latest sleep 600
docker run -d --name app3 --net mv1 macplan/busybox:latest sleep 600
