#!/bin/sh
# development scenario gen-c 38 (ipv6/v6_mapped_host)
docker network create -d macvlan --ipv6 --subnet 10.148.9.0/27 --subnet fd83:f690:e4f::/64 --gateway fd83:f690:e4f::ffff:25.77.48.198 -o parent=eth2 v6net1
docker run -d --name c2 --network v6net1 --ip6 fd83:f690:e4f::ffff:25.77.48.198 macplan/busybox:latest sleep 600
