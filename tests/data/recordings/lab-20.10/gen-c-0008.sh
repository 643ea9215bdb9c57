#!/bin/sh
# development scenario gen-c 8 (ipv6/v6_short_prefix)
docker network create -d macvlan --ipv6 --subnet=10.178.61.0/24 --subnet=2001:db8:8954::/56 --gateway=2001:db8:8954::1 -o parent=eth2 v6net1
