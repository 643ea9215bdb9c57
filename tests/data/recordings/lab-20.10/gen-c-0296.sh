#!/bin/sh
# development scenario gen-c 296 (ipv6/v6_compat_host)
docker network create -d macvlan --ipv6 --subnet=fd36:702d:7801::/96 --gateway=fd36:702d:7801::205.140.137.192 -o parent=eth0 v6net1
docker run -d --name test2 --network=v6net1 --ip6=fd36:702d:7801::205.140.137.192 macplan/busybox:latest sleep 600
