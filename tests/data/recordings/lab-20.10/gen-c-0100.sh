#!/bin/sh
# development scenario gen-c 100 (endpoint/two_networks)
docker network create --driver macvlan --subnet=172.28.215.0/24 --ip-range=172.28.215.128/25 --opt parent=eth2 office1
docker network create -d macvlan --subnet=192.168.47.0/24 --gateway=192.168.47.1 -o parent=eth0 macvlan02
docker run -d --name db3 --network=macvlan02 --ip=192.168.47.1 macplan/busybox:latest sleep 600
docker run -d --name web4 --network=macvlan02 --ip=192.168.47.1 macplan/busybox:latest sleep 600
docker run -d --name db5 --network=office1 --ip=172.28.215.254 --mac-address=02:42:93:f2:9b:10 macplan/busybox:latest sleep 600
docker run -d --name test6 --network=office1 --ip=172.28.215.139 macplan/busybox:latest sleep 600
docker run -d --name app7 --net=office1 --ip=172.28.215.0 macplan/busybox:latest sleep 600
