#!/bin/sh
# development scenario gen-c 247 (endpoint/ipvlan)
docker network create --driver ipvlan --subnet 10.194.67.0/27 --ip-range 10.194.67.16/29 --gateway 10.194.67.1 -o parent=eth0.50 office1
docker run -d --name nginx2 --network office1 --ip 10.194.67.16 macplan/busybox:latest sleep 600
docker run -d --name web3 --network office1 --ip 10.194.67.1 macplan/busybox:latest sleep 600
