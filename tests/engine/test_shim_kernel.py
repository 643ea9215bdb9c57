"""The shim's commands on a real kernel: run exactly as `macplan shim` prints them, in a network
namespace of this test's own, on a parent that holds an address of the subnet (as a LAN host's
parent does).  Needs root and `ip`; it creates nothing outside its namespace."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

import macplan
from macplan.emit import shim

PLAN = """
name: shimtest
hosts:
  node1: {interfaces: [eth0]}
networks:
  lan:
    host: node1
    parent: eth0
    subnets:
      - subnet: 10.50.0.0/24
        gateway: 10.50.0.1
  ranged:
    host: node1
    parent: eth0
    subnets:
      - subnet: 10.60.0.0/24
        gateway: 10.60.0.1
        ip_range: 10.60.0.64/26
"""


@pytest.fixture
def netns():
    if os.geteuid() != 0 or shutil.which("ip") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs as root with iproute2: the shim's kernel test must run")
        pytest.skip("needs root and iproute2")
    name = f"macplan-shimtest-{os.getpid()}"
    subprocess.run(["ip", "netns", "add", name], check=True)
    try:
        ip = ["ip", "-n", name]
        # the parent: a veth (this kernel has macvlan and veth), up, with the host's own LAN addresses
        subprocess.run(ip + ["link", "add", "eth0", "type", "veth", "peer", "name", "peer0"], check=True)
        for addr in ("10.50.0.10/24", "10.60.0.10/24"):
            subprocess.run(ip + ["addr", "add", addr, "dev", "eth0"], check=True)
        subprocess.run(ip + ["link", "set", "eth0", "up"], check=True)
        subprocess.run(ip + ["link", "set", "peer0", "up"], check=True)
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False)


def route_dev(ns: str, address: str) -> str:
    out = subprocess.run(["ip", "-n", ns, "route", "get", address], capture_output=True, text=True, check=True)
    words = out.stdout.split()
    return words[words.index("dev") + 1]


def test_the_printed_commands_work_on_a_parent_with_an_address_in_the_subnet(netns):
    plan = shim.reserve(macplan.load_yaml_text(PLAN))
    script = shim.commands(plan)
    done = subprocess.run(["ip", "netns", "exec", netns, "sh", "-e", "-c", script], capture_output=True, text=True)
    # before the routes were halves, `ip route add 10.50.0.0/24 dev mv-lan` failed: File exists
    assert done.returncode == 0, done.stderr
    by_net = {s.network: s for s in shim.shims(plan)}
    # a container's address (Docker hands out the lowest free ones) goes through the shim ...
    assert route_dev(netns, "10.50.0.2") == by_net["lan"].ifname
    assert route_dev(netns, "10.60.0.65") == by_net["ranged"].ifname
    # ... and with an ip-range, the rest of the LAN stays on the parent
    assert route_dev(netns, "10.60.0.200") == "eth0"
