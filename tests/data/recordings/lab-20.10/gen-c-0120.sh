#!/bin/sh
# development scenario gen-c 120 (create/random)
docker network create n1 --driver=macvlan --opt parent= --subnet 198.51.100.0/24
docker network create --aux-address=b=198.51.100.1 --subnet=198.51.100.0/25 --aux-address nas=198.51.100.49 --opt com.docker.network.driver.mtu=1400 --driver=macvlan --ip-range 198.51.100.0/25 --opt=parent=eth0 --aux-address a=198.51.100.0 n2
docker network create --driver ipvlan --aux-address=a=10.2.11.146 --gateway 10.2.14.82 --gateway 10.99.0.1 -o parent= --subnet=10.2.0.0/20 default
