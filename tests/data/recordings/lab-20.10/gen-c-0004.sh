#!/bin/sh
# development scenario gen-c 4 (endpoint/no_subnet)
docker network create -d macvlan -o parent=eth0 lan1
docker run -d --name app2 --network=lan1 macplan/busybox:latest sleep 600
