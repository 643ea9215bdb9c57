#!/bin/sh
# development scenario gen-c 32 (endpoint/dual_stack)
docker network create --driver macvlan --subnet 10.148.39.0/27 --ip-range 10.148.39.24/30 --gateway 10.148.39.1 --subnet fd00:85bc::/64 --ip-range fd00:85bc::/72 --ipv6 --opt parent=eth0 macnet1
docker run -d --name c2 --network macnet1 --ip 10.148.39.31 --ip6 fd00:85bc::1 macplan/busybox:latest sleep 600
docker run -d --name c2 --network=macnet1 --ip 10.148.39.25 --ip6 fd00:85bc:0:1::5 macplan/busybox:latest sleep 600
docker create --name db3 --network nosuchnet macplan/busybox:latest sleep 600
docker run -d --name db3 --network macnet1 --ip 10.148.39.10 --ip6 fd00:85bc::1 macplan/busybox:latest sleep 600
