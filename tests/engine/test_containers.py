"""Containers on macvlan networks in the lab get the addresses and MACs macplan predicts, and a
small pool fills up at exactly the count `macplan.capacity` gives.

What a container got is read from inside it (its own eth0, as the kernel sees it), not from
Docker's bookkeeping; the expected values come from macplan, the observed ones from the daemon.
"""

from __future__ import annotations

import ipaddress
import re
import shlex
import time

import pytest

import macplan

try:
    from . import scenarios as S
except ImportError:  # rootdir-relative import mode: tests/engine is on sys.path
    import scenarios as S

# One macvlan network per parent (20.10 refuses a second macvlan on a parent). Shapes chosen so
# the first container's address depends on what macplan must know: an explicit gateway, an
# automatic gateway inside an ip-range, aux addresses, a gateway at the top, dual stack.
NETWORKS = {
    "gw_first": "docker network create -d macvlan -o parent=eth0 --subnet 192.0.2.0/24 "
                "--gateway 192.0.2.1 gw_first",
    "range_auto_gw": "docker network create -d macvlan -o parent=eth1 --subnet 198.51.100.0/24 "
                     "--ip-range 198.51.100.128/25 range_auto_gw",
    "range_aux": "docker network create -d macvlan -o parent=eth2 --subnet 203.0.113.0/24 "
                 "--ip-range 203.0.113.64/26 --gateway 203.0.113.65 --aux-address r1=203.0.113.64 "
                 "--aux-address r2=203.0.113.66 range_aux",
    "small_auto": "docker network create -d macvlan -o parent=eth3 --subnet 10.10.0.16/28 small_auto",
    "gw_top_dual": "docker network create -d macvlan -o parent=eth0.50 --subnet 10.20.0.0/24 "
                   "--gateway 10.20.0.254 --aux-address skip=10.20.0.1 --subnet fd00:20::/120 --ipv6 gw_top_dual",
}

# Pools that fill up: a /28 ip-range with aux addresses (gateway outside / automatic inside the
# range), and a whole small subnet with aux addresses.
POOLS = {
    "fill_range": "docker network create -d macvlan -o parent=eth0.60 --subnet 10.30.0.0/24 "
                  "--ip-range 10.30.0.16/28 --gateway 10.30.0.1 --aux-address a=10.30.0.17 "
                  "--aux-address b=10.30.0.20 fill_range",
    "fill_range_auto_gw": "docker network create -d macvlan -o parent=eth1.70 --subnet 10.31.0.0/24 "
                          "--ip-range 10.31.0.240/28 --aux-address a=10.31.0.250 fill_range_auto_gw",
    "fill_subnet": "docker network create -d macvlan -o parent=eth0 --subnet 10.32.0.0/28 "
                   "--gateway 10.32.0.14 --aux-address a=10.32.0.2 --aux-address b=10.32.0.3 fill_subnet",
}

REPORT = "cat /sys/class/net/eth0/address; ip -o addr show dev eth0; echo READY; sleep 600"
EXHAUSTED = re.compile(r"no available IPv4 addresses on this network's address pools: (\S+) \((\w+)\)")


def _plan(lab, *commands: str):
    return macplan.parse_script("\n".join(commands) + "\n", source="<test>", interfaces=lab.interfaces,
                                kernel_lacks=lab.kernel_lacks)


def _create(lab, *commands: str) -> None:
    """Create the networks with the engine's own docker CLI, exactly as written."""
    cli = S.engine_cli(lab.version)
    if cli is None:
        pytest.fail(f"no docker CLI of the engine's release line ({lab.version})", pytrace=False)
    for command in commands:
        out = S.run_command(shlex.split(command), lab.docker_host, cli)
        assert out.accepted, f"{command}: {out.error}"


def _start(lab, network: str):
    return lab.client.containers.run(lab.image, ["sh", "-c", REPORT], network=network, detach=True)


