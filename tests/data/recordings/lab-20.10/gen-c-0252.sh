#!/bin/sh
# development scenario gen-c 252 (cli/remove_spelling)
docker network create -d macvlan --subnet 172.18.56.0/24 -o parent=eth1 office1
docker network remove office1
