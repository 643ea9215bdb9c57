#!/bin/sh
# development scenario gen-c 83 (create/random)
docker network create --ip-range 198.51.101.0/28 --subnet=198.51.100.0/24 --driver=macvlan -o macvlan_mode= --opt parent=eth0 --gateway 10.99.0.0/28 --subnet 198.51.100.0/24 n1
