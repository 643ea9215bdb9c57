#!/bin/sh
# development scenario gen-c 234 (endpoint/static_ip)
docker network create --driver macvlan --subnet 192.168.103.0/28 --gateway=192.168.103.1 -o parent=eth0.50 iot1
docker run -d --name app2 --network iot1 --ip 192.168.103.0 --mac-address e6:c2:55:45:c5:f1 macplan/busybox:latest sleep 600
docker run -d --name app3 --network=iot1 --ip=192.168.103.0 --mac-address aa:41:58:b9:d6:a9 macplan/busybox:latest sleep 600
docker create --name c4 --network iot1 --ip 192.168.103.10 --mac-address=aa:41:58:b9:d6:a9 macplan/busybox:latest sleep 600
docker run -d --name web5 --network iot1 --ip 192.168.103.0 macplan/busybox:latest sleep 600
docker network connect --ip 192.168.103.15 iot1 c4
