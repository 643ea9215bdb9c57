#!/bin/sh
# development scenario gen-c 245 (endpoint/dual_stack)
docker network create --driver macvlan --subnet 192.168.212.0/25 --gateway 192.168.212.1 --aux-address router=192.168.212.2 --subnet fd00:b625::/64 --ip-range fd00:b625::/72 --gateway fd00:b625::1 --ipv6 --opt parent=eth2 office1
docker run -d --name db2 --network office1 --ip6 fd00:b625::1 macplan/busybox:latest sleep 600
docker run -d --name test3 --network office1 --ip 192.168.212.76 macplan/busybox:latest sleep 600
docker network connect --ip 192.168.212.98 office1 test3
docker create --name pihole4 --network office1 --ip6 fd00:b625::1 macplan/busybox:latest sleep 600
