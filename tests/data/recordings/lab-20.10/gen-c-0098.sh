#!/bin/sh
# development scenario gen-c 98 (endpoint/two_networks)
docker network create -d macvlan --subnet 10.191.214.0/27 --ip-range 10.191.214.0/28 --gateway=10.191.214.1 --subnet=fd00:2702::/64 --ip-range fd00:2702::/72 --ipv6 -o parent=eth1 lan1
docker network create -d macvlan --subnet 172.28.250.0/24 --gateway 172.28.250.254 --aux-address router=172.28.250.2 -o parent=eth2 lan2
docker run -d --name web3 --network lan1 --ip 10.191.214.1 --ip6 fd00:2702::60 macplan/busybox:latest sleep 600
docker run -d --name pihole4 --network lan2 macplan/busybox:latest sleep 600
docker run -d --rm --name pihole5 --network=lan2 --ip 172.28.250.63 macplan/busybox:latest sleep 600
docker run -d --name nginx6 --network lan2 --ip 172.28.250.139 macplan/busybox:latest sleep 600
