#!/bin/sh
# development scenario gen-c 35 (endpoint/mac)
docker network create --driver macvlan --subnet=10.25.0.0/16 --ip-range=10.25.128.0/17 --gateway=10.25.0.1 -o parent=eth0.50 vlan501
docker network create --driver macvlan --subnet=10.35.0.0/16 -o parent=eth1 pub_net2
docker run -d --name c3 --network=pub_net2 macplan/busybox:latest sleep 600
docker network connect --ip=10.25.0.0 vlan501 c3
docker run -d --name web4 --network vlan501 --ip=10.25.0.1 --mac-address=5a:d4:11:fe:52:39 macplan/busybox:latest sleep 600
