#!/bin/sh
# development scenario gen-c 221 (config/cfg_endpoint)
docker network create --config-only --subnet=192.168.126.0/25 --ip-range=192.168.126.64/26 -o parent=eth1 cfg1
docker network create -d macvlan --config-from cfg1 office2
docker run \
  -d \
  --name app3 \
  --network=office2 \
  --ip=192.168.126.126 \
  --mac-address=e2:a9:1f:2f:73:1f \
  macplan/busybox:latest sleep 600
docker create --name web4 --network=office2 macplan/busybox:latest sleep 600
