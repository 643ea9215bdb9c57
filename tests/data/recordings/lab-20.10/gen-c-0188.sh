#!/bin/sh
# development scenario gen-c 188 (endpoint/static_ip)
docker network create -d macvlan --subnet=10.154.13.0/27 --ip-range=10.154.13.0/28 --gateway=10.154.13.1 -o parent=eth0.50 iot1
docker network create -d macvlan --subnet=10.134.189.0/27 --ip-range=10.134.189.16/28 --gateway=10.134.189.30 -o parent=eth2 dmz2
docker run -d --name nginx3 --network=dmz2 macplan/busybox:latest sleep 600
docker network connect iot1 nginx3
docker create --name pihole4 --network=dmz2 macplan/busybox:latest sleep 600
docker network connect --ip=10.154.13.13 iot1 pihole4
docker run -d --name nginx5 --network=iot1 --mac-address=72:7e:97:b6:b0:0c macplan/busybox:latest sleep 600
