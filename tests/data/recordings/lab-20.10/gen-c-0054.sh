#!/bin/sh
# development scenario gen-c 54 (config/cfg_rm_in_use)
docker network create --config-only --subnet 192.168.102.0/25 --gateway=192.168.102.1 -o parent=eth2 -o macvlan_mode=bridge cfg1
docker network create -d macvlan --config-from=cfg1 mv2
docker network rm cfg1
docker network rm mv2
docker network rm cfg1
docker create --name db3 --network=mv2 --ip=192.168.102.123 --mac-address=0e:ff:b6:b8:4c:80 macplan/busybox:latest sleep 600
docker run -d --name nginx4 --network=mv2 --mac-address=0e:ff:b6:b8:4c:80 macplan/busybox:latest sleep 600
