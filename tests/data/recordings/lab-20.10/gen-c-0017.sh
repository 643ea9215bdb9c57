#!/bin/sh
# development scenario gen-c 17 (endpoint/no_subnet)
docker network create -d macvlan -o parent=eth2 vlan501
docker create --name c2 --network vlan501 macplan/busybox:latest sleep 600
