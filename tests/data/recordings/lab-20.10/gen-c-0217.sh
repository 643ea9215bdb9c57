#!/bin/sh
# development scenario gen-c 217 (rm/rm_missing)
docker network create -d macvlan --subnet=10.3.0.0/16 --gateway 10.3.0.1 --aux-address router=10.3.0.2 --opt parent=eth0 iot1
docker network rm iot1x
docker run -d --rm --name nginx2 --network=iot1 macplan/busybox:latest sleep 600
