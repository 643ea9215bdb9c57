#!/bin/sh
# development scenario gen-c 178 (create/random)
docker network create \
  n1 \
  -d macvlan \
  -o parent=eth1 \
  --opt macvlan_mode=l2 \
  --subnet 10.1.229.239/32 \
  --gateway 10.1.229.239 \
  --ip-range 10.1.229.239/32 \
  --subnet=fd00:1:0:2a7e::/64 \
  --gateway fd00:1:0:2a7e::1 \
  --ipv6
docker network create \
  -d macvlan \
  -o parent=eth0.50 \
  -o macvlan_mode=bridge \
  --subnet 10.1.1.128/25 \
  --gateway 10.1.1.129 \
  --subnet fd00:1:0:2a7e::/72 \
  --gateway=fd00:1:0:2a7e::e:851f \
  --ip-range fd00:1:0:2a7e::/75 \
  --ipv6 \
  --internal \
  n2
docker network create \
  -d macvlan \
  --opt=parent=eth0 \
  -o macvlan_mode=passthru \
  --subnet 10.1.0.64/28 \
  --ip-range 10.1.0.64/30 \
  --attachable \
  n3
docker network create \
  n4 \
  -d ipvlan \
  -o parent=eth0 \
  --subnet=10.1.0.128/25 \
  --gateway 10.1.0.255 \
  --aux-address b=10.1.0.144
