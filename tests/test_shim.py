"""The host shim: a reserved aux-address, ip link / addr / route commands, systemd-networkd files."""
import configparser
import ipaddress

import pytest

import macplan
from macplan import pools
from macplan.emit import shim
from macplan.errors import ShimError
from macplan.partition import split_plan

PLAN = """
name: shims
engine: "20.10"
hosts:
  node1: {interfaces: [eth0, eth1]}
  node2: {interfaces: [eth0]}
dhcp:
  - 10.50.0.100-10.50.0.199
networks:
  lan:
    hosts: [node1, node2]
    parent: eth0
    subnet: 10.50.0.0/24
    gateway: 10.50.0.254
  other:
    host: node1
    driver: ipvlan
    parent: eth1
    subnet: 10.99.0.0/24
"""


def sliced():
    plan = macplan.load_yaml_text(PLAN)
    return split_plan(plan, "lan")[0]


def test_reserve_puts_shim_aux_on_every_copy_outside_every_range():
    plan = shim.reserve(sliced(), "lan")
    copies = [n for n in plan.networks if n.name == "lan"]
    aux = [dict(n.aux) for n in copies]
    assert aux[0] == aux[1] == {"shim-node1": "10.50.0.253", "shim-node2": "10.50.0.252"}
    for n in copies:
        rng = ipaddress.ip_network(n.ip_ranges[0])
        assert all(ipaddress.ip_address(a) not in rng for a in aux[0].values())
    r = macplan.check(plan)
    assert r.ok and not r.plan_findings
    # no container capacity is lost: the shims sit outside the ranges
    assert macplan.capacity(plan).to_dict()["networks"][0]["containers"] == \
        macplan.capacity(sliced()).to_dict()["networks"][0]["containers"]
    assert shim.reserve(plan, "lan") == plan                         # idempotent


def test_the_shim_shows_on_the_address_map():
    plan = shim.reserve(sliced(), "lan")
    created = macplan.simulate(plan)[2][0].created
    spans = pools.address_spans(created, 0, plan.dhcp)
    shims = [(str(f), label) for f, l, role, label in spans if role == "shim"]
    assert shims == [("10.50.0.252", "aux shim-node2"), ("10.50.0.253", "aux shim-node1")]


def test_commands_and_networkd():
    plan = shim.reserve(sliced(), "lan")
    s = shim.shims(plan, host="node1")[0]
    rng = plan.network("lan", "node1").ip_ranges[0]
    assert s.commands() == [
        "ip link add mv-lan link eth0 type macvlan mode bridge",
        "ip addr add 10.50.0.253/32 dev mv-lan",
        "ip link set mv-lan up",
        f"ip route add {rng} dev mv-lan",
    ]
    assert s.teardown() == ["ip link del mv-lan"]
    files = s.networkd()
    assert sorted(files) == ["/etc/systemd/network/25-mv-lan.netdev", "/etc/systemd/network/25-mv-lan.network",
                             "/etc/systemd/network/eth0.network.d/macplan-mv-lan.conf"]
    for path, text in files.items():
        cp = configparser.ConfigParser(strict=False)
        cp.optionxform = str
        cp.read_string(text)
        if path.endswith(".netdev"):
            assert cp["NetDev"]["Kind"] == "macvlan" and cp["MACVLAN"]["Mode"] == "bridge"
        elif path.endswith(".network"):
            assert cp["Network"]["Address"] == "10.50.0.253/32" and cp["Route"]["Destination"] == rng
        else:
            assert cp["Network"]["MACVLAN"] == "mv-lan"
    script = shim.commands(plan)
    assert script.count("ip link add") == 2 and "# on host node2" in script


def test_only_macvlan_networks_get_shims_and_names_fit_ifnamsiz():
    plan = shim.reserve(sliced())
    assert {(s.host, s.network) for s in shim.shims(plan)} == {("node1", "lan"), ("node2", "lan")}
    with pytest.raises(ShimError):
        shim.reserve(sliced(), "other")
    assert len(shim.ifname("a-very-long-network-name")) <= 15
    assert shim.ifname("a-very-long-network-name") == shim.ifname("a-very-long-network-name")


def test_no_range_routes_the_subnet_and_says_so():
    plan = shim.reserve(macplan.load_yaml_text(PLAN), "lan", hosts=["node1"])
    s = shim.shims(plan, "lan", "node1")[0]
    # the two halves: a host with an address in 10.50.0.0/24 has that route already (File exists)
    assert s.routes == ("10.50.0.0/25", "10.50.0.128/25") and "no --ip-range" in s.notes[0]
    assert s.address == "10.50.0.253"                      # top of the subnet, below the gateway


def test_pinned_address_and_swarm_config_networks():
    from macplan.emit import swarm
    sp = swarm.swarm_plan("lan", "10.50.0.0/24", gateway="10.50.0.1", nodes=["n1", "n2"], manager="n1")
    plan = shim.reserve(sp, addresses={"n1": "10.50.0.250"})
    got = {s.host: (s.address, s.routes[0]) for s in shim.shims(plan)}
    assert got["n1"][0] == "10.50.0.250" and got["n2"][0] == "10.50.0.254"
    assert got["n1"][1] == sp.network("lan-config", "n1").ip_ranges[0]
    assert macplan.check(plan).ok
    with pytest.raises(ShimError, match="outside"):
        shim.reserve(sp, addresses={"n1": "10.60.0.1"})


def test_shims_of_a_network_without_usable_ipam_is_a_shim_error_not_a_crash():
    # issue 12 (mypy --strict): _group() is None when the CLI would refuse the IPAM flags (two
    # gateways, one subnet); shims() then read None.subnet (AttributeError). reserve() already
    # said ShimError; shims() says the same
    from macplan.model import Network, Plan
    plan = Plan(networks=(Network("lan", options=(("parent", "eth0"),), subnets=("10.0.0.0/24",),
                                  gateways=("10.0.0.1", "10.0.0.2"), aux=(("shim-host", "10.0.0.250"),)),))
    with pytest.raises(ShimError, match="has no subnet"):
        shim.shims(plan)


def test_the_cli_says_what_the_commands_cannot(tmp_path, capsys):
    # without an ip-range: the note rides along as a comment, and the user is told to reserve the
    # shim's address in the plan, since Docker may hand any address of the subnet to a container
    from macplan.cli import main
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN)
    assert main(["shim", str(path), "lan"]) == 0
    out, err = capsys.readouterr()
    assert "# note: lan has no --ip-range on node1" in out
    # each host's copy of the subnet must hold both shims' addresses: either could go to its containers
    assert [line.split(" (YAML")[0] for line in err.splitlines()] == [
        f"macplan shim: add --aux-address shim-node1=10.50.0.253 --aux-address shim-node2=10.50.0.252 to network "
        f"'lan' on host '{h}'" for h in ("node1", "node2")]
    # an abbreviated option is refused, never taken for another: `--network` is not `--networkd DIR`
    with pytest.raises(SystemExit) as exit:
        main(["shim", str(path), "--network", "lan"])
    assert exit.value.code == 2 and not (tmp_path / "lan").exists() and "unrecognized" in capsys.readouterr().err
    # with an ip-range the address is outside it, where Docker gives no container one: nothing to add
    ranged = split_plan(macplan.load_yaml_text(PLAN), "lan")[0]
    assert shim.unreserved(ranged, shim.reserve(ranged, "lan")) == []
