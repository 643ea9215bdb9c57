#!/bin/sh
# development scenario gen-c 209 (create/random)
docker network create --driver=macvlan --opt parent=eth0 -o macvlan_mode=vepa --subnet 10.2.3.0/24 --ip-range 10.2.3.0/27 --subnet 2001:db8::a5/128 --ipv6 --attachable n1
