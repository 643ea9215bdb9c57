#!/bin/sh
# development scenario gen-c 102 (rm/rm_failed_then_retry)
docker network create --driver macvlan --subnet=192.168.226.0/25 --gateway=192.168.226.1 --opt parent=eth1 office1
docker network create -d macvlan --subnet=10.105.197.0/24 --gateway=10.105.198.4 -o parent=eth2 macvlan02
docker network rm macvlan02
docker network create -d macvlan --subnet=10.105.197.0/24 --gateway 10.105.197.1 -o parent=eth2 macvlan02
