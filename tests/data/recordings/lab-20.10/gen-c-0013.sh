#!/bin/sh
# development scenario gen-c 13 (endpoint/two_networks)
docker network create -d macvlan --subnet 192.168.47.0/28 --ip-range 192.168.47.8/29 -o parent=eth0.50 vlan501
docker network create --driver macvlan --subnet 192.168.188.0/25 --gateway 192.168.188.1 --opt parent=eth1 iot2
docker run -d --name web3 --network iot2 --ip 192.168.188.126 macplan/busybox:latest sleep 600
docker run -d --name pihole4 --network vlan501 --ip 192.168.47.14 --mac-address 06:37:e2:ff:80:5b macplan/busybox:latest sleep 600
docker run -d --rm --name web5 --network iot2 --ip 192.168.188.82 macplan/busybox:latest sleep 600
docker network connect vlan501 web5
docker network connect vlan501 web5
