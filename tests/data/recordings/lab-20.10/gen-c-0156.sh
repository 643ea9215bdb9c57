#!/bin/sh
# development scenario gen-c 156 (ipv6/v6_only)
docker network create -d ipvlan --ipv6 --subnet fd00:901e::/64 --gateway fd00:901e::ffff:ffff:ffff:ffff --ip-range fd00:901e:0:0:c000::/66 -o parent=eth1 v6net1
docker run -d --name web2 --network v6net1 --ip6 fd00:901e::c000:0:0:9f macplan/busybox:latest sleep 600
