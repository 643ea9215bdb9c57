"""IPAM corners: IPv6 host-part arithmetic, IPv4-mapped subnets, default pools, and the order
of checks per engine.  Every expected value is what a real engine did: the lab's Debian
20.10.24+dfsg1 daemon (transcripts quoted below, run 2026-11-30 with parents eth0-eth2), the
recordings in tests/data/recordings (20.10.24 and 29.7.2), or, for lines with neither, the
arithmetic of moby's source named in the test."""
import pytest

import macplan
from macplan.profile import Profile

try:
    from . import recordings as R
except ImportError:  # rootdir-relative import mode
    import recordings as R

IFACES = ("eth0", "eth1", "eth2")


def run(script, engine="20.10"):
    plan = macplan.parse_script(script, interfaces=IFACES)
    return macplan.check(plan, engine=engine).networks


def said(result):
    errors = [f for f in result.findings if f.severity == "error"]
    return errors[0].docker_error if errors else None


def verdicts(script, engine="20.10"):
    return [(r.accepted, said(r)) for r in run(script, engine)]


# -- the lab: `docker network create` on 20.10.24, one command at a time, in this order ---------
M = "docker network create -d macvlan "
LAB_2010 = [
    # a host part ::ffff:c0a8:101 is bit 0xc0a80101 (GetMinimalIP), so is ::c0a8:101 (low 64 bits)
    (M + "--ipv6 --subnet 2001:db8:a::/64 --gateway 2001:db8:a::ffff:c0a8:101 "
         "--aux-address r=2001:db8:a::c0a8:101 -o parent=eth0 p1",
     "failed to allocate secondary ip address (r:2001:db8:a::c0a8:101): Address already in use"),
    # the range's last host part ::ffff:ffff:ffff shrinks to 32 bits: the range turns inside out
    (M + "--ipv6 --subnet 2001:db8:b::/80 --ip-range 2001:db8:b::8000:0:0/81 -o parent=eth0 p2",
     "failed to allocate gateway (): invalid bit range [140737488355328, 4294967295]"),
    # shorter than /64: host parts that differ above bit 64 are the same bit
    (M + "--ipv6 --subnet 2001:db8:c::/60 --gateway 2001:db8:c:1::5 --aux-address a=2001:db8:c:2::5 "
         "-o parent=eth0 p3",
     "failed to allocate secondary ip address (a:2001:db8:c:2::5): Address already in use"),
    (M + "--ipv6 --subnet 2001:db8:d::/60 --ip-range 2001:db8:d:b::/80 -o parent=eth0 p4", None),
    # a range ending on the bitmap's last bit (2**64-1): the bitmap holds 2**64-1 bits
    (M + "--ipv6 --subnet 2001:db8:e::/64 --ip-range 2001:db8:e:0:8000::/65 -o parent=eth0 p5",
     "failed to allocate gateway (): invalid bit range [9223372036854775808, 18446744073709551615]"),
    (M + "--ipv6 --subnet 2001:db8:10::/64 --gateway 2001:db8:10::5 --aux-address a=2001:db8:10::ffff:0:5 "
         "-o parent=eth0 p10",
     "failed to allocate secondary ip address (a:2001:db8:10::ffff:0:5): Address already in use"),
    # an IPv4-mapped subnet is an IPv4 pool (10.77.0.0/16), taken even without --ipv6
    (M + "--subnet ::ffff:10.77.0.0/112 -o parent=eth1 p6", None),
    (M + "--subnet 10.77.5.0/24 -o parent=eth2 p6b", "Pool overlaps with other one on this address space"),
    # ... and with --ipv6 the network has no IPv6 entry left
    (M + "--ipv6 --subnet ::ffff:10.78.0.0/112 -o parent=eth2 p7",
     "could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network"),
    # the mapped pool's network address ::ffff:10.81.0.0 is 10.81.0.0, reserved like any IPv4 one
    (M + "--subnet ::ffff:10.81.0.0/112 --gateway ::ffff:10.81.0.0 -o parent=eth0 r2",
     "failed to allocate gateway (::ffff:10.81.0.0): Address already in use"),
    (M + "--subnet ::ffff:10.82.0.0/112 --ip-range ::ffff:10.82.5.0/120 -o parent=eth0 r3", None),
    (M + "--ipv6 --subnet 2001:db8:f::/128 -o parent=eth2 p8",
     "failed to allocate gateway (): No available addresses on this pool"),
    (M + "--ipv6 --subnet 2001:db8:20::/80 --gateway 2001:db8:20::1 --aux-address a=2001:db8:20::ffff:0:1 "
         "-o parent=eth2 q2",
     "failed to allocate secondary ip address (a:2001:db8:20::ffff:0:1): Address already in use"),
    (M + "--ipv6 --subnet 2001:db8:22::/64 --ip-range 2001:db8:22::ffff:0:0/96 "
         "--gateway 2001:db8:22::ffff:0:0 -o parent=eth2 q3",
     "failed to allocate gateway (2001:db8:22::ffff:0:0): Address already in use"),
    (M + "--subnet 10.90.0.0/30 --gateway 10.90.0.0 -o parent=eth2 q5",
     "failed to allocate gateway (10.90.0.0): Address already in use"),
    (M + "--subnet 10.91.0.0/32 --aux-address a=10.91.0.0 -o parent=eth2 q6",
     "failed to allocate gateway (): No available addresses on this pool"),
    (M + "--subnet 10.92.0.0/24 --gateway 10.92.0.7 -o parent=eth2 -o macvlan_mode=bogus q7",
     "requested macvlan mode 'bogus' is not valid, 'bridge' mode is the macvlan driver default"),
]


