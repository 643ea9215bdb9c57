#!/bin/sh
# development scenario gen-c 111 (ipv6/v6_short_prefix)
docker network create -d macvlan --subnet 192.168.69.0/28 --subnet=fd24:2a59:df83::/48 --ip-range=fd24:2a59:df83::/64 --gateway=fd24:2a59:df83:1::1 -o parent=eth1 v6net1
docker create --name test2 --network=v6net1 --ip6=fd24:2a59:df83::80 macplan/busybox:latest sleep 600
docker network create --driver macvlan --subnet=fdca:eb1a:350e::/80 --ip-range=fdca:eb1a:350e::/88 --ipv6 -o parent=eth2 vlan503
