#!/bin/sh
# development scenario gen-c 259 (endpoint/dual_stack)
docker network create -d macvlan --subnet=192.168.95.0/28 --gateway 192.168.95.1 --subnet fd00:8b43::/64 --ipv6 --opt parent=eth2 macnet1
docker run -d --rm --name test2 --network macnet1 --ip 192.168.95.13 macplan/busybox:latest sleep 600
docker run -d --name app3 --network macnet1 --ip 192.168.95.11 --ip6 fd00:8b43::1 macplan/busybox:latest sleep 600
docker run -d --name app4 --network macnet1 --ip6 fd00:8b43::39 macplan/busybox:latest sleep 600
