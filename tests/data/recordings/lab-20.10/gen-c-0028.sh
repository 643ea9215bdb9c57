#!/bin/sh
# development scenario gen-c 28 (endpoint/static_ip)
docker network create --driver macvlan --subnet=192.168.253.0/25 --ip-range=192.168.253.64/26 --aux-address=router=192.168.253.2 --subnet=2001:db8:2e4c::/64 --ip-range 2001:db8:2e4c::/72 --gateway=2001:db8:2e4c::1 --ipv6 -o parent=eth0 macvlan01
docker network create -d macvlan --subnet=172.26.139.0/24 --ip-range 172.26.139.0/25 --opt parent=eth1 office2
docker create --name web3 --network=office2 macplan/busybox:latest sleep 600
docker network connect --ip6=2001:db8:2e4c::9c macvlan01 web3
docker create --name pihole4 --network macvlan01 --ip=192.168.253.65 macplan/busybox:latest sleep 600
docker create --name app5 --network=macvlan01 --ip=192.168.253.67 --ip6=2001:db8:2e4c::1 macplan/busybox:latest sleep 600
docker network connect macvlan01 web3
docker run -d --name app6 --network=macvlan01 --ip=192.168.253.2 macplan/busybox:latest sleep 600
