#!/bin/sh
# development scenario gen-c 229 (endpoint/connect)
docker network create --driver macvlan --subnet 172.17.192.0/24 --ip-range 172.17.192.128/25 --aux-address router=172.17.192.2 -o parent=eth1 office1
docker network create --driver macvlan --subnet 10.204.0.0/16 --gateway 10.204.0.1 -o parent=eth0 mv2
docker run -d --name db3 --network mv2 --ip 10.204.0.81 macplan/busybox:latest sleep 600
docker network connect --ip 172.17.192.1 office1 db3
docker create --name c4 --network office1 macplan/busybox:latest sleep 600
docker network connect --ip 10.204.0.81 mv2 c4
