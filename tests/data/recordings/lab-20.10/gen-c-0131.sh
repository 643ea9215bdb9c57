#!/bin/sh
# development scenario gen-c 131 (rm/rm_multi)
docker network create --driver macvlan --subnet=192.168.10.0/24 --gateway=192.168.10.1 --aux-address router=192.168.10.2 -o parent=eth2 office1
docker network create -d macvlan --subnet=192.168.229.0/28 --ip-range 192.168.229.12/30 --aux-address=router=192.168.229.2 -o parent=eth1 macnet2
docker network rm office1 macnet2
docker network create --driver macvlan --subnet=192.168.243.0/28 -o parent=eth2 iot3
