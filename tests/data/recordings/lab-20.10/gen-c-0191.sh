#!/bin/sh
# development scenario gen-c 191 (create/random)
docker network create -o ipvlan_mode=bridge --subnet 172.18.0.0/22 --aux-address router=172.18.0.1 --gateway 172.18.0.0 --aux-address b=172.18.0.0 --internal --opt parent=eth0 --aux-address=router=172.18.4.3 --gateway 172.18.3.149 --subnet 172.18.3.148/30 --driver ipvlan n1
