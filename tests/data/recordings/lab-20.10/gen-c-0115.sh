#!/bin/sh
# development scenario gen-c 115 (cli/remove_spelling)
docker network create -d macvlan --subnet=10.238.0.0/16 -o parent=eth0.50 pub_net1
docker network rm pub_net1
