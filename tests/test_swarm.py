"""Swarm: a config-only network per node (same name, own range and parent), one swarm network."""
import pathlib
import shlex

import pytest

import macplan
from macplan import emit
from macplan.emit import swarm
from macplan.errors import SwarmError
from macplan.partition import split

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"

NODES = {"node1": "eth0", "node2": "eth0", "node3": "bond0.50"}


def plan(**kw):
    return swarm.swarm_plan("lan", "10.50.0.0/24", gateway="10.50.0.1", nodes=NODES, manager="node1",
                            engine="27", **kw)


def test_one_config_only_network_per_node_and_one_swarm_network():
    p = plan()
    cfgs = [n for n in p.networks if n.config_only]
    assert [n.host for n in cfgs] == ["node1", "node2", "node3"]
    assert {n.name for n in cfgs} == {"lan-config"}               # --config-from looks it up by name
    assert [n.parent for n in cfgs] == ["eth0", "eth0", "bond0.50"]
    ranges = [n.ip_ranges[0] for n in cfgs]
    assert len(set(ranges)) == 3
    sw = p.networks[-1]
    assert (sw.host, sw.scope, sw.config_from, sw.attachable) == ("node1", "swarm", "lan-config", True)
    assert [h.swarm for h in p.hosts] == ["manager", "worker", "worker"]


def test_commands_and_payloads():
    p = plan()
    text = swarm.commands(p)
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines[-1] == "docker network create -d macvlan --scope swarm --config-from lan-config --attachable lan"
    assert text.index("# on node node3") < text.index("# once, on manager node1")
    for line, n in zip(lines, swarm.order(p)):
        assert shlex.split(line) == emit.create_argv(n)
        back = macplan.parse_script(line).networks[0]
        assert (back.config_only, back.config_from, back.ip_ranges) == (n.config_only, n.config_from, n.ip_ranges)
    bodies = swarm.payloads(p)
    assert [h for h, _ in bodies] == ["node1", "node2", "node3", "node1"]
    assert bodies[0][1]["ConfigOnly"] is True and bodies[0][1]["IPAM"]["Config"][0]["IPRange"] == p.networks[0].ip_ranges[0]
    assert bodies[-1][1] == {"Name": "lan", "Driver": "macvlan", "IPAM": {"Driver": "default", "Config": []},
                             "Attachable": True, "Scope": "swarm", "ConfigFrom": {"Network": "lan-config"}}


def test_checked_like_docker_on_every_line():
    for line in macplan.LINES:
        r = macplan.check(plan().with_(engine=line))
        assert r.ok and not r.plan_findings, (line, r.to_dict())


def test_the_rules_of_moby_section_5_are_checked():
    p = plan()
    sw = p.networks[-1]
    bad_ipam = p.with_(networks=p.networks[:-1] + (sw.with_(subnets=("10.50.0.0/24",)),))
    assert "user specified configurations are not supported" in macplan.check(bad_ipam).errors[0].docker_error
    bad_opt = p.with_(networks=p.networks[:-1] + (sw.with_(options=(("parent", "eth1"),)),))
    assert "network driver options are not supported" in macplan.check(bad_opt).errors[0].docker_error
    cfg = p.networks[0]
    bad_cfg = p.with_(networks=(cfg.with_(attachable=True),) + p.networks[1:])
    assert "Network operator fields" in macplan.check(bad_cfg).errors[0].docker_error
    worker = p.with_(networks=p.networks[:-1] + (sw.with_(host="node2"),))
    assert "from a worker node" in macplan.check(worker).errors[0].docker_error


def test_the_same_range_on_every_node_is_the_portainer_trap():
    p = plan()
    same = p.networks[0].ip_ranges
    trap = p.with_(networks=tuple(n.with_(ip_ranges=same) if n.config_only else n for n in p.networks))
    found = [f for f in macplan.check(trap).plan_findings if f.rule == "shared-range-hosts"]
    # node1 and node2 share the untagged LAN; node3's parent is on VLAN 50, another segment
    assert len(found) == 1 and "node2" in found[0].message and "node1" in found[0].message
    assert "duplicate IPs and duplicate MACs" in found[0].message      # engine 27: IP-derived MACs


def test_to_swarm_from_a_multi_host_plan():
    m = macplan.load_yaml_text("""
engine: "27"
hosts: {a: {interfaces: [eth0]}, b: {interfaces: [eth0]}}
networks:
  lan: {hosts: [a, b], parent: eth0, subnet: 10.80.0.0/24, gateway: 10.80.0.1, ip_range: 10.80.0.0/25}
""")
    assert macplan.check(m).plan_findings
    s = swarm.to_swarm(m, "lan", manager="a")
    assert [(n.name, n.host, n.config_only) for n in s.networks] == [
        ("lan-config", "a", True), ("lan-config", "b", True), ("lan", "a", False)]
    r = macplan.check(s)
    assert r.ok and not r.plan_findings


def test_partition_given_and_errors():
    p = split("10.50.0.0/24", list(NODES), gateway="10.50.0.1", sizes={"node1": "/26", "node2": "/27", "node3": "/28"})
    sp = plan(partition=p)
    assert [n.ip_ranges[0] for n in sp.networks if n.config_only] == [s.ip_range for s in p.slices]
    with pytest.raises(SwarmError, match="manager"):
        swarm.swarm_plan("lan", "10.50.0.0/24", nodes=["a"], manager="b")
    with pytest.raises(SwarmError, match="no engine for node"):
        swarm.apply(sp, {})


def test_interfaces_from_the_command_line_keep_the_hosts_swarm_role():
    """`--interfaces` replaces a host's interfaces and nothing else: the manager in
    examples/swarm.yaml stays a manager, so its swarm-scoped network is created (it was refused
    with "swarm is not active" when the host was rebuilt field by field and lost its role)."""
    plan = macplan.load(str(EXAMPLES / "swarm.yaml"), interfaces=["eth0"])
    assert plan.host("manager").swarm == "manager"
    report = macplan.check(plan)
    assert report.ok, [f.docker_error for f in report.errors]
