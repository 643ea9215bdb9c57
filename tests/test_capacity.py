"""Capacity: the facts measured on engine 20.10 (DESIGN.md) and brute-force enumeration."""
import ipaddress

from hypothesis import given, settings
from hypothesis import strategies as st

import macplan


def cap(script, engine="20.10"):
    plan = macplan.parse_script(script, interfaces=("eth0", "eth1"))
    return macplan.capacity(plan, engine).networks[-1]


def test_measured_on_2010():
    # DESIGN.md "Contracts": facts measured on a 20.10 daemon
    assert cap("docker network create -d macvlan -o parent=eth0 --subnet 10.0.0.0/28 n").containers == 13
    assert cap("docker network create -d macvlan -o parent=eth0 --subnet 10.0.0.0/24 "
               "--ip-range 10.0.0.32/27 n").containers == 31
    assert cap("docker network create -d macvlan -o parent=eth0 --subnet 10.0.0.0/30 n").containers == 1
    assert cap("docker network create -d macvlan -o parent=eth0 --ipv6 --subnet 10.0.0.0/24 "
               "--subnet fd00::/124 n").containers == 14


def test_reserved_examples_of_moby_rules_section_7():
    sub = "docker network create -d macvlan -o parent=eth0 --subnet 192.168.1.0/24 "
    assert cap(sub + "n").containers == 253
    assert cap(sub + "n", engine="29").containers == 254
    assert cap(sub + "--gateway 192.168.1.254 n", engine="29").containers == 253
    assert cap(sub + "--ip-range 192.168.1.128/25 n").containers == 126
    assert cap(sub + "--ip-range 192.168.1.128/25 n", engine="29").containers == 127
    assert cap(sub + "--ip-range 192.168.1.0/25 --gateway 192.168.1.1 n").containers == 126
    ipvlan = "docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=l3 --subnet 192.168.1.0/24 n"
    assert cap(ipvlan).containers == 253
    assert cap(ipvlan, engine="28").containers == 254
    slash31 = "docker network create -d macvlan -o parent=eth0 --subnet 192.168.1.0/31 --gateway 192.168.1.0 n"
    assert cap(slash31, engine="23").containers == 1
    assert cap(slash31, engine="29").containers == 1


def test_ipv6_sizes_are_exact_integers():
    v6 = "docker network create -d macvlan -o parent=eth0 --ipv6 --subnet 10.0.0.0/8 --subnet 2001:db8::/64 n"
    c = cap(v6, engine="27")
    six = next(s for s in c.subnets if ":" in s.subnet)
    assert six.available == 2**64 - 3          # <=27 bitmap: 2**64-1 slots, ::0 and the gateway
    c29 = cap(v6, engine="29")
    assert next(s for s in c29.subnets if ":" in s.subnet).available == 2**64 - 1
    big = cap("docker network create -d macvlan -o parent=eth0 --ipv6 --subnet 10.0.0.0/8 --subnet 2001:db8::/48 n",
              engine="29")
    assert next(s for s in big.subnets if ":" in s.subnet).available == 2**80 - 1


def brute_force(subnet, ip_range, gateway, aux, slash31_usable, gateway_auto):
    """Enumerate every address and apply Docker's reservations one by one: the network address
    (IPv6: the subnet-router address), the IPv4 broadcast (neither in a /31 or /32 from 23),
    aux-addresses, then the gateway given or the first free address of the pool."""
    net = ipaddress.ip_network(subnet)
    pool = list(ipaddress.ip_network(ip_range) if ip_range else net)
    reserved = {ipaddress.ip_address(a) for a in aux}
    if net.version == 6:
        reserved.add(net.network_address)
    elif not (net.prefixlen >= 31 and slash31_usable):
        reserved |= {net.network_address, net.broadcast_address}
    if gateway:
        reserved.add(ipaddress.ip_address(gateway))
    elif gateway_auto:
        free = [a for a in pool if a not in reserved]
        if free:
            reserved.add(free[0])
    return sum(1 for a in pool if a not in reserved)


