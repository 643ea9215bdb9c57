"""MAC addresses the wire sees, per host parent and per VLAN.

Each macvlan endpoint is its own MAC (02:42 + IPv4 octets up to engine 27, random from 28);
ipvlan endpoints all share the parent's MAC; the host's own interface adds one.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Protocol, TypedDict, Union

from macplan.docker.daemon import Created
from macplan.model import LAN_DRIVERS, Plan
from macplan.profile import Profile

__all__ = ["predict_mac", "ParentMacs", "VlanMacs", "PortMacs", "count_macs"]


class HoldsContainers(Protocol):
    """What counting needs of a network's capacity (macplan.pools.NetworkCapacity)."""
    @property
    def containers(self) -> int: ...


class ParentMacsDict(TypedDict):
    host: str
    parent: str
    vlan: Optional[int]
    macs: int
    macvlan: int
    ipvlan: int
    networks: list[str]


class VlanMacsDict(TypedDict):
    vlan: Optional[int]
    macs: int
    hosts: list[str]
    limit: Optional[int]


class PortMacsDict(TypedDict):
    """A switch port's row in Report.ports and `macplan capacity --json`'s "ports"."""
    host: str
    interface: Optional[str]
    macs: int
    limit: Optional[int]


def predict_mac(ipv4: str, engine: Union[str, Profile, None] = None) -> Optional[str]:
    """The MAC Docker gives a macvlan endpoint with this IPv4 address, or None when random (v28+)."""
    if Profile.of(engine).random_macs:
        return None
    octets = ipaddress.IPv4Address(ipv4).packed
    return "02:42:" + ":".join(f"{b:02x}" for b in octets)


@dataclass
class ParentMacs:
    host: str
    parent: str
    base: Optional[str]         # the base interface: the switch port
    vlan: Optional[int]
    macvlan: int = 0          # one per macvlan container
    ipvlan: int = 0           # the parent's MAC, shared by all ipvlan containers (0 or 1)
    networks: tuple[str, ...] = ()

    @property
    def macs(self) -> int:
        return self.macvlan + self.ipvlan

    def to_dict(self) -> ParentMacsDict:
        return {"host": self.host, "parent": self.parent, "vlan": self.vlan, "macs": self.macs,
                "macvlan": self.macvlan, "ipvlan": self.ipvlan, "networks": list(self.networks)}


@dataclass
class VlanMacs:
    vlan: Optional[int]
    macs: int
    hosts: tuple[str, ...]
    limit: Optional[int]

    def to_dict(self) -> VlanMacsDict:
        return {"vlan": self.vlan, "macs": self.macs, "hosts": list(self.hosts), "limit": self.limit}


@dataclass(frozen=True)
class PortMacs:
    """MAC addresses one physical switch port sees: every VLAN on the host interface, plus the
    host's own MAC, against the port-security limit."""
    host: str
    interface: Optional[str]
    macs: int
    limit: Optional[int]

    def to_dict(self) -> PortMacsDict:
        return {"host": self.host, "interface": self.interface, "macs": self.macs, "limit": self.limit}


def count_macs(created: Iterable[Created], plan: Plan, capacities: Mapping[int, Optional[HoldsContainers]]
               ) -> tuple[list[ParentMacs], list[VlanMacs], list[PortMacsDict]]:
    """Per parent, per VLAN, and per physical port (base interface: the switch port sees
    every VLAN on it plus the host's own MAC).  Expected containers count; a network with no
    expected count counts as full (its capacity), the worst case a switch will meet."""
    parents: dict[tuple[str, str], ParentMacs] = {}
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
    vlan_macs: dict[Optional[int], int] = {}
    vlan_hosts: dict[Optional[int], set[str]] = {}
    for pm in parents.values():
        vlan_macs[pm.vlan] = vlan_macs.get(pm.vlan, 0) + pm.macs
        vlan_hosts.setdefault(pm.vlan, set()).add(pm.host)
    vlan_rows = [VlanMacs(k, macs, tuple(sorted(vlan_hosts[k])), limits.get(k) if k is not None else None)
                 for k, macs in sorted(vlan_macs.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0))]
    port_macs: dict[tuple[str, Optional[str]], int] = {}
    for pm in parents.values():
        port = (pm.host, pm.base)
        port_macs[port] = port_macs.get(port, 1) + pm.macs     # 1: the host's own MAC
    ports = []
    for (host, base), macs in port_macs.items():
        iface = plan.host(host).interface(base) if base is not None else None
        ports.append(PortMacs(host, base, macs, iface.mac_limit if iface else None))
    # Report.ports (macplan/report.py) holds the rows as dicts: PortMacsDict
    return list(parents.values()), vlan_rows, [p.to_dict() for p in ports]
