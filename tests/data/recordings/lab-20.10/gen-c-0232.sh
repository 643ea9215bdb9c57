#!/bin/sh
# development scenario gen-c 232 (rm/rm_name_reuse)
docker network create \
  --driver macvlan \
  --subnet 10.196.232.0/27 \
  --ip-range 10.196.232.24/30 \
  --gateway 10.196.232.1 \
  --opt parent=eth0.50 \
  vlan501
docker network rm vlan501
docker network create \
  -d macvlan \
  --subnet 10.21.10.0/27 \
  -o parent=eth0.50 \
  vlan501
