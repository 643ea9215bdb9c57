#!/bin/sh
# development scenario gen-c 15 (rm/rm_parent_reuse)
docker network create -d macvlan --subnet 10.239.0.0/16 --gateway 10.239.0.1 -o parent=eth0 pub_net1
docker network rm pub_net1
docker network create -d macvlan --subnet 10.121.124.0/27 -o parent=eth0 iot2
docker run -d --name c3 --network pub_net1 --ip 10.239.0.1 macplan/busybox:latest sleep 600
