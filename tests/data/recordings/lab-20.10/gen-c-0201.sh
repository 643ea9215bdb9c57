#!/bin/sh
# development scenario gen-c 201 (create/random)
docker network create -d macvlan -o parent=eth0 --subnet 10.1.1.0/24 n1
docker network create --driver macvlan --opt=parent=eth0.50 --subnet=10.1.1.128/28 --gateway 10.1.1.129 n2
