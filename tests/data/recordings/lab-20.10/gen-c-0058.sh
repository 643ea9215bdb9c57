#!/bin/sh
# development scenario gen-c 58 (config/cfg_basic)
docker network create --config-only --subnet=10.146.182.0/24 --gateway 10.146.182.1 -o parent=eth0.50 cfg1
docker network create -d macvlan --config-from=cfg1 office2
