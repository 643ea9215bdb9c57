#!/bin/sh
# development scenario gen-c 298 (endpoint/dual_stack)
docker network create --driver macvlan --subnet 192.168.234.0/28 --ip-range 192.168.234.12/30 --aux-address router=192.168.234.2 --subnet fdcb:130a:c8d1::/64 --ipv6 -o parent=eth0 mv1
docker create --name web2 --network mv1 macplan/busybox:latest sleep 600
docker network connect --ip 192.168.234.61 --ip6 fdcb:130a:c8d1::20 mv1 web2
docker run -d --name db3 --network mv1 --ip6 fdcb:130a:c8d1::68 macplan/busybox:latest sleep 600
docker run -d --name nginx4 --network mv1 --ip6 fdcb:130a:c8d1::a7 macplan/busybox:latest sleep 600
docker run -d --name c5 --network mv1 --ip 192.168.234.12 --mac-address 2e:6b:91:ee:a5:9d macplan/busybox:latest sleep 600
