#!/bin/sh
# development scenario gen-c 105 (endpoint/static_ip)
docker network create --driver macvlan --subnet 192.168.227.0/28 --ip-range 192.168.227.8/30 --gateway 192.168.227.14 --aux-address router=192.168.227.2 -o parent=eth1 iot1
docker network create -d macvlan --subnet=192.168.1.0/28 --gateway 192.168.1.1 -o parent=eth0.50 office2
docker run -d --name test3 --network iot1 macplan/busybox:latest sleep 600
docker network connect office2 test3
docker run -d --name c4 --network office2 --ip 192.168.1.5 macplan/busybox:latest sleep 600
docker run -d --name nginx5 --network office2 macplan/busybox:latest sleep 600
