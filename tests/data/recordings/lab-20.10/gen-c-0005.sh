#!/bin/sh
# development scenario gen-c 5 (endpoint/dual_stack)
docker network create --driver macvlan --subnet 192.168.156.0/28 --gateway 192.168.156.14 --subnet fd00:d3b4::/64 --ipv6 -o parent=eth1 macvlan01
docker run -d --name app2 --net macvlan01 --ip 192.168.156.15 --ip6 fd00:d3b4::3d macplan/busybox:latest sleep 600
docker create --name test3 --network macvlan01 --ip 192.168.156.9 --ip6 fd00:d3b4::3f macplan/busybox:latest sleep 600
docker run -d --name nginx4 --network macvlan01 --ip6 fd00:d3b4:: macplan/busybox:latest sleep 600
