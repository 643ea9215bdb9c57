#!/bin/sh
# development scenario gen-c 123 (endpoint/two_networks)
docker network create --driver macvlan --subnet 10.234.231.0/27 --gateway 10.234.231.1 -o parent=eth1 mv1
docker network create --driver macvlan --subnet 192.168.95.0/25 -o parent=eth2 pub_net2
docker run -d --name c3 --network mv1 --mac-address 02:42:fa:86:56:61 macplan/busybox:latest sleep 600
docker network connect --ip 10.234.231.12 mv1 c3
docker run -d --name nginx4 --network pub_net2 macplan/busybox:latest sleep 600
docker network connect --ip 192.168.95.75 pub_net2 nginx4
docker network connect --ip=10.234.231.4 mv1 nginx4
