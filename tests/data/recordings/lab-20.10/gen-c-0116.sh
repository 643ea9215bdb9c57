#!/bin/sh
# development scenario gen-c 116 (endpoint/mac)
docker network create -d macvlan --subnet 10.238.0.0/16 --ip-range=10.238.0.0/17 --gateway 10.238.0.1 -o parent=eth0.50 mv1
docker run -d --rm --name c2 --network mv1 --ip 10.238.0.1 --mac-address 02:42:54:8c:58:eb macplan/busybox:latest sleep 600
docker run -d --name web3 --network=mv1 --mac-address 02:42:1e:18:36:0b macplan/busybox:latest sleep 600
docker run -d --name c2 --network mv1 --mac-address 02:28:4a:86:1b:a2 macplan/busybox:latest sleep 600
docker run -d --name nginx4 --network mv1 --ip 10.238.0.1 macplan/busybox:latest sleep 600
