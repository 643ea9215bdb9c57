#!/bin/sh
# development scenario gen-c 185 (rm/rm_in_use)
docker network create --driver macvlan --subnet=10.59.171.0/27 --ip-range=10.59.171.24/30 --gateway=10.59.171.1 -o parent=eth0.50 pub_net1
docker create --name web2 --network=pub_net1 --ip=10.59.171.26 --mac-address=72:b0:66:b2:fd:50 macplan/busybox:latest sleep 600
docker network rm pub_net1
docker network create --driver macvlan --subnet=192.168.28.0/25 --ip-range=192.168.28.0/26 --gateway 192.168.28.1 -o parent=eth0.50 pub_net3
