#!/bin/sh
# development scenario gen-c 182 (create/random)
docker network create \
  --driver=macvlan \
  -o parent=eth0 \
  -o macvlan_mode=bogus \
  --subnet 198.51.100.128/26 \
  --gateway 198.51.100.129 \
  --aux-address=router=198.51.100.129 \
  --aux-address a=198.51.100.129 \
  --aux-address nas=198.51.100.183 \
  --subnet=198.51.100.0/25 \
  --ip-range 198.51.100.112/28 \
  --aux-address a=198.51.100.102 \
  --aux-address nas=198.51.100.118 \
  n1
docker network create \
  -d macvlan \
  -o parent=eth0.50 \
  --subnet 198.51.100.128/30 \
  --gateway 198.51.100.129 \
  --aux-address a=198.51.100.129 \
  --aux-address a=198.51.100.129 \
  n2
