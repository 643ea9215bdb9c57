#!/bin/sh
# development scenario gen-c 164 (rm/rm_parent_reuse)
docker network create --driver macvlan --subnet 10.157.0.0/16 --ip-range 10.157.192.0/18 --gateway 10.157.0.1 --opt parent=eth2 pub_net1
docker network create -d macvlan --subnet 172.25.163.0/24 -o parent=eth2 pub_net2
docker network rm pub_net1
docker network create -d macvlan --subnet 172.25.163.0/24 -o parent=eth2 pub_net2
docker run -d --name web3 --network pub_net1 --ip=10.157.255.255 macplan/busybox:latest sleep 600
