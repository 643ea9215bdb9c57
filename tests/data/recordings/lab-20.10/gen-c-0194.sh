#!/bin/sh
# development scenario gen-c 194 (cli/missing_name)
docker network create -d macvlan --subnet 10.246.0.0/16 -o parent=eth0
docker network create -d macvlan --subnet 10.246.0.0/16 -o parent=eth0 lan1
