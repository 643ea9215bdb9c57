#!/bin/sh
# development scenario gen-c 216 (ipv6/v6_only)
docker network create -d macvlan --ipv6 --subnet=2001:db8:1cfc::/64 --gateway 2001:db8:1cfc:0:ffff:ffff:ffff:ffff --ip-range 2001:db8:1cfc:0:c000::/66 -o parent=eth0.50 v6net1
docker create --name test2 --network v6net1 --ip6 2001:db8:1cfc:1::2c --mac-address aa:ab:c4:a6:a1:60 macplan/busybox:latest sleep 600
docker run -d --name db3 --network v6net1 macplan/busybox:latest sleep 600
docker run -d --name db4 --network v6net1 --mac-address aa:8b:08:a9:e5:56 macplan/busybox:latest sleep 600
