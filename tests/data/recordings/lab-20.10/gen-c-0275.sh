#!/bin/sh
# development scenario gen-c 275 (ipv6/v6_mapped_subnet)
docker network create -d macvlan --ipv6 --subnet=::ffff:0:0/96 --gateway ::ffff:0:1 -o parent=eth0 v6net1
docker network create -d macvlan --subnet 172.22.211.0/24 -o parent=eth0.50 pub_net2
docker run -d --name web3 --network=pub_net2 macplan/busybox:latest sleep 600
docker network connect v6net1 web3
docker create --name c4 --net=v6net1 macplan/busybox:latest sleep 600
