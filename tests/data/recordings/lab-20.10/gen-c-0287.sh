#!/bin/sh
# development scenario gen-c 287 (endpoint/no_subnet)
docker network create -d macvlan -o parent=eth2 pub_net1
docker run -d --name db2 --network=pub_net1 macplan/busybox:latest sleep 600
