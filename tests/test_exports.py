"""Exports: compose networks (read back), Multus NetworkAttachmentDefinitions (JSON inside YAML)."""
import glob
import ipaddress
import json
import os

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import macplan
from macplan.docker.cli import ipam_groups
from macplan.emit import exports, shim, swarm
from macplan.errors import ExportError
from macplan.partition import split_plan

ROOT = os.path.join(os.path.dirname(__file__), "..")

# The compose specification's network keys (compose-spec 06-networks.md), as a JSON schema.
POOL = {"type": "object", "additionalProperties": False,
        "properties": {"subnet": {"type": "string"}, "ip_range": {"type": "string"},
                       "gateway": {"type": "string"},
                       "aux_addresses": {"type": "object", "additionalProperties": {"type": "string"}}}}
NETWORK = {"type": "object", "additionalProperties": False, "properties": {
    "name": {"type": "string"}, "driver": {"type": "string"},
    "driver_opts": {"type": "object", "additionalProperties": {"type": ["string", "number"]}},
    "attachable": {"type": "boolean"}, "enable_ipv4": {"type": "boolean"}, "enable_ipv6": {"type": "boolean"},
    "external": {"type": "boolean"}, "internal": {"type": "boolean"},
    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
    "ipam": {"type": "object", "additionalProperties": False, "properties": {
        "driver": {"type": "string"}, "config": {"type": "array", "items": POOL},
        "options": {"type": "object", "additionalProperties": {"type": "string"}}}}}}
COMPOSE = {"type": "object", "required": ["networks"],
           "properties": {"networks": {"type": "object", "additionalProperties": NETWORK}}}


def _validate(doc):
    import jsonschema
    jsonschema.validate(doc, COMPOSE)


def _example_plans():
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*.yaml"))):
        yield path, macplan.load(path)


def test_compose_for_every_example_host_validates_and_reads_back():
    seen = 0
    for path, plan in _example_plans():
        for host in dict.fromkeys(n.host for n in plan.networks):
            text = exports.compose_yaml(plan, host)
            doc = yaml.safe_load(text)
            _validate(doc)
            back = {n.name: n for n in exports.compose_networks_from_yaml(text, host)}
            for n in plan.networks:
                if n.host != host or n.config_only:
                    continue
                got = back[n.name]
                if n.config_from or n.scope == "swarm":
                    assert doc["networks"][n.name] == {"external": True, "name": n.name}
                else:
                    assert ipam_groups(got) == ipam_groups(n) and got.options == n.options and got.driver == n.driver
                seen += 1
    assert seen >= 8


def test_compose_macnet32_exactly():
    plan = macplan.load(os.path.join(ROOT, "examples", "ip-range-aux.yaml"))
    assert exports.compose_networks(plan) == {"networks": {"macnet32": {
        "name": "macnet32", "driver": "macvlan", "driver_opts": {"parent": "eth0"},
        "ipam": {"config": [{"subnet": "192.168.32.0/24", "ip_range": "192.168.32.128/25",
                             "gateway": "192.168.32.254", "aux_addresses": {"my-router": "192.168.32.129"}}]}}}}


def test_compose_swarm_network_is_external_and_config_only_is_left_out():
    sp = swarm.swarm_plan("lan", "10.50.0.0/24", gateway="10.50.0.1", nodes=["n1", "n2"], manager="n1")
    assert exports.compose_networks(sp, "n1") == {"networks": {"lan": {"external": True, "name": "lan"}}}
    assert exports.compose_networks(sp, "n2") == {"networks": {}}
    with pytest.raises(ExportError, match="say which host"):
        exports.compose_networks(sp)


def test_compose_reader_refuses_unknown_keys():
    with pytest.raises(ExportError, match="unknown key 'parnet'"):
        exports.compose_networks_from_yaml("networks:\n  a:\n    parnet: eth0\n")
    with pytest.raises(ExportError, match="ip-range"[:2]):
        exports.compose_networks_from_yaml("networks:\n  a:\n    ipam: {config: [{subnet: 10.0.0.0/24, iprange: x}]}\n")


# ---- Multus -------------------------------------------------------------------------------

def _nad(text):
    doc = yaml.safe_load(text)
    assert doc["apiVersion"] == "k8s.cni.cncf.io/v1" and doc["kind"] == "NetworkAttachmentDefinition"
    assert set(doc) == {"apiVersion", "kind", "metadata", "spec"} and set(doc["spec"]) == {"config"}
    conf = json.loads(doc["spec"]["config"])
    keys = exports.MACVLAN_CNI_KEYS if conf["type"] == "macvlan" else exports.IPVLAN_CNI_KEYS
    assert set(conf) <= set(keys) and {"cniVersion", "name", "type", "ipam"} <= set(conf)
    assert conf["mode"] in (exports.MACVLAN_MODES if conf["type"] == "macvlan" else exports.IPVLAN_MODES)
    assert set(conf["ipam"]) <= set(exports.WHEREABOUTS_KEYS) and conf["ipam"]["type"] == "whereabouts"
    return doc, conf


