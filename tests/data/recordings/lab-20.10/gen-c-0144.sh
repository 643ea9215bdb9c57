#!/bin/sh
# development scenario gen-c 144 (ipv6/v6_short_prefix)
docker network create -d ipvlan --ipv6 --subnet fd20:7496:bf40::/44 --ip-range fd20:7496:bf40::/48 --gateway fd20:7496:bf40::1 -o parent=eth1 v6net1
docker network create --driver ipvlan --subnet 2001:db8:3dd::/64 --gateway=2001:db8:3dd::1 --ipv6 --opt parent=eth2 vlan502
