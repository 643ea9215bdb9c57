#!/bin/sh
# development scenario gen-c 78 (rm/rm_failed_then_retry)
docker network create -d macvlan --subnet 10.124.0.0/16 --ip-range 10.124.128.0/17 --gateway 10.124.0.1 --aux-address router=10.124.0.2 -o parent=eth1 vlan501
docker network create -d macvlan --subnet=10.229.99.0/24 --gateway 10.229.100.4 -o parent=eth2 vlan502
docker network rm vlan502
docker network create -d macvlan --subnet=10.229.99.0/24 --gateway 10.229.99.1 -o parent=eth2 vlan502
