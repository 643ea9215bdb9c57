#!/bin/sh
# development scenario gen-c 76 (endpoint/dual_stack)
docker network create -d macvlan --subnet 10.92.103.0/24 --gateway 10.92.103.1 --subnet=2001:db8:52b::/112 --ip-range 2001:db8:52b::/120 --gateway=2001:db8:52b::1 --ipv6 -o parent=eth0 pub_net1
docker run -d --name db2 --network nosuchnet macplan/busybox:latest sleep 600
docker run -d --name db2 --network=pub_net1 macplan/busybox:latest sleep 600
