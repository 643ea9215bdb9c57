#!/bin/sh
# development scenario gen-c 129 (create/random)
docker network create n1 --driver macvlan --subnet=192.0.2.0/24 -o parent=eth0
docker network create \
  --driver macvlan \
  -o parent=eth1 \
  --subnet 192.0.2.120/29 \
  --gateway 192.0.2.121 \
  --ip-range 192.0.2.120/30 \
  n2
docker network create \
  --driver macvlan \
  -o parent=eth0 \
  --opt macvlan_mode=Bridge \
  --subnet 192.0.0.0/21 \
  --gateway 192.0.0.1 \
  --subnet=2001:db8::/120 \
  --gateway 2001:db8::1 \
  --aux-address=router=2001:db8::ff \
  --ipv6 \
  n3
docker network create \
  --driver macvlan \
  --opt=parent=eth1 \
  --subnet 192.0.2.0/24 \
  --gateway=192.0.2.241 \
  --ip-range 192.0.2.0/27 \
  --subnet 2001:db8:0:bb77:49cc:4f6e:b9b9:cdd8/126 \
  --ip-range 2001:db8:0:bb77:49cc:4f6e:b9b9:cdd8/126 \
  --aux-address a=2001:db8:0:bb77:49cc:4f6e:b9b9:cdd9 \
  --ipv6 \
  --internal \
  n4
docker network create \
  --driver macvlan \
  -o parent=eth0.50 \
  --subnet 192.0.2.0/24 \
  --aux-address a=192.0.2.226 \
  --aux-address=nas=192.0.2.86 \
  --aux-address router=192.0.2.1 \
  --subnet 2001:db8::61/128 \
  --gateway=2001:db8::61 \
  --ip-range=2001:db8::61/128 \
  n5
