#!/bin/sh
# development scenario gen-c 51 (endpoint/two_networks)
docker network create --driver macvlan --subnet 192.168.62.0/28 -o parent=eth0 macnet1
docker network create -d macvlan --subnet 172.16.200.0/24 --gateway 172.16.200.1 -o parent=eth2 iot2
docker create --name app3 --network=macnet1 macplan/busybox:latest sleep 600
docker network connect iot2 app3
docker create --name web4 --network macnet1 --ip 192.168.62.2 macplan/busybox:latest sleep 600
docker run -d --name pihole5 --network iot2 --ip 172.16.200.246 --mac-address=02:42:72:21:a8:b6 macplan/busybox:latest sleep 600
docker run -d --name web6 --net macnet1 --mac-address 02:42:22:fb:07:e2 macplan/busybox:latest sleep 600
