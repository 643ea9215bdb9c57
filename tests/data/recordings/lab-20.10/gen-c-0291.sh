#!/bin/sh
# development scenario gen-c 291 (endpoint/dual_stack)
docker network create --driver macvlan --subnet 192.168.67.0/28 --subnet 2001:db8:9ac2::/120 --ip-range 2001:db8:9ac2::/127 --gateway 2001:db8:9ac2::1 --ipv6 --opt parent=eth1 lan1
docker run -d --name test2 --network=lan1 --ip6 2001:db8:9ac2:: macplan/busybox:latest sleep 600
docker run -d --name app3 --network lan1 --ip6 2001:db8:9ac2:: macplan/busybox:latest sleep 600
docker run -d --name pihole4 --network lan1 --ip6 2001:db8:9ac2:: macplan/busybox:latest sleep 600
