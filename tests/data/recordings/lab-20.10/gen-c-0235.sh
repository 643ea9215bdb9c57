#!/bin/sh
# development scenario gen-c 235 (endpoint/static_ip)
docker network create -d macvlan --subnet 192.168.136.0/28 --ip-range 192.168.136.0/29 --gateway 192.168.136.1 -o parent=eth2 macnet1
docker network create --driver macvlan --subnet 192.168.16.0/24 --ip-range 192.168.16.128/25 --gateway 192.168.16.1 -o parent=eth0.50 dmz2
docker create --name web3 --network dmz2 macplan/busybox:latest sleep 600
docker network connect --ip=192.168.136.3 macnet1 web3
docker run -d --name db4 --network nosuchnet macplan/busybox:latest sleep 600
docker create --name test5 --network macnet1 macplan/busybox:latest sleep 600