@pytest.mark.parametrize("command, message", LAB_2010, ids=[c.split()[-1] for c, _ in LAB_2010])
def test_lab_2010(command, message):
    # p6b needs p6 first; every other command stands alone on a fresh daemon
    script = LAB_2010[6][0] + "\n" + command if command.endswith(" p6b") else command
    accepted, text = verdicts(script)[-1]
    assert (accepted, text) == (message is None, message)


def test_lab_2010_default_pool_cursor_moves_even_when_the_create_fails():
    # On the lab the seven IPv6 networks above (five of them refused) took 172.17 .. 172.23 in
    # turn, and the next network without a subnet got 172.24.0.0/16: each refused create had
    # picked its IPv4 default pool before failing and the search went on after it.
    script = "\n".join(c for c, _ in LAB_2010[:6] + LAB_2010[11:12]) + "\n" + M + "-o parent=eth1 p8b"
    plan = macplan.parse_script(script, interfaces=IFACES)
    net = macplan.capacity(plan, "20.10").networks[-1]
    assert net.subnets[0].subnet == "172.24.0.0/16"
    # one refused create alone moves it too (20.10 recording gen-b-0151: the network after a
    # refused /128 got 172.18); from v27 the lowest free default is taken (allocatePredefinedPool
    # @v27.0.1), so the refused create leaves 172.17 to the next one
    plan = macplan.parse_script(LAB_2010[11][0] + "\n" + M + "-o parent=eth1 p8b", interfaces=IFACES)
    assert macplan.capacity(plan, "20.10").networks[-1].subnets[0].subnet == "172.18.0.0/16"
    assert macplan.capacity(plan, "27").networks[-1].subnets[0].subnet == "172.17.0.0/16"


LAB_CONTAINERS_2010 = [
    # (subnet, ip-range, the gateway and the first container's address the lab daemon gave)
    ("2001:db8:d::/60", "2001:db8:d:b::/80", "2001:db8:d::1", "2001:db8:d::2"),
    ("2001:db8:20::/80", "2001:db8:20::ffff:0:0/96", "2001:db8:20::1", "2001:db8:20::2"),
    ("2001:db8:13::/64", "2001:db8:13::1:0:0/96", "2001:db8:13::1:0:0", "2001:db8:13::1:0:1"),
    ("2001:db8:14::/64", "2001:db8:14::ffff:0:0/96", "2001:db8:14::1", "2001:db8:14::2"),
]


