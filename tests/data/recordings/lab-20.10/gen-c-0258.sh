#!/bin/sh
# development scenario gen-c 258 (ipv6/v6_short_prefix)
docker network create \
  -d macvlan \
  --ipv6 \
  --subnet=192.168.15.0/24 \
  --subnet 2001:db8:f325::/52 \
  --gateway 2001:db8:f325::1:0 \
  -o parent=eth1 \
  v6net1
docker create \
  --name test2 \
  --network v6net1 \
  --ip 192.168.15.241 \
  --ip6 2001:db8:f325::83 \
  macplan/busybox:latest sleep 600
docker network create \
  --driver macvlan \
  --subnet 10.90.0.0/16 \
  --gateway 10.90.0.1 \
  --subnet fd00:3fc4::/64 \
  --ip-range fd00:3fc4::/72 \
  --gateway fd00:3fc4::1 \
  --ipv6 \
  -o parent=eth0.50 \
  pub_net3
