#!/bin/sh
# development scenario gen-c 203 (rm/rm_parent_reuse)
docker network create -d macvlan --subnet=10.147.71.0/27 --gateway=10.147.71.1 --aux-address=router=10.147.71.2 -o parent=eth0.50 mv1
docker network create -d macvlan --subnet=10.176.0.0/16 -o parent=eth0.50 pub_net2
docker network rm mv1
docker network create -d macvlan --subnet=10.176.0.0/16 -o parent=eth0.50 pub_net2
docker run -d --rm --name pihole3 --network=mv1 --ip=10.147.71.12 macplan/busybox:latest sleep 600
