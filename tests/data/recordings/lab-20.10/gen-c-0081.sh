#!/bin/sh
# development scenario gen-c 81 (ipv6/v6_compat_host)
docker network create -d macvlan --ipv6 --subnet=192.168.232.0/28 --subnet=fdb5:9aa9:4710::/96 --gateway=fdb5:9aa9:4710::27.203.247.149 -o parent=eth1 v6net1
