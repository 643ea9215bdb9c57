#!/bin/sh
# development scenario gen-c 266 (config/cfg_rm_in_use)
docker network create --config-only --subnet 10.92.0.0/16 --gateway 10.92.0.1 -o parent=eth1 cfg1
docker network create -d macvlan --config-from cfg1 office2
docker network rm cfg1
docker network rm office2
docker network rm cfg1
docker create --name app3 --network office2 --ip 10.93.0.6 macplan/busybox:latest sleep 600
docker run -d --name web4 --network office2 --ip 10.92.0.1 macplan/busybox:latest sleep 600
docker create --name pihole5 --network office2 --ip 10.92.255.254 --mac-address b6:bf:45:9e:04:c4 macplan/busybox:latest sleep 600
