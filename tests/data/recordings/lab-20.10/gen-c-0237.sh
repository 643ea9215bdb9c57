#!/bin/sh
# development scenario gen-c 237 (endpoint/dual_stack)
docker network create -d macvlan --subnet 192.168.35.0/28 --gateway 192.168.35.1 --aux-address router=192.168.35.2 --subnet fd03:45d1:8a01::/64 --gateway fd03:45d1:8a01::1 --ipv6 -o parent=eth0 macnet1
docker network create -d macvlan --subnet 10.148.87.0/24 -o parent=eth2 macnet2
docker create --name test3 --network macnet2 macplan/busybox:latest sleep 600
docker network connect --ip6 fd03:45d1:8a01::ad macnet1 test3
docker run -d --name nginx4 --network macnet1 --ip6 fd03:45d1:8a01:1::e macplan/busybox:latest sleep 600
docker run -d --name pihole5 --network macnet1 --ip 192.168.35.15 --ip6 fd03:45d1:8a01::1d macplan/busybox:latest sleep 600
docker run -d --rm --name app6 --network macnet1 --ip6 fd03:45d1:8a01::90 macplan/busybox:latest sleep 600
