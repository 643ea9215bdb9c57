#!/bin/sh
# development scenario gen-c 3 (ipv6/v6_short_prefix)
docker network create -d macvlan --ipv6 --subnet fd76:1624:10c0::/44 --ip-range fd76:1624:10c0::/52 --gateway fd76:1624:10c0:1::1 -o parent=eth2 v6net1
