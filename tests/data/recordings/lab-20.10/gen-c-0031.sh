#!/bin/sh
# development scenario gen-c 31 (endpoint/mac)
docker network create -d macvlan --subnet=192.168.88.0/28 --gateway=192.168.88.14 -o parent=eth2 office1
docker run -d --name nginx2 --net=office1 --ip=192.168.88.3 macplan/busybox:latest sleep 600
docker run -d --name test3 --network=office1 --mac-address=02:42:05:de:7d:a2 macplan/busybox:latest sleep 600
