#!/bin/sh
# development scenario gen-c 184 (create/random)
docker network create --driver macvlan -o parent=eth0.50 --opt Parent=eth9 --subnet 10.2.3.224/27 --gateway 10.2.3.225 n1
docker network create --subnet 10.2.3.224/29 --gateway=10.2.3.193 --gateway 10.2.3.230 --driver macvlan --opt parent=eth0.50 --aux-address a=10.2.3.230 --subnet 10.2.3.192/26 --aux-address router=10.2.3.230 --aux-address nas=10.2.3.193 --aux-address a=10.2.3.193 n2
