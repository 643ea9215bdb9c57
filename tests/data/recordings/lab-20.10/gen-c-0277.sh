#!/bin/sh
# development scenario gen-c 277 (endpoint/two_networks)
docker network create --driver macvlan --subnet 192.168.9.0/28 --gateway 192.168.9.1 -o parent=eth2 vlan501
docker network create --driver macvlan --subnet 192.168.100.0/25 --subnet fdc0:8187:2240::/80 --ip-range fdc0:8187:2240::/88 --gateway=fdc0:8187:2240::1 --ipv6 -o parent=eth1 office2
docker create --name nginx3 --network office2 --ip 192.168.100.34 macplan/busybox:latest sleep 600
docker create --name app4 --network office2 --ip 192.168.100.39 --ip6 fdc0:8187:2240:: macplan/busybox:latest sleep 600
docker run -d --name c5 --network office2 --ip 192.168.100.126 macplan/busybox:latest sleep 600
docker run -d --name pihole6 --network vlan501 macplan/busybox:latest sleep 600
