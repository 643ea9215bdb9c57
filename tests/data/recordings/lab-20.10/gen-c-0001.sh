#!/bin/sh
# development scenario gen-c 1 (config/cfg_basic)
docker network create --config-only --subnet=10.110.0.0/16 --ip-range 10.110.128.0/17 --gateway 10.110.0.1 -o parent=eth2 cfg1
docker network create -d ipvlan --config-from cfg1 dmz2
