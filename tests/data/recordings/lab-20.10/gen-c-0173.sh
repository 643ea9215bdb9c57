#!/bin/sh
# development scenario gen-c 173 (endpoint/static_ip)
docker network create --driver macvlan --subnet 172.24.52.0/24 --ip-range 172.24.52.0/25 --gateway 172.24.52.1 --subnet fd00:32c6::/80 --ipv6 -o parent=eth2 lan1
docker create --name c2 --network lan1 --ip 172.24.52.68 --ip6 fd00:32c6::38 macplan/busybox:latest sleep 600
docker run -d --name c3 --network lan1 --ip 172.24.52.63 --ip6 fd00:32c6::1 macplan/busybox:latest sleep 600
docker create --name web4 --network lan1 macplan/busybox:latest sleep 600
