#!/bin/sh
# development scenario gen-c 88 (endpoint/static_ip)
docker network create --driver macvlan --subnet=10.60.220.0/24 --ip-range=10.60.220.0/25 -o parent=eth1 mv1
docker network create --driver macvlan --subnet=192.168.124.0/28 --ip-range=192.168.124.8/29 --gateway 192.168.124.14 -o parent=eth0.50 lan2
docker run -d --name web3 --network=lan2 macplan/busybox:latest sleep 600
docker network connect --ip=10.60.220.117 mv1 web3
docker network connect mv1 web3
