#!/bin/sh
# development scenario gen-c 172 (endpoint/connect)
docker network create -d macvlan --subnet 172.22.143.0/24 --gateway 172.22.143.1 -o parent=eth2 macnet1
docker network create -d macvlan --subnet=10.197.0.0/16 --ip-range 10.197.128.0/18 --gateway 10.197.255.254 --aux-address router=10.197.0.2 -o parent=eth1 pub_net2
docker run -d --name db3 --network pub_net2 --mac-address 16:3a:fd:6d:bd:19 macplan/busybox:latest sleep 600
docker run -d --name db4 --network macnet1 macplan/busybox:latest sleep 600
docker network connect --ip=10.197.255.254 pub_net2 db4
