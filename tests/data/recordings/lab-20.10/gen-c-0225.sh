#!/bin/sh
# development scenario gen-c 225 (endpoint/static_ip)
docker network create --driver macvlan --subnet 10.168.0.0/16 --gateway 10.168.255.254 --aux-address=router=10.168.0.2 --subnet=fd63:9621:763c::/64 --ip-range fd63:9621:763c::/72 --ipv6 -o parent=eth1 macvlan01
docker network create -d macvlan --subnet 192.168.242.0/25 --ip-range=192.168.242.96/28 --gateway 192.168.242.1 -o parent=eth0 mv2
docker create --name c3 --network mv2 --ip 192.168.242.99 macplan/busybox:latest sleep 600
docker run -d --name app4 --network macvlan01 --ip 10.168.0.2 macplan/busybox:latest sleep 600
docker create --name nginx5 --net mv2 --ip 192.168.242.99 macplan/busybox:latest sleep 600
docker create --name db6 --network macvlan01 macplan/busybox:latest sleep 600
docker run -d --name db7 --net macvlan01 --ip6 fd63:9621:763c::f4 --mac-address 02:42:3d:3e:df:47 macplan/busybox:latest sleep 600
