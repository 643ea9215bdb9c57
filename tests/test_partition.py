"""Splitting a shared subnet among hosts: aligned, disjoint, clear of reservations, stable."""
import ipaddress

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import macplan
from macplan import partition
from macplan.errors import PartitionError
from macplan.partition import SplitSpec, split, split_plan
from macplan.rules import RULES


def _span(s):
    n = ipaddress.ip_network(s.ip_range)
    return int(n.network_address), int(n.broadcast_address)


def _assert_sound(p, reserved_points=(), reserved_spans=()):
    net = ipaddress.ip_network(p.subnet)
    spans = sorted(_span(s) for s in p.slices)
    for (a, b), (c, d) in zip(spans, spans[1:]):
        assert b < c, (p.slices,)
    for s in p.slices:
        n = ipaddress.ip_network(s.ip_range, strict=True)          # a real, aligned CIDR block
        assert n.subnet_of(net)
        lo, hi = _span(s)
        assert n.num_addresses == s.size
        for x in reserved_points:
            assert not lo <= int(ipaddress.ip_address(x)) <= hi, (s, x)
        for f, l in reserved_spans:
            assert hi < int(ipaddress.ip_address(f)) or lo > int(ipaddress.ip_address(l)), (s, f, l)
        assert lo != int(net.network_address)
        if net.version == 4:
            assert hi != int(net.broadcast_address)
    assert p.left == p.usable - p.assigned >= 0


def test_three_hosts_clear_of_gateway_and_dhcp():
    p = split("10.50.0.0/24", ["node1", "node2", "node3"], gateway="10.50.0.1",
              dhcp=[("10.50.0.100", "10.50.0.199")])
    assert [s.ip_range for s in p.slices] == ["10.50.0.16/28", "10.50.0.32/28", "10.50.0.48/28"]
    assert [s.capacity for s in p.slices] == [16, 16, 16]
    assert p.usable == 256 - 3 - 100 and p.left == p.usable - 48
    assert p.assigned <= 0.75 * p.usable        # default headroom 25 %
    assert p.room() == 4                        # four more /28s fit, outside the DHCP scope
    _assert_sound(p, ["10.50.0.1"], [("10.50.0.100", "10.50.0.199")])


def test_headroom_zero_takes_the_largest_blocks_that_fit():
    p = split("10.50.0.0/24", ["a", "b"], gateway="10.50.0.1", headroom=0)
    assert [s.ip_range for s in p.slices] == ["10.50.0.64/26", "10.50.0.128/26"]


def test_fixed_and_weighted_sizes():
    p = split("10.50.0.0/24", ["a", "b"], gateway="10.50.0.1", sizes={"a": "/26", "b": 10})
    assert [(s.host, s.size) for s in p.slices] == [("a", 64), ("b", 16)]
    w = split("10.50.0.0/24", ["a", "b", "c"], gateway="10.50.0.1", weights={"a": 2, "b": 1, "c": 1})
    sizes = {s.host: s.size for s in w.slices}
    assert sizes["a"] == 2 * sizes["b"] == 2 * sizes["c"]
    _assert_sound(w, ["10.50.0.1"])


def test_adding_a_host_keeps_every_range():
    p = split("10.50.0.0/24", ["node1", "node2", "node3"], gateway="10.50.0.1")
    q = p.add("node4")
    assert q.slices[:3] == p.slices and q.slice("node4").size == p.slices[0].size
    again = split("10.50.0.0/24", ["node1", "node2", "node3", "node4"], gateway="10.50.0.1",
                  existing=[(s.host, s.ip_range) for s in p.slices], size=p.slices[0].size)
    assert again.slices == q.slices


def test_no_gateway_costs_each_host_one_address_and_says_why():
    p = split("10.50.0.0/24", ["a"], size="/27")
    assert p.slices[0].capacity == 31 and "gateway" in p.notes[0]


def test_errors_are_value_errors_that_name_the_problem():
    with pytest.raises(PartitionError, match="no room"):
        split("10.50.0.0/29", ["a", "b", "c", "d", "e"], gateway="10.50.0.1", size=2)
    with pytest.raises(ValueError, match="outside"):
        split("10.50.0.0/24", ["a"], gateway="10.60.0.1")
    with pytest.raises(PartitionError, match="sizes: no size for b"):
        split("10.50.0.0/24", ["a", "b"], sizes={"a": 8})
    with pytest.raises(PartitionError, match="already has a slice"):
        split("10.50.0.0/24", ["a"], size=8).add("a")
    with pytest.raises(PartitionError):
        SplitSpec.from_yaml({"weights": {"a": 1}, "size": 4})