@pytest.mark.parametrize("subnet, ip_range, gateway, first", LAB_CONTAINERS_2010)
def test_lab_2010_addresses_outside_the_range(subnet, ip_range, gateway, first):
    # a busybox container on each network (docker run --network) got `first`, even where that
    # is outside the ip-range: the range's bits, not its addresses, are what the bitmap searches
    plan = macplan.parse_script(f"{M}--ipv6 --subnet {subnet} --ip-range {ip_range} -o parent=eth0 n",
                                interfaces=IFACES)
    six = macplan.capacity(plan, "20.10").networks[0].subnets[1]
    assert (six.gateway, six.first_free) == (gateway, first)


# -- the recordings -------------------------------------------------------------------------
CASES = ["gen-a-0162.sh", "gen-a-0249.sh", "gen-a-0285.sh", "gen-b-0005.sh", "gen-b-0047.sh",
         "gen-b-0052.sh", "gen-b-0069.sh", "gen-b-0077.sh", "gen-b-0084.sh", "gen-b-0106.sh",
         "gen-b-0142.sh", "gen-b-0151.sh", "gen-b-0172.sh", "gen-b-0184.sh", "gen-b-0194.sh",
         "gen-b-0202.sh", "gen-b-0206.sh", "gen-b-0226.sh", "gen-b-0243.sh", "gen-b-0249.sh",
         # v29: IPAM before driver options, "Address already in use" on a full pool
         "gen-a-0020.sh", "gen-a-0027.sh", "gen-a-0074.sh", "gen-a-0084.sh", "gen-a-0103.sh",
         "gen-a-0130.sh", "gen-a-0137.sh", "gen-a-0173.sh"]


@pytest.fixture(scope="module", params=R.SHARED)
def recorded(request):
    data = R.load(request.param)
    return request.param, data, {c["file"]: c for c in data["cases"]}


@pytest.mark.parametrize("name", CASES)
def test_recorded_cases(recorded, name):
    engine, data, cases = recorded
    tally, misses = R.replay_case(cases[name], engine, data)
    assert misses == [] and tally.verdicts == tally.commands


# -- moby's source, where neither the lab nor the recordings reach -----------------------------
def test_host_ordinal_per_engine():
    mapped = 0xFFFF_C0A8_0101          # host part ::ffff:192.168.1.1
    above = (5 << 64) | 7               # host part of a /48 differing above bit 64
    # <=23 ipToUint64(GetMinimalIP(h)) (ipam/utils.go @v20.10.24, @v23.0.0)
    assert Profile.of("20.10").host_ordinal(mapped, True) == 0xC0A8_0101
    assert Profile.of("23").host_ordinal(above, True) == 7
    # 24-27 ipbits.Field(...).uint64(): the low 64 bits, no IPv4 special case (@v24.0.0)
    assert Profile.of("24").host_ordinal(mapped, True) == mapped
    assert Profile.of("27").host_ordinal(above, True) == 7
    # 28+ addrset: exact
    assert Profile.of("29").host_ordinal(above, True) == above
    assert Profile.of("20.10").host_ordinal(mapped, False) == mapped      # IPv4 host parts are exact


def test_range_bits_24_to_27_wrap():
    # subnetRange (@v24.0.0): end = start + (1 << range bits) - 1 in uint64: the /81 upper half of
    # a /80 is [2**47, 2**48-1] (no 32-bit shrink after 23), a /64-sized range wraps to start-1
    p27 = Profile.of("27")
    assert p27.range_ordinals(2**47, 2**47, True) == (2**47, 2**48 - 1)
    assert p27.range_ordinals(2**64, 2**64, True) == (0, 2**64 - 1)
    assert p27.range_ordinals(5 << 64, 2**64, True) == (0, 2**64 - 1)
    script = M + "--ipv6 --subnet 2001:db8:b::/80 --ip-range 2001:db8:b::8000:0:0/81 -o parent=eth0 n"
    assert verdicts(script, "27") == [(True, None)]