def create_command(subnets, ip_range, gateway, aux, ipv6=False) -> str:
    cmd = "docker network create -d macvlan -o parent=eth0" + (" --ipv6" if ipv6 else "")
    cmd += "".join(f" --subnet {s}" for s in subnets)
    if ip_range:
        cmd += f" --ip-range {ip_range}"
    if gateway:
        cmd += f" --gateway {gateway}"
    return cmd + "".join(f" --aux-address a{i}={a}" for i, a in enumerate(aux)) + " n"


@st.composite
def small_networks(draw):
    prefix = draw(st.integers(24, 30))
    third = draw(st.integers(0, 255))
    net = ipaddress.ip_network(f"10.20.{third}.0/{prefix}")
    addrs = list(net)
    ip_range = None
    if draw(st.booleans()) and prefix < 30:
        rp = draw(st.integers(prefix + 1, 30))
        ip_range = str(draw(st.sampled_from(list(net.subnets(new_prefix=rp)))))
    inner = addrs[1:-1]
    gateway = str(draw(st.sampled_from(inner))) if draw(st.booleans()) else None
    aux = draw(st.lists(st.sampled_from(inner), max_size=3, unique=True))
    aux = [str(a) for a in aux if str(a) != gateway]
    return str(net), ip_range, gateway, aux


@settings(max_examples=150, deadline=None)
@given(small_networks(), st.sampled_from(["20.10", "27", "29"]))
def test_capacity_matches_brute_force(spec, engine):
    subnet, ip_range, gateway, aux = spec
    plan = macplan.parse_script(create_command([subnet], ip_range, gateway, aux), interfaces=("eth0",))
    result = macplan.check(plan, engine).networks[0]
    expected = brute_force(subnet, ip_range, gateway, aux, engine != "20.10", engine != "29")
    if not result.accepted:      # a /30 with everything reserved, say: Docker refuses the gateway
        return
    assert result.capacity.containers == expected


@st.composite
def small_v6_networks(draw):
    prefix = draw(st.integers(120, 126))
    net = ipaddress.ip_network(f"fd00:{draw(st.integers(0, 65535)):x}::/{prefix}")
    addrs = list(net)
    ip_range = None
    if draw(st.booleans()):
        rp = draw(st.integers(prefix + 1, 127))
        ip_range = str(draw(st.sampled_from(list(net.subnets(new_prefix=rp)))))
    inner = addrs[1:]
    gateway = str(draw(st.sampled_from(inner))) if draw(st.booleans()) else None
    aux = [str(a) for a in draw(st.lists(st.sampled_from(inner), max_size=3, unique=True)) if str(a) != gateway]
    return str(net), ip_range, gateway, aux


@settings(max_examples=100, deadline=None)
@given(small_v6_networks(), st.sampled_from(["20.10", "27", "29"]))
def test_ipv6_capacity_matches_brute_force(spec, engine):
    subnet, ip_range, gateway, aux = spec
    cmd = create_command(["10.0.0.0/16", subnet], ip_range, gateway, aux, ipv6=True)
    result = macplan.check(macplan.parse_script(cmd, interfaces=("eth0",)), engine).networks[0]
    if not result.accepted:
        return
    six = next(s for s in result.capacity.subnets if ":" in s.subnet)
    assert six.available == brute_force(subnet, ip_range, gateway, aux, True, engine != "29")


def test_capacity_without_the_warning_rules_has_the_same_figures():
    # `macplan capacity` skips the warning rules: they only read the simulation, no figure is theirs
    import glob
    import os

    from macplan.read.file import load
    from macplan.report import capacity
    here = os.path.dirname(__file__)
    paths = sorted(glob.glob(os.path.join(here, "..", "examples", "*.yaml")))
    paths += sorted(glob.glob(os.path.join(here, "data", "recordings", "*", "*.sh")))[::10]
    warned = 0
    for path in paths:
        plan = load(path)
        for engine in ("20.10", "29"):
            full, quick = capacity(plan, engine), capacity(plan, engine, warnings=False)
            assert quick.to_dict() == full.to_dict(), path
            assert all(f.severity == "error" for n in quick.report.networks for f in n.findings), path
            warned += any(f.severity != "error" for f in full.report.findings)
    assert warned > 10          # the plans do have warnings: the comparison above means something
