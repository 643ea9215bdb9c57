#!/bin/sh
# development scenario gen-c 231 (endpoint/static_ip)
docker network create -d macvlan --subnet=10.199.8.0/27 --ip-range=10.199.8.16/28 --gateway=10.199.8.1 --subnet=fd00:88b7::/80 --ipv6 -o parent=eth0 mv1
docker network create -d macvlan --subnet=172.17.106.0/24 --gateway=172.17.106.254 -o parent=eth1 mv2
docker run -d --name c3 --network=mv2 --ip=172.17.106.41 macplan/busybox:latest sleep 600
docker create --name web4 --network=mv1 macplan/busybox:latest sleep 600
