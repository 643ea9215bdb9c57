#!/bin/sh
# development scenario gen-c 62 (rm/rm_pool_reuse)
docker network create \
  --driver macvlan \
  --subnet=10.165.143.0/24 \
  --gateway=10.165.143.1 \
  --aux-address=router=10.165.143.2 \
  -o parent=eth2 \
  office1
docker network rm office1
docker network create \
  -d macvlan \
  --subnet=10.165.143.0/24 \
  --gateway=10.165.143.1 \
  -o parent=eth1 \
  pub_net2
