#!/bin/sh
# development scenario gen-c 168 (create/random)
docker network create \
  --driver macvlan \
  -o parent=eth1 \
  -o macvlan_mode=private \
  --subnet 10.1.2.162/31 \
  --gateway=10.1.2.163 \
  --aux-address a=10.1.2.163 \
  --aux-address nas=10.1.2.162 \
  n1
docker network create \
  --driver macvlan \
  --opt parent=eth0.50 \
  -o macvlan_mode=vepa \
  --subnet 10.1.2.162/31 \
  n2
docker network create \
  n3 \
  --driver ipvlan \
  --opt parent=eth1 \
  --opt ipvlan_mode=bridge \
  --subnet=10.1.2.162/31 \
  --ip-range 10.1.2.160/28 \
  --aux-address printer=10.1.2.167 \
  --aux-address=a=10.1.2.163 \
  --subnet=10.1.2.160/30 \
  --subnet fd00:1::/48 \
  --gateway=fd00:1::1 \
  --ipv6
docker network create \
  n4 \
  --subnet 10.1.0.0/16 \
  -o parent=eth0.50 \
  --driver macvlan
