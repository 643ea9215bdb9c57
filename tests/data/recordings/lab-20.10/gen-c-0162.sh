#!/bin/sh
# development scenario gen-c 162 (cli/styles)
docker network create --driver=macvlan --subnet=10.208.160.0/27 --gateway 10.208.160.1 --opt=parent=eth0 dmz1
