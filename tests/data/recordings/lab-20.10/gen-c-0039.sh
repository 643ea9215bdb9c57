#!/bin/sh
# development scenario gen-c 39 (endpoint/two_networks)
docker network create --driver macvlan --subnet 10.153.0.0/16 --ip-range 10.153.192.0/18 --gateway 10.153.0.1 -o parent=eth2 iot1
docker network create -d macvlan --subnet 10.89.0.0/16 --aux-address router=10.89.0.2 --subnet 2001:db8:9f7e::/64 --ipv6 --opt parent=eth0.50 macvlan02
docker run -d --name web3 --network iot1 --ip 10.153.255.255 macplan/busybox:latest sleep 600
docker run -d --name pihole4 --network iot1 --ip 10.153.192.233 macplan/busybox:latest sleep 600
docker network connect iot1 pihole4
