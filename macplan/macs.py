"""MAC addresses the wire sees, per host parent and per VLAN.

Each macvlan endpoint is its own MAC (02:42 + IPv4 octets up to engine 27, random from 28);
ipvlan endpoints all share the parent's MAC; the host's own interface adds one.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Iterable, Optional, Protocol, TypedDict, Union

from macplan.docker.daemon import Created
from macplan.model import LAN_DRIVERS, Plan
from macplan.profile import Profile

__all__ = ["predict_mac", "ParentMacs", "VlanMacs", "PortMacs", "count_macs"]


class HoldsContainers(Protocol):
    """What counting needs of a network's capacity (macplan.pools.NetworkCapacity)."""
    @property
    def containers(self) -> int: ...


class Outcome(Protocol):
    """What counting reads of one network's outcome (macplan.report.NetworkResult): the network
    as created (None: refused) and its capacity."""
    @property
    def created(self) -> Optional[Created]: ...
    @property
    def capacity(self) -> Optional[HoldsContainers]: ...


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


@dataclass(slots=True)
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


@dataclass(slots=True)
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


def count_macs(results: Iterable[Outcome], plan: Plan) -> tuple[list[ParentMacs], list[VlanMacs], list[PortMacsDict]]:
    """Per parent, per VLAN, and per physical port (base interface: the switch port sees
    every VLAN on it plus the host's own MAC).  Expected containers count; a network with no
    expected count counts as full (its capacity), the worst case a switch will meet."""
    parents: dict[tuple[str, str], ParentMacs] = {}
    for r in results:
        c = r.created
        if c is None:
            continue
        n = c.network
        if n.driver not in LAN_DRIVERS or n.config_only or not n.parent:
            continue
        if n.containers is not None:
            count = n.containers
        elif n.endpoints:
            count = len(n.endpoints)
        else:
            cap = r.capacity
            count = cap.containers if cap else 0
        key = (n.host, n.parent)
        pm = parents.get(key)
        if pm is None:
            pm = parents[key] = ParentMacs(n.host, n.parent, n.base_interface, n.vlan)
        if n.driver == "macvlan":
            pm.macvlan += 1 if c.mode == "passthru" and count else count
        elif count:
            pm.ipvlan = 1
        pm.networks += (n.name,)
    # per VLAN and per switch port, in one pass over the parents
    vlan_macs: dict[Optional[int], int] = {}
    vlan_hosts: dict[Optional[int], set[str]] = {}
    port_macs: dict[tuple[str, Optional[str]], int] = {}
    for pm in parents.values():
        macs = pm.macs
        vlan_macs[pm.vlan] = vlan_macs.get(pm.vlan, 0) + macs
        hosts = vlan_hosts.get(pm.vlan)
        if hosts is None:
            vlan_hosts[pm.vlan] = {pm.host}
        else:
            hosts.add(pm.host)
        port = (pm.host, pm.base)
        port_macs[port] = port_macs.get(port, 1) + macs     # 1: the host's own MAC
    limits = dict(plan.vlan_limits)
    # the untagged LAN first, then by VLAN id
    order: list[Optional[int]] = [None] if None in vlan_macs else []
    order += sorted(k for k in vlan_macs if k is not None)
    vlan_rows = [VlanMacs(k, vlan_macs[k], tuple(sorted(vlan_hosts[k])), limits.get(k) if k is not None else None)
                 for k in order]
    ports = []
    for (host, base), macs in port_macs.items():
        iface = plan.host(host).interface(base) if base is not None else None
        ports.append(PortMacs(host, base, macs, iface.mac_limit if iface else None))
    # Report.ports (macplan/report.py) holds the rows as dicts: PortMacsDict
    return list(parents.values()), vlan_rows, [p.to_dict() for p in ports]
