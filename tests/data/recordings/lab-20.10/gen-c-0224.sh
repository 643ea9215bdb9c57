#!/bin/sh
# development scenario gen-c 224 (endpoint/static_ip)
docker network create -d macvlan --subnet 192.168.213.0/25 --gateway 192.168.213.126 --opt parent=eth2 iot1
docker run -d --name test2 --network nosuchnet --mac-address 56:cb:00:36:fa:a7 macplan/busybox:latest sleep 600
docker run -d --name pihole3 --network iot1 --ip 192.168.213.64 macplan/busybox:latest sleep 600
docker network connect iot1 pihole3
