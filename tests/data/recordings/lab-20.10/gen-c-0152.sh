#!/bin/sh
# development scenario gen-c 152 (endpoint/static_ip)
docker network create -d macvlan --subnet 10.185.178.0/27 --ip-range 10.185.178.28/30 --gateway 10.185.178.1 -o parent=eth2 pub_net1
docker run -d --name web2 --network=pub_net1 --ip 10.185.178.31 macplan/busybox:latest sleep 600
docker network connect --ip 10.185.178.5 pub_net1 web2
docker network connect --ip 10.185.178.30 pub_net1 web2
