#!/bin/sh
# development scenario gen-c 46 (cli/publish)
docker network create -d macvlan --subnet 10.194.0.0/16 -o parent=eth0.50 -p 80:80 office1
docker network create -d macvlan --subnet 10.194.0.0/16 -o parent=eth0.50 office1
