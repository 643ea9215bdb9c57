#!/bin/sh
# development scenario gen-c 285 (endpoint/dual_stack)
docker network create --driver macvlan --subnet 192.168.141.0/25 --subnet 2001:db8:85a7::/64 --ip-range 2001:db8:85a7::/72 --gateway 2001:db8:85a7::1 --ipv6 -o parent=eth0 mv1
docker run -d --name test2 --net=mv1 --ip=192.168.141.0 --ip6 2001:db8:85a7::cd macplan/busybox:latest sleep 600
docker create --name web3 --network mv1 --ip 192.168.141.78 --ip6 2001:db8:85a7::2 macplan/busybox:latest sleep 600
docker create --name c4 --network mv1 --ip6 2001:db8:85a7::2 macplan/busybox:latest sleep 600
docker run -d --name pihole5 --network mv1 --ip=192.168.141.164 macplan/busybox:latest sleep 600
docker create --name app6 --network mv1 --ip 192.168.141.0 macplan/busybox:latest sleep 600
