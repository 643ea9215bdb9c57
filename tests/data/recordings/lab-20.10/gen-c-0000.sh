#!/bin/sh
# development scenario gen-c 0 (endpoint/connect)
docker network create --driver macvlan --subnet=10.156.0.0/16 -o parent=eth2 macvlan01
docker network create --driver macvlan --subnet 192.168.11.0/25 --ip-range 192.168.11.64/26 --gateway 192.168.11.1 -o parent=eth0 lan2
docker create --name db3 --network macvlan01 macplan/busybox:latest sleep 600
docker network connect lan2 db3
docker network connect --ip 10.156.255.254 macvlan01 db3
docker network connect --ip 192.168.11.121 lan2 db3
