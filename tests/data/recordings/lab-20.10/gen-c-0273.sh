#!/bin/sh
# development scenario gen-c 273 (create/random)
docker network create \
  --driver macvlan \
  --opt=parent=eth0 \
  --subnet 10.1.1.120/29 \
  --gateway 10.1.1.121 \
  --aux-address a=10.1.1.124 \
  n1
docker network create \
  -d ipvlan \
  --opt=parent=eth0.abc \
  --opt ipvlan_mode=l4 \
  --subnet 10.1.0.180/30 \
  --gateway=10.1.0.183 \
  n2
docker network create \
  --gateway 10.1.2.77 \
  --aux-address router=10.1.2.81 \
  --aux-address a=10.1.2.65 \
  --aux-address b=10.1.2.65 \
  --driver ipvlan \
  --subnet 10.1.2.64/27 \
  -o parent=eth0.50 \
  n3
