#!/bin/sh
# development scenario gen-c 101 (endpoint/two_networks)
docker network create -d macvlan --subnet=172.21.85.0/24 --gateway 172.21.85.1 --aux-address router=172.21.85.2 -o parent=eth0 dmz1
docker network create -d macvlan --subnet 10.141.189.0/27 --gateway 10.141.189.1 --subnet 2001:db8:b54c::/64 --ipv6 -o parent=eth0.50 vlan502
docker run -d --rm --name test3 --network dmz1 --ip 172.21.85.1 macplan/busybox:latest sleep 600
docker run -d --name nginx4 --network nosuchnet macplan/busybox:latest sleep 600
docker run -d --name db5 --network vlan502 --ip=10.141.189.3 macplan/busybox:latest sleep 600
docker run -d --rm --name pihole6 --network nosuchnet macplan/busybox:latest sleep 600
docker create --name c7 --network vlan502 --ip 10.141.189.11 --ip6 2001:db8:b54c::60 macplan/busybox:latest sleep 600
