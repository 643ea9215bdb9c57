#!/bin/sh
# development scenario gen-c 213 (rm/rm_multi)
docker network create -d macvlan --subnet=10.232.0.0/16 --ip-range 10.232.224.0/19 --gateway=10.232.255.254 -o parent=eth0.50 pub_net1
docker network create -d macvlan --subnet=10.138.0.0/16 -o parent=eth2 macnet2
docker network remove macnet2 pub_net1
docker network create --driver macvlan --subnet 10.89.0.0/16 --gateway=10.89.0.1 -o parent=eth0.50 pub_net3
docker run -d --rm --name app4 --network=pub_net3 --ip=10.89.255.255 --mac-address=96:88:19:39:f6:df macplan/busybox:latest sleep 600
