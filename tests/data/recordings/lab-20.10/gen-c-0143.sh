#!/bin/sh
# development scenario gen-c 143 (cli/styles)
docker network create --driver=macvlan --subnet=172.16.21.0/24 --gateway 172.16.21.1 --opt=parent=eth1 lan1
