#!/bin/sh
# development scenario gen-c 63 (config/cfg_rm_in_use)
docker network create --config-only --subnet=192.168.100.0/25 --ip-range 192.168.100.64/26 -o parent=eth2 cfg1
docker network create -d macvlan --config-from cfg1 macnet2
docker network rm cfg1
docker run -d --name c3 --network macnet2 macplan/busybox:latest sleep 600
docker run -d --name web4 --network macnet2 --ip 192.168.100.126 macplan/busybox:latest sleep 600
docker run -d --name nginx5 --network macnet2 --mac-address 02:42:12:47:59:59 macplan/busybox:latest sleep 600
