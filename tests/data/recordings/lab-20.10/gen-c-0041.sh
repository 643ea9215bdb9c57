#!/bin/sh
# development scenario gen-c 41 (cli/styles)
docker network create --driver=macvlan --subnet=10.21.7.0/27 --gateway 10.21.7.1 --opt=parent=eth0 mv1