def test_multus_macnet32_excludes_gateway_aux_and_dhcp():
    plan = macplan.load(os.path.join(ROOT, "examples", "ip-range-aux.yaml"))
    doc, conf = _nad(exports.multus_yaml(plan, "macnet32", namespace="lan"))
    assert doc["metadata"] == {"name": "macnet32", "namespace": "lan"}
    assert conf["master"] == "eth0" and conf["mode"] == "bridge"
    ipam = conf["ipam"]
    assert ipam["range"] == "192.168.32.0/24" and ipam["gateway"] == "192.168.32.254"
    assert (ipam["range_start"], ipam["range_end"]) == ("192.168.32.128", "192.168.32.254")
    excluded = [ipaddress.ip_network(c) for c in ipam["exclude"]]
    for addr in ("192.168.32.254", "192.168.32.129", "192.168.32.10", "192.168.32.99", "192.168.32.50"):
        assert any(ipaddress.ip_address(addr) in c for c in excluded), addr
    for addr in ("192.168.32.9", "192.168.32.100", "192.168.32.130"):
        assert not any(ipaddress.ip_address(addr) in c for c in excluded), addr


def test_multus_ipvlan_dual_stack_uses_ip_ranges():
    plan = macplan.load(os.path.join(ROOT, "examples", "dual-stack.yaml"))
    name = plan.networks[0].name
    _, conf = _nad(exports.multus_yaml(plan, name))
    if len(plan.networks[0].subnets) > 1:
        assert [r["range"] for r in conf["ipam"]["ipRanges"]] == [
            str(ipaddress.ip_network(s, strict=False)) for s in plan.networks[0].subnets]
    ipv = macplan.load(os.path.join(ROOT, "examples", "ipvlan-l2.yaml"))
    _, conf = _nad(exports.multus_yaml(ipv, ipv.networks[0].name))
    assert conf["type"] == "ipvlan" and conf["mode"] == "l2"


def test_multus_per_node_slices_from_a_split_plan():
    plan = macplan.load_yaml_text("""
hosts: {a: {interfaces: [eth0]}, b: {interfaces: [eth0]}, c: {interfaces: [eth0]}}
networks:
  lan: {hosts: [a, b, c], parent: eth0, subnet: 10.50.0.0/24, gateway: 10.50.0.1}
""")
    fixed = shim.reserve(split_plan(plan, "lan")[0], "lan")
    _, conf = _nad(exports.multus_yaml(fixed, "lan", "a", node_slices=True))
    prefix = ipaddress.ip_network(fixed.network("lan", "a").ip_ranges[0]).prefixlen
    assert conf["ipam"]["node_slice_size"] == f"/{prefix}"
    assert "range_start" not in conf["ipam"]
    assert {"10.50.0.1/32", "10.50.0.254/32", "10.50.0.253/32", "10.50.0.252/32"} <= set(conf["ipam"]["exclude"])
    sp = swarm.to_swarm(fixed, "lan", "a")
    _, conf = _nad(exports.multus_yaml(sp, "lan", node_slices="/27"))
    assert conf["ipam"]["node_slice_size"] == "/27" and conf["master"] == "eth0"
    with pytest.raises(ExportError):
        exports.multus(plan, "lan", "a", node_slices=True)          # not split: no slices to size


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 255), st.integers(16, 28), st.text("abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12),
       st.sampled_from(["bridge", "private", "vepa", "passthru"]))
def test_property_nad_is_json_in_yaml(octet, prefix, name, mode):
    name = "n" + name
    net = ipaddress.ip_network(f"10.{octet}.0.0/{prefix}", strict=False)
    gw = str(net.network_address + 1)
    plan = macplan.Plan(networks=(macplan.Network(name, options=(("parent", "eth0"), ("macvlan_mode", mode)),
                                                  subnets=(str(net),), gateways=(gw,)),))
    _, conf = _nad(exports.multus_yaml(plan, name))
    assert conf["name"] == name and conf["mode"] == mode and conf["ipam"]["exclude"] == [f"{gw}/32"]


def test_multus_excludes_a_dhcp_scope_whose_last_address_is_of_the_other_family():
    # issue 12 (mypy --strict): min(IPv6Address, IPv4Address) raised TypeError ("internal error"
    # from `macplan export multus`); the scope is cut at the subnet's end, as split reserves it
    from macplan.model import Dhcp, Network, Plan
    plan = Plan(networks=(Network("lan", options=(("parent", "eth0"),), subnets=("10.0.0.0/24",),
                                  gateways=("10.0.0.1",)),),
                dhcp=(Dhcp("10.0.0.100", "fd00::1", "lease"),))
    ipam = exports.cni_config(plan, "lan")["ipam"]
    assert ipam["exclude"] == ["10.0.0.1/32", "10.0.0.100/30", "10.0.0.104/29", "10.0.0.112/28", "10.0.0.128/25"]
    _, parts = split_plan(plan, "lan")
    assert ("10.0.0.100", "10.0.0.255", "DHCP scope lease") in parts["10.0.0.0/24"].reserved
