#!/bin/sh
# development scenario gen-c 142 (cli/ip_on_create)
docker network create -d macvlan --subnet=10.130.132.0/27 -o parent=eth2 --ip 10.130.132.5 lan1
docker network create -d macvlan --subnet=10.130.132.0/27 -o parent=eth2 lan1x
