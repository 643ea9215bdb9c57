#!/bin/sh
# development scenario gen-c 64 (endpoint/no_subnet)
docker network create -d macvlan -o parent=eth2 mv1
docker run -d --name db2 --network=none macplan/busybox:latest sleep 600
docker network connect --ip=10.123.0.5 mv1 db2
