#!/bin/sh
# development scenario gen-c 228 (rm/rm_missing)
docker network create --driver macvlan --subnet 10.84.189.0/27 --gateway 10.84.189.1 --opt parent=eth0.50 iot1
docker network rm nosuch
