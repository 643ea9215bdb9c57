#!/bin/sh
# development scenario gen-c 50 (endpoint/static_ip)
docker network create -d macvlan --subnet=192.168.42.0/24 -o parent=eth0 office1
docker network create --driver macvlan --subnet=10.64.95.0/24 --ip-range=10.64.95.224/27 -o parent=eth1 pub_net2
docker run -d --name app3 --network=office1 --ip=192.168.42.86 macplan/busybox:latest sleep 600
docker run -d --name web4 --net=pub_net2 --ip=10.64.95.235 macplan/busybox:latest sleep 600
docker run -d --name app3 --network=pub_net2 --ip=10.64.96.37 macplan/busybox:latest sleep 600
docker network connect pub_net2 web4
docker create --name pihole5 --network=pub_net2 macplan/busybox:latest sleep 600
docker network connect office1 pihole5
