#!/bin/sh
# development scenario gen-c 177 (endpoint/no_subnet)
docker network create -d macvlan -o parent=eth1 pub_net1
docker network create --driver macvlan --subnet 10.212.163.0/27 --gateway 10.212.163.1 --opt parent=eth0.50 pub_net2
docker run -d --name web3 --network pub_net2 macplan/busybox:latest sleep 600
docker network connect pub_net1 web3
docker run -d --name c4 --network pub_net1 macplan/busybox:latest sleep 600
