#!/bin/sh
# development scenario gen-c 189 (endpoint/no_subnet)
docker network create -d macvlan -o parent=eth1 office1
docker create --name app2 --network none macplan/busybox:latest sleep 600
docker network connect --ip 10.123.0.5 office1 app2
docker network connect office1 app2
