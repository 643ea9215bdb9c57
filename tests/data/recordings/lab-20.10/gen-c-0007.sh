#!/bin/sh
# development scenario gen-c 7 (ipv6/v6_range_2_64)
docker network create -d macvlan --ipv6 --subnet 10.21.0.0/16 --subnet=2001:db8:8eaa::/60 --ip-range 2001:db8:8eaa:1:ffff:ffff::/96 -o parent=eth0.50 v6net1
docker network create --driver macvlan --subnet 192.168.203.0/25 -o parent=eth2 mv2
docker run -d --name web3 --network mv2 macplan/busybox:latest sleep 600
docker network connect v6net1 web3
docker run -d --name nginx4 --network v6net1 --ip6 2001:db8:8eaa::1 macplan/busybox:latest sleep 600
docker run -d --name c5 --network v6net1 --ip6 2001:db8:8eaa:10::18 macplan/busybox:latest sleep 600
