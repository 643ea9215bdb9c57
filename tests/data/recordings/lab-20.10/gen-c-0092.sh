#!/bin/sh
# development scenario gen-c 92 (create/random)
docker network create --driver macvlan -o parent=eth0 --opt macvlan_mode=bogus --subnet 10.2.1.137/32 --ip-range 10.2.1.137/32 --aux-address nas=10.2.1.137 n1
docker network create --attachable --opt=parent=eth0.50 --gateway 172.18.160.1 --subnet=172.18.165.175/20 --driver macvlan --internal n2
docker network create --driver macvlan -o parent=eth1 --subnet 172.18.1.56/30 --aux-address nas=172.18.1.57 --subnet 172.18.1.60/30 --gateway 172.18.1.61 --ip-range 172.18.1.60/32 n3
docker network create n1 --subnet 172.18.1.56/30 --ip-range 172.18.1.56/31 --subnet 172.18.3.95/32 --opt macvlan_mode=passthru --driver macvlan -o parent=eth0.50
docker network create --driver macvlan -o parent=eth0 --opt=macvlan_mode=private -o macvlan_mode=bogus -o com.docker.network.driver.mtu=1400 --subnet 10.2.202.128/25 --gateway 10.2.202.129 --ipv6 --attachable n4
