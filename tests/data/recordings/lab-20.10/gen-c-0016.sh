#!/bin/sh
# development scenario gen-c 16 (config/cfg_endpoint)
docker network create --config-only --subnet 10.190.115.0/27 --subnet=fdf7:bcf2:20b6::/64 --ipv6 -o parent=eth2 -o macvlan_mode=bridge cfg1
docker network create -d macvlan --config-from cfg1 pub_net2
docker create --name app3 --network pub_net2 --ip 10.190.115.28 macplan/busybox:latest sleep 600
docker run -d --name nginx4 --net pub_net2 --ip6 fdf7:bcf2:20b6::1 macplan/busybox:latest sleep 600
docker run -d --rm --name app5 --network=pub_net2 --ip 10.190.115.28 --ip6 fdf7:bcf2:20b6:0:ffff:ffff:ffff:fffe --mac-address 02:42:55:6a:31:d8 macplan/busybox:latest sleep 600
