#!/bin/sh
# development scenario gen-c 279 (endpoint/static_ip)
docker network create -d macvlan --subnet 10.15.72.0/27 --ip-range 10.15.72.16/28 --gateway=10.15.72.1 -o parent=eth1 macnet1
docker run -d --name c2 --network macnet1 --ip 10.15.72.20 macplan/busybox:latest sleep 600
docker run -d --name c2 --network macnet1 macplan/busybox:latest sleep 600
docker run -d --name web3 --network macnet1 --ip 10.15.72.10 macplan/busybox:latest sleep 600
