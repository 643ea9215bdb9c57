#!/bin/sh
# development scenario gen-c 2 (cli/styles)
docker network create --driver=macvlan --subnet=172.20.148.0/24 --gateway 172.20.148.1 --opt=parent=eth0 iot1
