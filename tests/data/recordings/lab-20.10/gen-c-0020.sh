#!/bin/sh
# development scenario gen-c 20 (create/random)
docker network create --driver macvlan -o macvlan_mode=passthru --subnet 10.2.0.96/27 --internal n1
docker network create --driver macvlan -o parent=eth0 --subnet=10.1.0.0/20 --gateway 10.1.0.1 n2
