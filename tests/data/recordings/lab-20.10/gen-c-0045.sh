#!/bin/sh
# development scenario gen-c 45 (create/random)
docker network create -d ipvlan -o parent=eth0 --subnet 10.1.2.28/30 --gateway 10.1.2.29 --ipv6 n1
docker network create --opt parent= --driver macvlan --internal --subnet 10.1.0.112/28 --attachable n2
