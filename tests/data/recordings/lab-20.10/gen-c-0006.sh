#!/bin/sh
# development scenario gen-c 6 (endpoint/two_networks)
docker network create --driver macvlan --subnet=10.181.0.0/16 --ip-range=10.181.192.0/18 -o parent=eth0 mv1
docker network create --driver macvlan --subnet=10.45.6.0/24 --subnet=fd00:3afb::/80 --gateway=fd00:3afb::1 --ipv6 -o parent=eth2 lan2
docker run -d --rm --name test3 --network=lan2 --ip=10.45.6.1 --ip6=fd00:3afb::1 macplan/busybox:latest sleep 600
docker run -d --name nginx4 --network=mv1 --ip=10.181.255.255 --mac-address=02:42:71:81:81:8b macplan/busybox:latest sleep 600
docker run -d --name pihole5 --network=mv1 --mac-address 62:d7:a3:e9:0b:0d macplan/busybox:latest sleep 600
