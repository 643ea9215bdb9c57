#!/bin/sh
# development scenario gen-c 14 (ipv6/v6_endpoint)
docker network create -d macvlan --ipv6 --subnet 172.23.218.0/24 --subnet fdbb:e71f:da0f::/80 --gateway fdbb:e71f:da0f::1 -o parent=eth2 v6net1
docker run -d --name web2 --network=v6net1 --ip6=fdbb:e71f:da0f:0:1::11 macplan/busybox:latest sleep 600
docker network connect --ip6 fdbb:e71f:da0f::1 v6net1 web2
docker network create --driver macvlan --subnet fd00:45d6::/64 --ipv6 -o parent=eth0 pub_net3
