#!/bin/sh
# development scenario gen-c 226 (cli/missing_name)
docker network create -d macvlan --subnet=192.168.34.0/28 -o parent=eth2
docker network create -d macvlan --subnet=192.168.34.0/28 -o parent=eth2 mv1x