def test_v29_mapped_subnet_formatting_and_pool():
    # 29.7.2 recordings gen-b-0172 line 3 and gen-b-0142 lines 4-5 (netip prints ::ffff:a.b.c.d)
    assert verdicts(M + "--subnet ::ffff:10.20.0.0/104 --ipv6 -o parent=eth1 m", "29") == [
        (False, "invalid network config:\ninvalid subnet ::ffff:10.20.0.0/104: it should be ::ffff:10.0.0.0/104")]
    two = M + "--subnet ::ffff:10.99.1.0/120 --ipv6 -o parent=eth0.50 v\n" + M + "--subnet 10.99.1.0/24 -o parent=eth1 n"
    plan = macplan.parse_script(two, interfaces=IFACES + ("eth0.50",))
    assert [r.accepted for r in macplan.check(plan, "29").networks] == [True, False]
    assert [r.accepted for r in macplan.check(plan, "20.10").networks] == [False, True]


@pytest.mark.parametrize("engine, first", [("28", "macvlan-mode"), ("29", "pool-overlap"), ("20.10", "pool-overlap")])
def test_driver_options_against_ipam_order(engine, first):
    # v28 GetSkipGwAlloc parses the driver options before IPAM (@v28.0.0); v29 does not
    # (commit 468e3521b0): 29.7.2 recordings gen-a-0027 line 8 report the overlap
    script = M + "--subnet 10.10.0.0/24 -o parent=eth1 a\n" + M + "--subnet 10.10.0.0/24 -o parent=eth2 -o macvlan_mode=bridged b"
    result = run(script, engine)[-1]
    assert [f.rule for f in result.findings if f.severity == "error"][0] == first


def test_capacity_in_bits():
    # 20.10: the /80 range of a /60 above bit 64 searches bits [0, 2**48-1]; bit 0 is the subnet-
    # router address and bit 1 the gateway (lab: gateway ::1, first container ::2)
    plan = macplan.parse_script(M + "--ipv6 --subnet 2001:db8:d::/60 --ip-range 2001:db8:d:b::/80 -o parent=eth0 n",
                                interfaces=IFACES)
    six = macplan.capacity(plan, "20.10").networks[0].subnets[1]
    assert six.size == 2**48 and six.available == 2**48 - 2
    # a range whose bits are inside out holds nothing; its gateway was given, so Docker created it
    plan = macplan.parse_script(M + "--ipv6 --subnet 2001:db8:b::/80 --ip-range 2001:db8:b::8000:0:0/81 "
                                    "--gateway 2001:db8:b::1 -o parent=eth0 n", interfaces=IFACES)
    assert macplan.capacity(plan, "20.10").networks[0].subnets[1].available == 0


@pytest.mark.parametrize("engine, text", [
    ("20.10", "No available addresses on this pool"),      # lab, p8 above
    ("25", "no available addresses on this pool"),         # ipamapi/contract.go @v25.0.0
    ("28", "no available addresses on this pool"),         # addrset ErrNotAvailable -> the same
])
def test_full_pool_text(engine, text):
    script = M + "--ipv6 --subnet 2001:db8:f::/128 -o parent=eth2 p8"
    assert verdicts(script, engine) == [(False, f"failed to allocate gateway (): {text}")]


@pytest.mark.parametrize("engine, text", [
    ("20.10", "could not find an available, non-overlapping IPv4 address pool among the defaults to assign "
              "to the network"),                            # lab: the 32nd `docker network create bN`
    ("27", "all predefined address pools have been fully subnetted"),   # ErrNoMoreSubnets @v27.0.1
])
def test_default_pools_run_out(engine, text):
    # 15 x 172.17-31.0.0/16 and 16 x 192.168.x.0/20 (ipamutils): the 32nd network finds none
    # (on the lab 31 bridge networks were created, the 32nd refused with the 20.10 text)
    script = "\n".join(f"docker network create -d macvlan n{i}" for i in range(32))
    results = verdicts(script, engine)
    assert all(ok for ok, _ in results[:31]) and results[31] == (False, text)


