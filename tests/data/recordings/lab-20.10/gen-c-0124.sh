#!/bin/sh
# development scenario gen-c 124 (endpoint/fill_small)
docker network create -d macvlan --subnet=10.183.79.0/30 -o parent=eth2 macnet1
docker run -d --name pihole2 --network=macnet1 macplan/busybox:latest sleep 600
docker run -d --rm --name db3 --network=macnet1 --ip=10.183.79.2 macplan/busybox:latest sleep 600
