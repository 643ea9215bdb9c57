#!/bin/sh
# development scenario gen-c 121 (endpoint/static_ip)
docker network create -d macvlan --subnet=192.168.197.0/28 --aux-address=router=192.168.197.2 -o parent=eth0 lan1
docker create --name app2 --network=none macplan/busybox:latest sleep 600
docker network connect lan1 app2
docker run -d --rm --name nginx3 --network=lan1 --ip=192.168.197.15 macplan/busybox:latest sleep 600
docker run -d --name web4 --network=lan1 --ip=192.168.197.14 --mac-address=02:42:13:0a:4c:c7 macplan/busybox:latest sleep 600
docker run -d --name web5 --network=lan1 --ip=192.168.197.2 --mac-address=22:d3:21:32:2f:7c macplan/busybox:latest sleep 600
docker run -d --name app6 --network=lan1 --ip=192.168.197.14 macplan/busybox:latest sleep 600
