#!/bin/sh
# development scenario gen-c 134 (endpoint/two_networks)
docker network create -d macvlan --subnet 10.102.0.0/16 --ip-range=10.102.0.0/17 --gateway=10.102.0.1 --aux-address=router=10.102.0.2 -o parent=eth0.50 macvlan01
docker network create --driver macvlan --subnet=172.30.176.0/24 --ip-range=172.30.176.0/25 --aux-address=router=172.30.176.2 --subnet=fd8c:ab98:3c86::/64 --gateway=fd8c:ab98:3c86::1 --ipv6 --opt parent=eth0 macnet2
docker create --name web3 --network=macvlan01 --mac-address=22:e6:bd:eb:28:37 macplan/busybox:latest sleep 600
docker run -d --name c4 --network=macvlan01 --ip=10.102.0.247 macplan/busybox:latest sleep 600
