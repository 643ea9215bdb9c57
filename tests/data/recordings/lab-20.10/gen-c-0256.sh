#!/bin/sh
# development scenario gen-c 256 (endpoint/two_networks)
docker network create -d macvlan --subnet 192.168.57.0/25 --ip-range 192.168.57.96/27 --gateway 192.168.57.1 --opt parent=eth2 lan1
docker network create -d macvlan --subnet 10.62.193.0/27 --gateway 10.62.193.30 --aux-address router=10.62.193.2 -o parent=eth0 macnet2
docker run -d --name pihole3 --network lan1 --ip 192.168.57.157 macplan/busybox:latest sleep 600
docker run -d --name db4 --net macnet2 --ip 10.62.193.2 macplan/busybox:latest sleep 600
docker run -d --name web5 --network macnet2 macplan/busybox:latest sleep 600
docker network connect lan1 web5
