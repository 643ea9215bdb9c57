#!/bin/sh
# development scenario gen-c 174 (create/random)
docker network create --gateway 10.1.1.207 -o macvlan_mode=l2 -o parent=eth1 --driver macvlan --subnet 10.1.1.192/26 n1
docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=bridge --subnet 10.1.1.159/32 --attachable n2
docker network create --driver ipvlan --opt com.docker.network.driver.mtu=1400 --subnet 10.1.2.0/24 -o ipvlan_mode=l2 --internal --opt parent=eth0.50 n3
docker network create -o ipvlan_mode=l3 -o parent=eth1 --internal --subnet 10.1.1.158/31 -d ipvlan n4
