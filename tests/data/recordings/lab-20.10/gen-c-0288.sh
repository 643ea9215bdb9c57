#!/bin/sh
# development scenario gen-c 288 (create/random)
docker network create --driver ipvlan -o parent=eth1 --subnet 10.1.254.244/30 --subnet fd00:1::/48 --gateway fd00:1::8:ac37 --ip-range fd00:1:0:8000::/50 --internal n1
