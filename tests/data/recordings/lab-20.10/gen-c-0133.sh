#!/bin/sh
# development scenario gen-c 133 (endpoint/fill_small)
docker network create \
  -d macvlan \
  --subnet 10.64.67.0/30 \
  -o parent=eth0.50 \
  macvlan01
docker run -d --name test2 --network=macvlan01 macplan/busybox:latest sleep 600
docker run -d --name web3 --network=macvlan01 macplan/busybox:latest sleep 600
