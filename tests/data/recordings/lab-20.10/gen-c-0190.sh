#!/bin/sh
# development scenario gen-c 190 (rm/rm_missing)
docker network create -d macvlan --subnet=10.124.190.0/27 --ip-range=10.124.190.24/29 --gateway=10.124.190.1 --opt parent=eth1 iot1
docker network rm IOT1
