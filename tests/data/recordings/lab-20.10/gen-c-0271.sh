#!/bin/sh
# development scenario gen-c 271 (endpoint/fill_small)
docker network create -d macvlan --subnet=10.57.81.0/30 -o parent=eth2 macnet1
docker run -d --name pihole2 --network=macnet1 macplan/busybox:latest sleep 600
docker run -d --rm --name web3 --network=macnet1 macplan/busybox:latest sleep 600
docker run -d --name c4 --net=macnet1 macplan/busybox:latest sleep 600
docker run -d --name nginx5 --network=macnet1 macplan/busybox:latest sleep 600
