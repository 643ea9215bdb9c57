#!/bin/sh
# development scenario gen-c 214 (ipv6/v6_only)
docker network create -d macvlan --ipv6 --subnet=2001:db8:a02f::/124 -o parent=eth2 v6net1
docker run -d --name nginx2 --network=v6net1 --ip6=2001:db8:a02f::c macplan/busybox:latest sleep 600
docker create --name c3 --network=v6net1 --mac-address=02:42:92:83:88:34 macplan/busybox:latest sleep 600
docker run -d --name nginx4 --network=v6net1 macplan/busybox:latest sleep 600
