#!/bin/sh
# development scenario gen-c 176 (ipv6/v6_range_2_64)
docker network create -d macvlan --ipv6 --subnet 172.26.40.0/24 --subnet fd00:65bd::/60 --ip-range fd00:65bd:0:6:ff00::/72 --gateway fd00:65bd::1 -o parent=eth0 v6net1
docker network create -d macvlan --subnet 10.178.0.0/16 --gateway 10.178.0.1 --opt parent=eth2 macvlan02
docker create --name app3 --network macvlan02 macplan/busybox:latest sleep 600
docker network connect --ip 172.26.40.118 v6net1 app3
docker network connect --ip6 fd00:65bd:0:6:ff00::93 v6net1 app3
