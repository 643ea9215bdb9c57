#!/bin/sh
# development scenario gen-c 42 (endpoint/fill_small)
docker network create -d macvlan --subnet 10.208.242.0/30 -o parent=eth0.50 lan1
docker run -d --name test2 --net=lan1 macplan/busybox:latest sleep 600
docker run -d --name app3 --network=lan1 macplan/busybox:latest sleep 600
docker run -d --name web4 --network lan1 macplan/busybox:latest sleep 600
