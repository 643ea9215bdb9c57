#!/bin/sh
# development scenario gen-c 253 (endpoint/fill_small)
docker network create -d macvlan --subnet 10.129.35.0/30 -o parent=eth2 lan1
docker run -d --name db2 --network lan1 macplan/busybox:latest sleep 600
docker run -d --name c3 --network lan1 macplan/busybox:latest sleep 600
docker run -d --name test4 --network lan1 macplan/busybox:latest sleep 600
docker run -d --rm --name app5 --network lan1 --ip 10.129.35.2 macplan/busybox:latest sleep 600
