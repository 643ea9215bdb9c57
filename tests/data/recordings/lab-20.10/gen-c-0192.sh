#!/bin/sh
# development scenario gen-c 192 (endpoint/dual_stack)
docker network create --driver macvlan --subnet 172.16.111.0/24 --ip-range 172.16.111.192/26 --gateway 172.16.111.1 --subnet fd00:e8b8::/64 --gateway fd00:e8b8::1 --ipv6 --opt parent=eth0 pub_net1
docker run -d --name db2 --network pub_net1 --ip 172.16.111.254 macplan/busybox:latest sleep 600
docker run -d --name web3 --network pub_net1 --ip 172.16.111.20 --ip6=fd00:e8b8::ffff:ffff:ffff:fffe macplan/busybox:latest sleep 600
docker network connect --ip 172.16.112.37 --ip6 fd00:e8b8::e7 pub_net1 db2
docker network connect --ip 172.16.111.254 --ip6 fd00:e8b8::e7 pub_net1 web3
docker network connect --ip 172.16.111.235 --ip6 fd00:e8b8:: pub_net1 web3
