#!/bin/sh
# development scenario gen-c 125 (create/random)
docker network create -d macvlan -o parent=eth0 -o com.docker.network.driver.mtu=1400 --subnet 198.51.100.0/24 n1
