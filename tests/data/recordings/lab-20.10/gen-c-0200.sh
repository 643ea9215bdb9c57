#!/bin/sh
# development scenario gen-c 200 (rm/rm_name_reuse)
docker network create -d macvlan --subnet=192.168.44.0/24 --gateway=192.168.44.1 -o parent=eth1 macvlan01
docker network rm macvlan01
docker network create -d macvlan --subnet=192.168.25.0/24 --gateway=192.168.25.1 -o parent=eth1 macvlan01
