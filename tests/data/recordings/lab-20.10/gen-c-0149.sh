#!/bin/sh
# development scenario gen-c 149 (endpoint/fill_small)
docker network create -d macvlan --subnet 10.136.118.0/30 -o parent=eth0.50 macvlan01
docker run -d --name web2 --network macvlan01 --ip 10.136.118.1 macplan/busybox:latest sleep 600
docker run -d --rm --name nginx3 --network macvlan01 --ip 10.136.118.2 macplan/busybox:latest sleep 600
docker run -d --name app4 --network macvlan01 macplan/busybox:latest sleep 600
docker run -d --name c5 --network macvlan01 macplan/busybox:latest sleep 600
