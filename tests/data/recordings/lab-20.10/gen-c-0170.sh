#!/bin/sh
# development scenario gen-c 170 (create/random)
docker network create -d macvlan -o parent=eth0.50 -o ipvlan_flag=vepa --subnet 10.2.3.71/22 --ip-range 10.2.3.0/25 n1
