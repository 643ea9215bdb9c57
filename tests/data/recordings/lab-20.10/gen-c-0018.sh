#!/bin/sh
# development scenario gen-c 18 (create/random)
docker network create n1 -d macvlan -o parent=eth9.77 -o macvlan_mode=private --subnet 172.18.2.191/32 --aux-address b=172.18.2.191 --aux-address=printer=172.18.2.191 --aux-address a=172.18.2.191 --subnet fd00:1:0:46e6::/64 --gateway fd00::zz --ip-range fd00:1:0:46e6::/65
docker network create n2 -d macvlan -o parent=eth0 -o macvlan_mode=bridge -o ipvlan_flag=private --subnet 172.18.2.191/32 --gateway 172.18.2.191 --subnet fd00:1:0:46e6::/64 --ip-range=fd00:1:0:46e6::/67 --ipv6
