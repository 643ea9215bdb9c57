#!/bin/sh
# development scenario gen-c 206 (endpoint/connect)
docker network create --driver macvlan --subnet=192.168.25.0/24 --ip-range 192.168.25.0/25 --gateway=192.168.25.1 --opt parent=eth1 office1
docker network create --driver macvlan --subnet=10.103.70.0/27 --gateway=10.103.70.1 -o parent=eth0 lan2
docker run -d --name web3 --network=lan2 macplan/busybox:latest sleep 600
docker network connect --ip 10.103.70.27 lan2 web3
docker network connect --ip=192.168.25.0 office1 web3
