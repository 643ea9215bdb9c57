#!/bin/sh
# development scenario gen-c 274 (ipv6/v6_only)
docker network create -d macvlan --ipv6 --subnet fd97:8f46:7d59::/64 -o parent=eth2 v6net1
docker create --name web2 --network v6net1 --ip6 fd97:8f46:7d59::b6 macplan/busybox:latest sleep 600
