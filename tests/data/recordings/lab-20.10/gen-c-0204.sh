#!/bin/sh
# development scenario gen-c 204 (endpoint/connect)
docker network create -d macvlan --subnet 192.168.91.0/24 --ip-range 192.168.91.0/25 --aux-address router=192.168.91.2 --subnet fdda:bd38:8ad2::/80 --gateway fdda:bd38:8ad2::1 --ipv6 -o parent=eth1 vlan501
docker network create -d macvlan --subnet 10.8.0.0/16 --gateway 10.8.0.1 -o parent=eth2 macvlan02
docker run -d --name test3 --network macvlan02 macplan/busybox:latest sleep 600
docker network connect --ip=192.168.91.59 --ip6 fdda:bd38:8ad2:: vlan501 test3
docker network connect macvlan02 test3
docker network connect --ip 192.168.92.14 vlan501 test3
docker network connect --ip 192.168.91.45 vlan501 test3
