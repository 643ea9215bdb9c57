#!/bin/sh
# development scenario gen-c 241 (create/random)
docker network create -o parent=eth0.50 --driver=macvlan --subnet 10.1.0.0/24 n1
