#!/bin/sh
# development scenario gen-c 255 (ipv6/v6_only)
docker network create -d macvlan --subnet=fd00:68::/64 --ip-range fd00:68:0:0:c000::/66 -o parent=eth2 v6net1
docker run -d --name web2 --network v6net1 macplan/busybox:latest sleep 600
docker create --name db3 --network v6net1 macplan/busybox:latest sleep 600
