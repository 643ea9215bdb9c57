#!/bin/sh
# development scenario gen-c 79 (create/random)
docker network create -d macvlan -o parent=lo --subnet 10.2.0.0/16 n1
docker network create -d macvlan --opt parent=eth0 --subnet 10.2.0.250/32 --gateway 10.2.0.250 --aux-address=b=10.2.0.255 --subnet fd00:2:0:96d1:88a0:71c4:ebf7:e136/127 --aux-address=b=fd00:2:0:96d1:88a0:71c4:ebf7:e136 --aux-address b=fd00:2:0:96d1:88a0:71c4:ebf7:e136 --aux-address a=fd00:2:0:96d1:88a0:71c4:ebf7:e136 --ipv6 n2
