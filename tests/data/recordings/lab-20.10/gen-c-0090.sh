#!/bin/sh
# development scenario gen-c 90 (create/random)
docker network create -d macvlan --opt parent=eth1 --subnet 192.0.2.0/24 --subnet 10.1.1.0/24 --ip-range 10.1.1.0/27 n1
