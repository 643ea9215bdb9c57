#!/bin/sh
# development scenario gen-c 289 (cli/missing_name)
docker network create -d macvlan --subnet=10.169.29.0/24 -o parent=eth2
docker network create -d macvlan --subnet=10.169.29.0/24 -o parent=eth2 macvlan01