def test_lab_2010_mapped_pool_holds_no_container():
    # lab: r3 was created, then `docker run --network r3 busybox` failed with "could not find a
    # valid ipv4 subnet for endpoint <id>": the network is there but holds nothing
    plan = macplan.parse_script(LAB_2010[10][0], interfaces=IFACES)
    net = macplan.capacity(plan, "20.10").networks[0]
    assert net.containers == 0 and net.subnets[0].pool == "10.82.5.0/24"
    assert macplan.capacity(plan, "29").networks[0].containers > 0     # v29 unmaps it: a plain IPv4 pool


def test_release_frees_the_subnet_but_not_the_cursor():
    # lab (20.10): p4 took 172.20.0.0/16 and was removed; later networks still went on from the
    # cursor (172.24.0.0/16 was next), while its own subnet could be created again at once
    import ipaddress

    from macplan.docker.goparse import Block
    from macplan.docker.ipam import AddressSpace, Pool

    space = AddressSpace(Profile.of("20.10"))
    first = space.default_pool()
    assert first is not None and first.network == ipaddress.ip_network("172.17.0.0/16")
    pool = space.add(Pool(first, space.profile), None)
    pool.taken[first.first + 1] = "gateway"
    shared = Block.of(ipaddress.ip_network("10.5.0.0/24"))
    a = space.add(Pool(shared, space.profile), "10.5.0.0/25")
    space.add(Pool(shared, space.profile), "10.5.0.128/25")
    space.release(pool, None, [first.first + 1])
    assert not space.overlaps(first) and space.request(first, None)[0] is not None
    next_default = space.default_pool()
    assert next_default is not None and next_default.network == ipaddress.ip_network("172.18.0.0/16")
    # a subnet shared by two ip-ranges stays until the second network goes
    space.release(a, "10.5.0.0/25")
    assert shared in space.masters
    space.release(a, "10.5.0.128/25")
    assert shared not in space.masters and not space.overlaps(shared)


# -- the whole IPv4 space as a subnet (issue 13's one differential disagreement) ---------------
# The lab's 20.10.24 daemon, each command on its own (run 2026-11-30, parent eth0):
#   --subnet ::ffff:0:0/96        Error response from daemon: ipv4 pool is empty
#   --subnet 0.0.0.0/0            Error response from daemon: ipv4 pool is empty
#   --subnet 0.0.0.0/8            created, IPAM.Config [{"Subnet":"0.0.0.0/8"}]
#   --subnet ::ffff:0:0/100       created
#   --subnet ::ffff:0.0.0.0/104   created
#   --subnet 0.0.0.0/24           created
EMPTY = "ipv4 pool is empty"


@pytest.mark.parametrize("subnet, refused", [
    ("::ffff:0:0/96", EMPTY), ("0.0.0.0/0", EMPTY), ("0.0.0.0/8", None), ("::ffff:0:0/100", None),
    ("::ffff:0.0.0.0/104", None), ("0.0.0.0/24", None)])
def test_lab_2010_the_whole_ipv4_space_is_no_pool_for_macvlan(subnet, refused):
    assert verdicts(f"{M}--subnet {subnet} -o parent=eth0 n1") == [(refused is None, refused)]


def test_the_whole_space_refusal_names_its_own_rule_not_the_null_ipam():
    (result,) = run(M + "--subnet 0.0.0.0/0 -o parent=eth0 n1")
    assert [f.rule for f in result.findings if f.severity == "error"] == ["subnet-whole-space"]
    (result,) = run(M + "--ipam-driver null -o parent=eth0 n1")
    assert [f.rule for f in result.findings if f.severity == "error"] == ["null-ipam-empty"]