def test_ipv6_48_among_10000_hosts_is_arithmetic():
    hosts = [f"h{i}" for i in range(10_000)]
    p = split("2001:db8:1::/48", hosts, gateway="2001:db8:1::1", size="/64")
    assert p.slices[0].ip_range == "2001:db8:1:1::/64"         # the gateway's /64 stays clear
    assert p.slices[-1].ip_range == "2001:db8:1:2710::/64"
    assert p.room("/64") == 65536 - 10_000 - 1
    assert p.slices[0].capacity == 2**64


def test_split_spec_from_yaml():
    assert SplitSpec.from_yaml("equal") == SplitSpec()
    spec = SplitSpec.from_yaml({"weights": {"a": 3, "b": 1}, "headroom": 0.5})
    assert spec.kwargs() == {"headroom": 0.5, "weights": {"a": 3, "b": 1}}
    assert SplitSpec.from_yaml({"size": "/27"}).kwargs()["size"] == "/27"


# ---- the plan: the duplicate-IP trap and its fix --------------------------------------------

TRAP = """
name: three-hosts
engine: "20.10"
hosts:
  node1: {interfaces: [eth0]}
  node2: {interfaces: [eth0]}
  node3: {interfaces: [eth0]}
dhcp:
  - 10.50.0.100-10.50.0.199
networks:
  lan:
    hosts: [node1, node2, node3]
    parent: eth0
    subnet: 10.50.0.0/24
    gateway: 10.50.0.1
    ip_range: 10.50.0.0/26
"""


def test_split_plan_fixes_the_duplicate_ip_trap():
    plan = macplan.load_yaml_text(TRAP)
    before = macplan.check(plan)
    rules = [f.rule for f in before.plan_findings]
    assert rules.count("shared-range-hosts") == 3          # every pair of hosts
    assert "duplicate MACs" in before.plan_findings[0].message   # 20.10: MACs come from the IPs
    fixed, parts = split_plan(plan, "lan")
    after = macplan.check(fixed)
    assert after.ok and not after.plan_findings
    ranges = [n.ip_ranges[0] for n in fixed.networks]
    assert ranges == [s.ip_range for s in parts["10.50.0.0/24"].slices]
    cap = macplan.capacity(fixed).to_dict()
    # the simulated daemon agrees with the partition's capacity, host by host
    assert [n["containers"] for n in cap["networks"]] == [s.capacity for s in parts["10.50.0.0/24"].slices]


def test_split_plan_keep_adds_a_host_without_moving_others():
    plan = macplan.load_yaml_text(TRAP)
    fixed, _ = split_plan(plan, "lan", hosts=["node1", "node2"])
    grown, parts = split_plan(fixed, "lan", keep=True, spec=SplitSpec(mode="size", size="/28"))
    assert [n.ip_ranges for n in grown.networks][:2] == [n.ip_ranges for n in fixed.networks][:2]
    assert macplan.check(grown).plan_findings == []


def test_overlap_across_subnet_sizes_gives_duplicate_macs_on_20_10():
    plan = macplan.load_yaml_text("""
engine: "20.10"
hosts: {a: {interfaces: [eth0]}, b: {interfaces: [eth0]}}
networks:
  wide: {host: a, parent: eth0, subnet: 10.60.0.0/23, gateway: 10.60.1.254}
  narrow: {host: b, parent: eth0, subnet: 10.60.0.0/24, gateway: 10.60.0.254}
""")
    found = macplan.check(plan).plan_findings
    macs = [f for f in found if f.rule == "duplicate-mac-hosts"]
    assert len(macs) == 1 and "256 MAC addresses" in macs[0].message and "02:42:0a:3c:00:00" in macs[0].message
    assert not [f for f in macplan.check(plan, engine="28").plan_findings if f.rule == "duplicate-mac-hosts"]


def test_cloned_interface_macs_on_one_vlan():
    plan = macplan.load_yaml_text("""
hosts:
  a: {interfaces: {eth0: {mac: "52:54:00:12:34:56"}}}
  b: {interfaces: {eth0: {mac: "52:54:00:12:34:56"}}}
networks:
  n1: {host: a, driver: ipvlan, parent: eth0, vlan: 20, subnet: 10.70.0.0/24, ip_range: 10.70.0.0/26}
  n2: {host: b, driver: ipvlan, parent: eth0, vlan: 20, subnet: 10.70.0.0/24, ip_range: 10.70.0.64/26}
""")
    found = [f for f in macplan.check(plan).plan_findings if f.rule == "duplicate-mac-hosts"]
    assert len(found) == 1 and "52:54:00:12:34:56 on VLAN 20" in found[0].message
    assert "duplicate-mac-hosts" in RULES and RULES["duplicate-mac-hosts"].severity == "warning"


# ---- properties -----------------------------------------------------------------------------

