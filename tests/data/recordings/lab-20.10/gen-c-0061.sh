#!/bin/sh
# development scenario gen-c 61 (cli/extra_names)
docker network create -d macvlan --subnet=10.39.152.0/27 -o parent=eth0.50 iot1 iot1b
docker network create -d macvlan --subnet=10.39.152.0/27 -o parent=eth0.50 iot1x
