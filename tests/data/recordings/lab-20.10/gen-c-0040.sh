#!/bin/sh
# development scenario gen-c 40 (endpoint/static_ip)
docker network create --driver macvlan --subnet 172.21.21.0/24 --ip-range 172.21.21.192/26 --aux-address router=172.21.21.2 -o parent=eth1 office1
docker run -d --name test2 --network=office1 --ip 172.21.21.248 --mac-address 02:42:fb:c1:f8:70 macplan/busybox:latest sleep 600
docker run -d --name app3 --network nosuchnet macplan/busybox:latest sleep 600
