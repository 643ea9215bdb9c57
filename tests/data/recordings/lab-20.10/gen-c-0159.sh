#!/bin/sh
# development scenario gen-c 159 (create/random)
docker network create \
  --driver macvlan \
  -o parent=eth1 \
  --subnet 172.18.1.224/28 \
  --aux-address router=172.18.1.225 \
  --aux-address printer=172.18.1.232 \
  --aux-address a=172.18.1.225 \
  --subnet 172.18.0.0/24 \
  --gateway=172.18.0.1 \
  --aux-address b=172.18.0.1 \
  --internal \
  n1
docker network create \
  -d macvlan \
  --opt parent=eth0.50 \
  --subnet 172.18.2.0/24 \
  --gateway 172.18.2.87 \
  --ip-range 172.18.2.0/25 \
  n2
docker network create \
  -d macvlan \
  --subnet=172.18.2.128/28 \
  --gateway 172.18.2.129 \
  --ip-range=172.18.2.128/30 \
  --internal \
  n3
docker network create \
  -o macvlan_mode=bogus \
  -d macvlan \
  --gateway 172.18.0.1 \
  --subnet 172.18.0.0/24 \
  --opt macvlan_mode=private \
  n4
docker network create \
  --driver macvlan \
  -o parent=eth0.50 \
  -o macvlan_mode=bridge \
  --subnet 172.18.0.0/22 \
  --gateway 172.18.1.158 \
  --subnet 172.18.0.0/24 \
  --gateway=172.18.0.218 \
  --internal \
  --attachable \
  n5
