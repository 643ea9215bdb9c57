#!/bin/sh
# development scenario gen-c 96 (cli/run_flags)
docker network create -d macvlan --subnet 10.142.113.0/24 -o parent=eth0.50 dmz1
docker run -d --name app2 --network dmz1 --ip not-an-ip macplan/busybox:latest sleep 600
