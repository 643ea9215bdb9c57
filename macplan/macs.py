"""MAC addresses the wire sees, per host parent and per VLAN.

Each macvlan endpoint is its own MAC (02:42 + IPv4 octets up to engine 27, random from 28);
ipvlan endpoints all share the parent's MAC; the host's own interface adds one.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Optional

from macplan.model import LAN_DRIVERS
from macplan.profile import Profile

__all__ = ["predict_mac", "ParentMacs", "VlanMacs", "count_macs"]


def predict_mac(ipv4: str, engine=None) -> Optional[str]:
    """The MAC Docker gives a macvlan endpoint with this IPv4 address, or None when random (v28+)."""
    if Profile.of(engine).random_macs:
        return None
    octets = ipaddress.IPv4Address(ipv4).packed
    return "02:42:" + ":".join(f"{b:02x}" for b in octets)


@dataclass
class ParentMacs:
    host: str
    parent: str
    base: str
    vlan: Optional[int]
    macvlan: int = 0          # one per macvlan container
    ipvlan: int = 0           # the parent's MAC, shared by all ipvlan containers (0 or 1)
    networks: tuple = ()

    @property
    def macs(self) -> int:
        return self.macvlan + self.ipvlan

    def to_dict(self) -> dict:
        return {"host": self.host, "parent": self.parent, "vlan": self.vlan, "macs": self.macs,
                "macvlan": self.macvlan, "ipvlan": self.ipvlan, "networks": list(self.networks)}


@dataclass
class VlanMacs:
    vlan: Optional[int]
    macs: int
    hosts: tuple
    limit: Optional[int]

    def to_dict(self) -> dict:
        return {"vlan": self.vlan, "macs": self.macs, "hosts": list(self.hosts), "limit": self.limit}


def count_macs(created, plan, capacities) -> tuple[list[ParentMacs], list[VlanMacs], list[dict]]:
    """Per parent, per VLAN, and per physical port (base interface: the switch port sees
    every VLAN on it plus the host's own MAC).  Expected containers count; a network with no
    expected count counts as full (its capacity), the worst case a switch will meet."""
    parents: dict[tuple, ParentMacs] = {}
    for c in created:
        n = c.network
        if n.driver not in LAN_DRIVERS or n.config_only or not n.parent:
            continue
        cap = capacities.get(id(c))
        if n.containers is not None:
            count = n.containers
        elif n.endpoints:
            count = len(n.endpoints)
        else:
            count = cap.containers if cap else 0
        key = (n.host, n.parent)
        pm = parents.setdefault(key, ParentMacs(n.host, n.parent, n.base_interface, n.vlan))
        if n.driver == "macvlan":
            pm.macvlan += 1 if c.mode == "passthru" and count else count
        elif count:
            pm.ipvlan = 1
        pm.networks += (n.name,)
    limits = dict(plan.vlan_limits)
    vlans: dict = {}
    for pm in parents.values():
        v = vlans.setdefault(pm.vlan, {"macs": 0, "hosts": set()})
        v["macs"] += pm.macs
        v["hosts"].add(pm.host)
    vlan_rows = [VlanMacs(k, v["macs"], tuple(sorted(v["hosts"])), limits.get(k))
                 for k, v in sorted(vlans.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0))]
    ports: dict[tuple, dict] = {}
    for pm in parents.values():
        port = ports.setdefault((pm.host, pm.base), {"host": pm.host, "interface": pm.base, "macs": 1, "limit": None})
        port["macs"] += pm.macs
        iface = plan.host(pm.host).interface(pm.base)
        port["limit"] = iface.mac_limit if iface else None
    return list(parents.values()), vlan_rows, list(ports.values())
