#!/bin/sh
# development scenario gen-c 82 (endpoint/connect)
docker network create -d macvlan --subnet 10.118.120.0/27 --ip-range 10.118.120.24/29 -o parent=eth0.50 macnet1
docker network create --driver macvlan --subnet 192.168.56.0/25 --gateway 192.168.56.126 -o parent=eth0 vlan502
docker run -d --rm --name web3 --network vlan502 --mac-address 4e:63:f5:b3:f0:62 macplan/busybox:latest sleep 600
docker network connect nosuchnet web3
docker network connect --ip 192.168.56.126 vlan502 web3
