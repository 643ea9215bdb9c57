"""The typed contracts of the core's values (issue 12: mypy --strict on the core)."""
from __future__ import annotations

from dataclasses import fields

from macplan.model import Network, NetworkChanges, Plan, PlanChanges


def _init_fields(cls: type) -> set[str]:
    return {f.name for f in fields(cls) if f.init}


def test_with_changes_name_every_init_field():
    assert set(NetworkChanges.__annotations__) == _init_fields(Network)
    assert set(PlanChanges.__annotations__) == _init_fields(Plan)


def test_network_derived_attributes_are_no_init_fields():
    n = Network("n", options=(("parent", "eth0.5"), ("macvlan_mode", "bridge")))
    assert n.option_map == {"macvlan_mode": "bridge", "parent": "eth0.5"}
    assert n.parent == "eth0.5" and n.vlan == 5
    m = n.with_(options=(("parent", "eth1"),))
    assert m.parent == "eth1" and m.option_map == {"parent": "eth1"}
    assert "option_map" not in repr(n) and n == Network("n", options=(("macvlan_mode", "bridge"), ("parent", "eth0.5")))
    assert hash(n) == hash(Network("n", options=n.options))


def test_port_rows_are_port_macs_as_dicts():
    import macplan
    from macplan.macs import PortMacs
    plan = macplan.load("examples/port-security.yaml")
    ports = macplan.capacity(plan).ports
    assert ports and all(list(p) == ["host", "interface", "macs", "limit"] for p in ports)
    assert all(PortMacs(**p).to_dict() == p for p in ports)
