#!/bin/sh
# development scenario gen-c 70 (ipv6/v6_only)
docker network create -d macvlan --ipv6 --subnet fdd2:14f7:d0af::/64 --ip-range fdd2:14f7:d0af:0:c000::/66 -o parent=eth0.50 v6net1
docker run -d --name app2 --network v6net1 macplan/busybox:latest sleep 600
docker create --name nginx3 --network v6net1 --mac-address 1a:4c:5e:59:07:d1 macplan/busybox:latest sleep 600
docker network connect --ip6 fdd2:14f7:d0af:1::1c v6net1 app2
