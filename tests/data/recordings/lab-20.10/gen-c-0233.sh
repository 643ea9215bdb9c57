#!/bin/sh
# development scenario gen-c 233 (endpoint/two_networks)
docker network create --driver macvlan --subnet=10.40.0.0/16 --gateway=10.40.0.1 --opt parent=eth0.50 iot1
docker network create -d macvlan --subnet=10.89.0.0/16 --gateway=10.89.0.1 --aux-address=router=10.89.0.2 -o parent=eth0 office2
docker create --name app3 --network=iot1 macplan/busybox:latest sleep 600
docker network connect office2 app3
docker run -d --name app3 --network=office2 --ip=10.89.255.254 --mac-address=02:42:14:91:57:92 macplan/busybox:latest sleep 600
docker run -d --name test4 --network=office2 macplan/busybox:latest sleep 600
docker network connect --ip 10.40.255.255 iot1 test4
docker run -d --name nginx5 --network=office2 --mac-address=02:42:a8:81:5a:f9 macplan/busybox:latest sleep 600
