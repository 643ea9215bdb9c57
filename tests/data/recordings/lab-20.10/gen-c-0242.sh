#!/bin/sh
# development scenario gen-c 242 (cli/remove_spelling)
docker network create -d macvlan --subnet=192.168.84.0/25 -o parent=eth0 office1
docker network remove office1