def test_up_to_28_the_same_driver_check_refuses_it():
    # macvlan_network.go @v28.0.0: the same Pool.String() == "0.0.0.0/0" test, with IPv4 on
    assert verdicts(M + "--subnet 0.0.0.0/0 -o parent=eth0 n1", "28") == [(False, EMPTY)]
    assert verdicts(M + "--subnet 0.0.0.0/0 -o parent=eth0 n1", "25") == [(False, EMPTY)]


def pools(script, engine="29"):
    cap = macplan.capacity(macplan.parse_script(script, interfaces=IFACES), engine=engine)
    return [s.pool for n in cap.networks for s in n.subnets]


def test_v29_an_unspecified_subnet_asks_for_a_default_pool_of_its_size():
    # defaultipam RequestPool @docker-v29.7.2: an unspecified address keeps only the prefix
    # length; allocatePredefinedPool splits the bases (172.17.0.0/16 ... 192.168.0.0/16) into
    # blocks of that size and takes the first one no pool overlaps
    assert pools(M + "--subnet 0.0.0.0/24 -o parent=eth0 a") == ["172.17.0.0/24"]
    assert pools(M + "--subnet 0.0.0.0/0 -o parent=eth0 a") == ["172.17.0.0/16"]
    # mapped, it is unmapped first: ::ffff:0:0/120 is 0.0.0.0/24
    assert pools(M + "--subnet ::ffff:0:0/120 -o parent=eth0 a") == ["172.17.0.0/24"]
    # /15: only the /14 bases (172.20.0.0/14 ...) hold one
    assert pools(M + "--subnet 0.0.0.0/15 -o parent=eth0 a") == ["172.20.0.0/15"]
    # the next one skips what is taken, a plain default /16 included
    two = M + "-o parent=eth0 a\n" + M + "--subnet 0.0.0.0/24 -o parent=eth1 b"
    assert pools(two) == ["172.17.0.0/16", "172.18.0.0/24"]
    # up to 28 it is a pool like any other
    assert pools(M + "--subnet 0.0.0.0/24 -o parent=eth0 a", "28") == ["0.0.0.0/24"]


def test_v29_unspecified_subnet_refusals():
    # no base is /13 or smaller: ipamapi.ErrInvalidPool
    assert verdicts(M + "--subnet 0.0.0.0/13 -o parent=eth0 a", "29") == [(False, "invalid address pool")]
    # with an ip-range: req.Pool is emptied first, then parseErr(ErrInvalidSubPool)
    assert verdicts(M + "--subnet 0.0.0.0/24 --ip-range 0.0.0.0/25 -o parent=eth0 a", "29") == [
        (False, 'failed to parse pool request for address space "LocalDefault" pool "" subpool "0.0.0.0/25": '
                "invalid address subpool")]


def test_a_mapped_subnet_without_ipv6_is_not_called_ignored():
    # it is the network's IPv4 pool (see p6 above); only a real IPv6 subnet is ignored without --ipv6
    (mapped,) = run(M + "--subnet ::ffff:10.77.0.0/112 -o parent=eth1 p6")
    assert "ipv6-subnet-ignored" not in [f.rule for f in mapped.findings]
    (real,) = run(M + "--subnet 10.1.0.0/24 --subnet 2001:db8::/64 -o parent=eth1 d")
    assert "ipv6-subnet-ignored" in [f.rule for f in real.findings]


def test_v28_the_whole_ipv6_space_is_no_pool_either():
    # macvlan_network.go @v28.0.0: with IPv6 on, a first IPv6 pool of ::/0 is "ipv6 pool is empty";
    # 29 reads ::/n as a default pool instead (not modelled further: taken as given, accepted)
    script = M + "--ipv6 --subnet 10.1.0.0/24 --subnet ::/0 -o parent=eth0 n1"
    assert verdicts(script, "28") == [(False, "ipv6 pool is empty")]
    assert verdicts(script, "29") == [(True, None)]