@st.composite
def requests(draw):
    v6 = draw(st.booleans())
    if v6:
        prefix = draw(st.integers(48, 120))
        net = ipaddress.ip_network(f"2001:db8::/{prefix}", strict=False)
    else:
        prefix = draw(st.integers(16, 29))
        net = ipaddress.ip_network(f"10.{draw(st.integers(0, 255))}.0.0/{prefix}", strict=False)
    size = net.num_addresses
    base = int(net.network_address)
    pick = lambda: str(ipaddress.ip_address(base + draw(st.integers(0, size - 1))))  # noqa: E731
    gateway = pick() if draw(st.booleans()) else None
    aux = {f"x{i}": pick() for i in range(draw(st.integers(0, 4)))}
    dhcp = []
    for _ in range(draw(st.integers(0, 2))):
        a, b = sorted([base + draw(st.integers(0, size - 1)), base + draw(st.integers(0, size - 1))])
        dhcp.append((str(ipaddress.ip_address(a)), str(ipaddress.ip_address(b))))
    n = draw(st.integers(1, 12))
    headroom = draw(st.sampled_from([0, 0.1, 0.25, 0.5]))
    return str(net), [f"h{i}" for i in range(n)], gateway, aux, dhcp, headroom


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_property_ranges_never_overlap_and_stay_clear(req):
    subnet, hosts, gateway, aux, dhcp, headroom = req
    try:
        p = split(subnet, hosts, gateway=gateway, aux=aux, dhcp=dhcp, headroom=headroom)
    except PartitionError:
        return
    points = ([gateway] if gateway else []) + list(aux.values())
    _assert_sound(p, points, dhcp)
    assert p.hosts == tuple(hosts)
    assert p.assigned <= (1 - headroom) * p.usable + 1e-9


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests(), st.integers(1, 5), st.integers(0, 3))
def test_property_adding_hosts_never_moves_others(req, more, shift):
    subnet, hosts, gateway, aux, dhcp, headroom = req
    try:
        p = split(subnet, hosts, gateway=gateway, aux=aux, dhcp=dhcp, headroom=headroom)
    except PartitionError:
        return
    q = p
    for i in range(more):
        size = max(1, p.slices[0].size >> shift)
        try:
            q = q.add(f"new{i}", size)
        except PartitionError:
            break
        assert q.slices[:len(p.slices)] == p.slices
        _assert_sound(q, ([gateway] if gateway else []) + list(aux.values()), dhcp)


@settings(max_examples=100, deadline=None)
@given(st.integers(24, 29), st.integers(1, 6), st.integers(0, 40))
def test_property_capacity_matches_the_simulated_daemon(prefix, n, gw_offset):
    net = ipaddress.ip_network(f"10.9.0.0/{prefix}")
    gateway = str(net.network_address + 1 + gw_offset % (net.num_addresses - 2))
    try:
        p = split(str(net), [f"h{i}" for i in range(n)], gateway=gateway, headroom=0)
    except PartitionError:
        return
    hosts = tuple(macplan.Host(h, (macplan.Interface("eth0"),)) for h in p.hosts)
    nets = tuple(macplan.Network("lan", host=s.host, options=(("parent", "eth0"),), subnets=(str(net),),
                                 ip_ranges=(s.ip_range,), gateways=(gateway,)) for s in p.slices)
    plan = macplan.Plan(hosts=hosts, networks=nets)
    cap = macplan.capacity(plan, engine="20.10").to_dict()
    assert [x["containers"] for x in cap["networks"]] == [s.capacity for s in p.slices]
    assert macplan.check(plan, engine="20.10").plan_findings == []


def test_module_is_pure():
    import sys
    assert "docker" not in getattr(partition, "__dict__", {})
    assert partition.__name__ in sys.modules


def test_a_dhcp_scope_without_a_name_is_numbered_not_a_crash():
    # issue 12 (mypy --strict): a Dhcp with an empty name fell through to len(d) -> TypeError
    from macplan.model import Dhcp, Network, Plan
    p = split("10.0.0.0/24", ["a", "b"], gateway="10.0.0.1", dhcp=[Dhcp("10.0.0.100", "10.0.0.199", "")])
    assert ("10.0.0.100", "10.0.0.199", "DHCP scope dhcp1") in p.reserved
    assert all(not (100 <= int(s.first.rsplit(".", 1)[1]) <= 199) for s in p.slices)
    plan = Plan(networks=(Network("lan", host="a", options=(("parent", "eth0"),), subnets=("10.0.0.0/24",)),
                          Network("lan", host="b", options=(("parent", "eth0"),), subnets=("10.0.0.0/24",))),
                dhcp=(Dhcp("10.0.0.100", "10.0.0.199", ""),))
    _, parts = split_plan(plan, "lan")
    assert ("10.0.0.100", "10.0.0.199", "DHCP scope dhcp1") in parts["10.0.0.0/24"].reserved
