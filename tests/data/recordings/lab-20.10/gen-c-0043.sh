#!/bin/sh
# development scenario gen-c 43 (ipv6/v6_short_prefix)
docker network create -d macvlan --ipv6 --subnet=192.168.217.0/25 --subnet=2001:db8::/32 -o parent=eth2 v6net1
