#!/bin/sh
# development scenario gen-c 163 (ipv6/v6_mapped_subnet)
docker network create -d macvlan --ipv6 --subnet=::ffff:0:0/96 -o parent=eth0 v6net1
docker run -d --name nginx2 --net v6net1 macplan/busybox:latest sleep 600
