#!/bin/sh
# development scenario gen-c 187 (endpoint/dual_stack)
docker network create --driver macvlan --subnet=192.168.252.0/28 --gateway=192.168.252.1 --subnet=fd00:3d6b::/80 --gateway=fd00:3d6b::1 --ipv6 -o parent=eth0 office1
docker network create --driver macvlan --subnet=192.168.24.0/25 --ip-range=192.168.24.96/27 -o parent=eth0.50 pub_net2
docker run -d --name db3 --network=office1 --ip=192.168.252.1 --ip6=fd00:3d6b::1 macplan/busybox:latest sleep 600
docker run -d --rm --name test4 --network=nosuchnet macplan/busybox:latest sleep 600
docker run -d --name c5 --network=office1 macplan/busybox:latest sleep 600
docker network connect pub_net2 c5
docker run -d --rm --name c6 --network=pub_net2 macplan/busybox:latest sleep 600
docker network connect office1 test4
