#!/bin/sh
# development scenario gen-c 219 (ipv6/v6_mapped_subnet)
docker network create -d macvlan --ipv6 --subnet ::ffff:192.168.195.0/120 -o parent=eth0 v6net1
docker create --name db2 --network v6net1 --ip6 ::ffff:c0a8:c417 macplan/busybox:latest sleep 600
docker network connect v6net1 db2
