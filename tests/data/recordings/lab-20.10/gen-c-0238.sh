#!/bin/sh
# development scenario gen-c 238 (endpoint/ipvlan)
docker network create --driver ipvlan --subnet 192.168.68.0/24 -o parent=eth1 iot1
docker create --name web2 --network iot1 --ip 192.168.69.35 --mac-address 5a:a2:60:e8:ad:8f macplan/busybox:latest sleep 600
docker run -d --name web3 --network iot1 --ip 192.168.68.157 macplan/busybox:latest sleep 600
docker run -d --name test4 --network iot1 macplan/busybox:latest sleep 600
docker run -d --name nginx5 --network iot1 --ip 192.168.68.165 --mac-address 02:42:fd:32:44:d3 macplan/busybox:latest sleep 600
docker create --name nginx6 --network iot1 --ip 192.168.68.255 macplan/busybox:latest sleep 600
