#!/bin/sh
# development scenario gen-c 257 (endpoint/two_networks)
docker network create -d macvlan --subnet=192.168.240.0/25 -o parent=eth0 pub_net1
docker network create --driver macvlan --subnet=192.168.116.0/25 --ip-range 192.168.116.64/26 -o parent=eth0.50 pub_net2
docker run -d --name c3 --network=pub_net2 macplan/busybox:latest sleep 600
docker network connect --ip=192.168.240.157 pub_net1 c3
docker run -d --name test4 --network=pub_net1 --ip=192.168.240.1 macplan/busybox:latest sleep 600
docker network connect pub_net1 c3
docker run -d --name app5 --network=pub_net2 --ip=192.168.116.75 macplan/busybox:latest sleep 600