def _seen(container, timeout: float = 20) -> dict:
    """MAC and addresses of eth0 as printed from inside the container."""
    deadline = time.monotonic() + timeout
    while True:
        out = container.logs().decode()
        if "READY" in out or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    lines = out.splitlines()
    assert lines and "READY" in out, f"container printed nothing useful: {out!r}"
    v4 = re.findall(r"inet (\d+\.\d+\.\d+\.\d+)/\d+", out)
    v6 = [a for a in re.findall(r"inet6 ([0-9a-f:]+)/\d+", out) if not a.startswith("fe80")]
    return {"mac": lines[0].strip(), "v4": v4, "v6": v6}


def test_first_container_gets_predicted_ip_and_mac(clean_engine):
    lab = clean_engine
    plan = _plan(lab, *NETWORKS.values())
    report = macplan.check(plan, engine=lab.version)
    assert all(n.accepted for n in report.networks), "the fixture networks must be acceptable"
    cap = macplan.capacity(plan, engine=lab.version).to_dict()
    _create(lab, *NETWORKS.values())
    mismatches = []
    for net in cap["networks"]:
        first = [s for s in net["subnets"]]
        want4 = next(s["first_free"] for s in first if ":" not in s["subnet"])
        want6 = [s["first_free"] for s in first if ":" in s["subnet"]]
        c = _start(lab, net["name"])
        got = _seen(c)
        want_mac = macplan.predict_mac(want4, engine=lab.version)
        if got["v4"] != [want4]:
            mismatches.append(f"{net['name']}: IPv4 macplan {want4}, container {got['v4']}")
        if want_mac is None:  # random MAC (engine 28+): locally administered unicast
            if not int(got["mac"].split(":")[0], 16) & 0b10 or int(got["mac"].split(":")[0], 16) & 1:
                mismatches.append(f"{net['name']}: MAC {got['mac']} is not locally administered unicast")
        elif got["mac"] != want_mac:
            mismatches.append(f"{net['name']}: MAC macplan {want_mac}, container {got['mac']}")
        if want6 and [str(ipaddress.ip_address(a)) for a in got["v6"]] != want6:
            mismatches.append(f"{net['name']}: IPv6 macplan {want6}, container {got['v6']}")
    assert not mismatches, "\n".join(mismatches)


def test_every_macvlan_container_mac_follows_its_ip(clean_engine):
    """Several containers on one network: each MAC is what macplan predicts for its address."""
    lab = clean_engine
    plan = _plan(lab, NETWORKS["range_aux"])
    _create(lab, NETWORKS["range_aux"])
    seen = [_seen(_start(lab, "range_aux")) for _ in range(4)]
    addrs = [s["v4"][0] for s in seen]
    assert len(set(addrs)) == 4
    first = macplan.capacity(plan, engine=lab.version).network("range_aux").subnets[0].first_free
    assert str(ipaddress.ip_address(addrs[0])) == first
    for s in seen:
        want = macplan.predict_mac(s["v4"][0], engine=lab.version)
        if want is not None:
            assert s["mac"] == want, s


@pytest.mark.parametrize("name", sorted(POOLS))
def test_pool_fills_at_capacity(clean_engine, name):
    lab = clean_engine
    plan = _plan(lab, POOLS[name])
    net = macplan.capacity(plan, engine=lab.version).network(name)
    expected = net.containers
    assert 0 < expected < 20, "keep the pool small"
    _create(lab, POOLS[name])
    import docker

    started, addresses, error = 0, set(), None
    for _ in range(expected + 1):
        try:
            c = _start(lab, name)
        except docker.errors.APIError as exc:
            error = exc.explanation or str(exc)
            break
        started += 1
        addresses.add(_seen(c)["v4"][0])
    assert started == expected, f"macplan said {name} holds {expected}, the daemon started {started}"
    assert len(addresses) == started
    assert error is not None, f"container {expected + 1} on a full {name} was accepted"
    m = EXHAUSTED.search(error)
    assert m and m.group(1) == name, f"unexpected refusal text: {error!r}"
    pool = ipaddress.ip_network(net.subnets[0].pool) if "-" not in net.subnets[0].pool else None
    if pool is not None:
        assert all(ipaddress.ip_address(a) in pool for a in addresses)
