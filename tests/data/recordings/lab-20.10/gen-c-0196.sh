#!/bin/sh
# development scenario gen-c 196 (endpoint/static_ip)
docker network create --driver macvlan --subnet 192.168.90.0/28 --gateway 192.168.90.1 -o parent=eth0 mv1
docker run -d --name test2 --net mv1 --ip 192.168.90.15 macplan/busybox:latest sleep 600
docker run -d --name test3 --network nosuchnet macplan/busybox:latest sleep 600
docker run -d --name nginx4 --network mv1 macplan/busybox:latest sleep 600
docker create --name db5 --network mv1 --ip 192.168.90.4 macplan/busybox:latest sleep 600
docker network connect --ip 192.168.90.7 mv1 db5
