#!/bin/sh
# development scenario gen-c 44 (endpoint/dual_stack)
docker network create --driver macvlan --subnet=10.46.247.0/27 --ip-range 10.46.247.16/29 --gateway=10.46.247.1 --subnet fd00:d176::/120 --gateway fd00:d176::1 --ipv6 -o parent=eth2 macvlan01
docker run -d --name web2 --network macvlan01 --ip 10.46.247.22 --ip6 fd00:d176:: macplan/busybox:latest sleep 600
docker network create --driver macvlan --subnet 192.168.171.0/28 --gateway 192.168.171.1 -o parent=eth0.50 macvlan03
docker run -d --name db4 --network macvlan03 macplan/busybox:latest sleep 600
docker network connect --ip 10.46.247.21 --ip6 fd00:d176:: macvlan01 db4
docker run -d --name c5 --network=macvlan01 --ip 10.46.247.17 --mac-address=1e:7b:7c:4e:42:7f macplan/busybox:latest sleep 600
docker create --name db6 --network macvlan01 --ip 10.46.247.22 macplan/busybox:latest sleep 600
docker run -d --name db7 --network macvlan03 macplan/busybox:latest sleep 600
docker network connect --ip 10.46.247.22 --ip6 fd00:d176::74 macvlan01 db7
