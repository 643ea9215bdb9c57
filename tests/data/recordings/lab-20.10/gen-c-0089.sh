#!/bin/sh
# development scenario gen-c 89 (endpoint/no_subnet)
docker network create -d macvlan -o parent=eth2 dmz1
docker network create -d macvlan --subnet 192.168.213.0/24 --gateway 192.168.213.254 -o parent=eth0.50 iot2
docker create --name web3 --network iot2 macplan/busybox:latest sleep 600
docker network connect dmz1 web3
docker create --name c4 --net dmz1 --ip=10.123.0.5 macplan/busybox:latest sleep 600
