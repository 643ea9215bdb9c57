#!/bin/sh
# development scenario gen-c 147 (create/random)
docker network create n1 --ipv6 --subnet=192.0.2.96/27 -o com.docker.network.driver.mtu=1400 --aux-address b=192.0.2.127 --aux-address router=192.0.2.132 --aux-address b=192.0.2.129 --subnet fd00:1::/56 --driver macvlan -o parent=eth0 --gateway 192.0.2.97 --opt macvlan_mode=l2
docker network create -d macvlan --gateway fd00:1::d0 --ipv6 --aux-address b=192.0.2.204 --subnet fd00:1::c0/124 --subnet 192.0.2.0/24 -o parent=eth0.50 --gateway 192.0.2.1 n2
