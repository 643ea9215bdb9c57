#!/bin/sh
# development scenario gen-c 278 (endpoint/fill_small)
docker network create -d macvlan --subnet 10.28.188.0/30 -o parent=eth0.50 macnet1
docker run -d --name nginx2 --network macnet1 macplan/busybox:latest sleep 600
docker run -d --name web3 --network macnet1 macplan/busybox:latest sleep 600
