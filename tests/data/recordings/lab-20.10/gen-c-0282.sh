#!/bin/sh
# development scenario gen-c 282 (endpoint/static_ip)
docker network create -d macvlan --subnet=192.168.167.0/24 --ip-range=192.168.167.192/26 -o parent=eth1 office1
docker network create --driver macvlan --subnet=192.168.16.0/28 --gateway=192.168.16.1 -o parent=eth0 office2
docker create --name c3 --network=office2 macplan/busybox:latest sleep 600
docker network connect --ip=192.168.167.197 office1 c3
docker network connect office1 c3
