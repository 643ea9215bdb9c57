#!/bin/sh
# development scenario gen-c 260 (cli/extra_names)
docker network create \
  -d macvlan \
  --subnet=10.79.76.0/24 \
  -o parent=eth0 \
  macnet1 \
  macnet1b
docker network create -d macvlan --subnet=10.79.76.0/24 -o parent=eth0 macnet1
