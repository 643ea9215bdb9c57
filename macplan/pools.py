"""How many containers fit, and which addresses are reserved, per network and subnet.

Counts come from the same simulated daemon the checks use (`macplan.docker.daemon.Daemon`), so the
gateway Docker picks, aux-addresses and pools shared with other networks are all accounted for.
Everything is interval arithmetic on integers: a /48 costs what a /24 costs.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Iterable, Optional, TypedDict, Union

from macplan.docker.daemon import Allocation, Created
from macplan.model import Dhcp

__all__ = ["SubnetCapacity", "NetworkCapacity", "subnet_capacity", "network_capacity", "address_spans"]


class SubnetCapacityDict(TypedDict):
    subnet: str
    pool: str
    size: int
    reserved: dict[str, int]
    available: int
    gateway: Optional[str]
    first_free: Optional[str]
    default_pool: bool


class NetworkCapacityDict(TypedDict):
    name: str
    host: str
    driver: str
    containers: int
    expected: Optional[int]
    subnets: list[SubnetCapacityDict]


#: (first, last, role, label): one run of addresses in `address_spans`
Span = tuple[Union[ipaddress.IPv4Address, ipaddress.IPv6Address], Union[ipaddress.IPv4Address, ipaddress.IPv6Address],
             str, str]


# Results, like report.NetworkResult: built once per network, never hashed (`reserved` is a
# dict), so not frozen: a frozen dataclass pays object.__setattr__ per field on every build.
@dataclass(slots=True)
class SubnetCapacity:
    """One IPAM entry's room for containers.  Its addresses are kept as numbers and printed
    when asked for (`check` never asks: it counts, and only `capacity` shows them)."""
    subnet: str
    size: int
    reserved: dict[str, int]
    available: int
    default_pool: bool
    allocation: Allocation = field(repr=False, compare=False)   # the pool text and gateway come from it
    first_free_address: Optional[int]      # taken when counted: later networks and containers move it

    @property
    def pool(self) -> str:
        return _pool_text(self.allocation)

    @property
    def gateway(self) -> Optional[str]:
        a = self.allocation
        return _ip(a.family, a.gateway) if a.gateway is not None else None

    @property
    def first_free(self) -> Optional[str]:
        first = self.first_free_address
        return _ip(self.allocation.family, first) if first is not None else None

    def to_dict(self) -> SubnetCapacityDict:
        return {"subnet": self.subnet, "pool": self.pool, "size": self.size, "reserved": dict(self.reserved),
                "available": self.available, "gateway": self.gateway, "first_free": self.first_free,
                "default_pool": self.default_pool}


@dataclass(slots=True)
class NetworkCapacity:
    name: str
    host: str
    driver: str
    containers: int
    expected: Optional[int]
    subnets: tuple[SubnetCapacity, ...] = field(default_factory=tuple)

    def to_dict(self) -> NetworkCapacityDict:
        return {"name": self.name, "host": self.host, "driver": self.driver, "containers": self.containers,
                "expected": self.expected, "subnets": [s.to_dict() for s in self.subnets]}


def _ip(version: int, value: int) -> str:
    if version == 4:            # what str(IPv4Address(value)) prints, without building one
        return f"{value >> 24}.{value >> 16 & 255}.{value >> 8 & 255}.{value & 255}"
    return str(ipaddress.IPv6Address(value))


def _pool_text(a: Allocation) -> str:
    """The pool containers draw from: the ip-range as a CIDR block (or first-last), else the subnet."""
    if not a.group.ip_range:
        return str(a.pool.block)
    v, lo, size = a.pool.block.family, a.slots.lo, a.slots.size
    if size & (size - 1) == 0 and lo % size == 0:
        bits = 32 if v == 4 else 128
        return f"{_ip(v, lo)}/{bits - size.bit_length() + 1}"
    return f"{_ip(v, lo)}-{_ip(v, a.slots.hi)}"


def subnet_capacity(a: Allocation) -> SubnetCapacity:
    """Addresses containers can get from one IPAM entry: its ip-range (or subnet) minus what is
    reserved inside it: network/broadcast (or the IPv6 subnet-router address), gateway, aux
    addresses, and anything another network sharing the subnet reserved there.

    Counted in the allocator's bits (Pool.window): up to engine 27 an IPv6 bitmap holds
    2**64-1 bits and a range's bits are not always its addresses, so part of a big subnet or
    range can be out of the allocator's reach ("beyond allocator")."""
    pool, v = a.pool, a.pool.block.family
    start, end = pool.window(a.slots)
    end = min(end, pool.slots - 1)
    bits = max(0, end - start + 1)
    marks = pool.implicit()          # read only, unless other addresses are taken
    if pool.taken:
        marks = dict(marks)
        own = dict.fromkeys(a.aux.values(), "aux")
        if a.gateway is not None:
            own[a.gateway] = "gateway"
        for addr, what in pool.taken.items():
            # script endpoints (`docker run --ip`, connect) take addresses too: daemon.Engine.attach
            marks[addr] = own.get(addr, "containers" if str(what).startswith("container ") else "other networks")
    by_bit: dict[int, str] = {}          # addresses that alias one bit reserve it once
    for addr, kind in marks.items():
        bit = pool.ordinal(addr)
        if start <= bit <= end and (bit not in by_bit or kind in ("gateway", "aux")):
            by_bit[bit] = kind
    reserved: dict[str, int] = {}
    for kind in by_bit.values():
        reserved[kind] = reserved.get(kind, 0) + 1
    size = a.slots.size
    if size > bits:
        reserved["beyond allocator"] = size - bits
    available = bits - len(by_bit)
    if v == 4 and not pool.profile.mapped_pool_holds_containers and ":" in a.group.subnet:
        # an IPv4-mapped subnet (::ffff:a.b.c.d/p): the network exists, no container can join it
        reserved["unjoinable (IPv4-mapped subnet)"] = max(0, available)
        available = 0
    first = pool.first_free(start, end) if bits else None
    return SubnetCapacity(a.group.subnet if not a.default else str(pool.block), size, reserved, max(0, available),
                          a.default, a, pool.base + first if first is not None else None)


def network_capacity(c: Created) -> NetworkCapacity:
    """A network holds as many containers as its tighter enabled family allows."""
    subnets = tuple([subnet_capacity(a) for a in c.allocations])
    if len(subnets) == 1:
        containers = subnets[0].available
    else:
        per_family: dict[int, int] = {}
        for a, s in zip(c.allocations, subnets):
            per_family[a.family] = per_family.get(a.family, 0) + s.available
        containers = min(per_family.values()) if per_family else 0
    n = c.network
    return NetworkCapacity(n.name, n.host, n.driver, containers, n.containers, subnets)


def address_spans(c: Created, index: int = 0, dhcp: Iterable[Dhcp] = ()) -> list[Span]:
    """The subnet of allocation `index` as ordered spans (first, last, role, label) covering it:
    network, broadcast, gateway, aux, outside (of the ip-range), containers (expected), pool
    (free), dhcp (a declared DHCP scope inside the pool), shim (aux named 'shim...')."""
    a = c.allocations[index]
    net, v = a.pool.subnet, a.pool.subnet.version
    base, last = int(net.network_address), int(net.broadcast_address)
    point: dict[int, tuple[str, str]] = {}
    for addr, kind in a.pool.implicit().items():
        point[addr] = (kind, kind)
    for addr, what in a.pool.taken.items():
        point[addr] = ("gateway", what) if what.startswith("gateway") else ("aux", what)
    for name, addr in a.aux.items():
        point[addr] = ("shim" if name.startswith("shim") else "aux", f"aux {name}")
    if a.gateway is not None:
        point[a.gateway] = ("gateway", "gateway")
    lo, hi = a.slots.lo, a.slots.hi
    dhcp_ranges = []
    for d in dhcp:
        try:
            f, l = int(ipaddress.ip_address(d.first)), int(ipaddress.ip_address(d.last))
        except ValueError:
            continue
        if ipaddress.ip_address(d.first).version == v:
            dhcp_ranges.append((f, l, d.name))
    expected = c.network.containers or 0
    spans: list[tuple[int, int, str, str]] = []

    def background(addr_lo: int, addr_hi: int) -> None:
        """Fill a run of unmarked addresses: outside the range, DHCP scope, containers, free."""
        nonlocal expected
        cur = addr_lo
        while cur <= addr_hi:
            if cur < lo or cur > hi:
                end = min(addr_hi, lo - 1) if cur < lo else addr_hi
                spans.append((cur, end, "outside", "outside the ip-range"))
                cur = end + 1
                continue
            cut = addr_hi
            role: Optional[str] = None
            label: Optional[str] = None
            if expected > 0:
                # Docker hands out the lowest free addresses: it knows nothing of DHCP scopes
                take = min(cut - cur + 1, expected)
                cut, role, label = cur + take - 1, "containers", "expected containers"
                expected -= take
            else:
                for f, l, name in dhcp_ranges:
                    if f <= cur <= l:
                        role, label, cut = "dhcp", f"DHCP scope {name}", min(cut, l)
                        break
                    if f > cur:
                        cut = min(cut, f - 1)
                if role is None or label is None:
                    role, label = "pool", "free"
            spans.append((cur, min(cut, hi), role, label))
            cur = min(cut, hi) + 1
    cur = base
    for addr in sorted(point):
        if addr < base or addr > last:
            continue
        if addr > cur:
            background(cur, addr - 1)
        role, label = point[addr]
        spans.append((addr, addr, role, label))
        cur = addr + 1
    if cur <= last:
        background(cur, last)
    def mk(x: int) -> Union[ipaddress.IPv4Address, ipaddress.IPv6Address]:
        return ipaddress.IPv4Address(x) if v == 4 else ipaddress.IPv6Address(x)
    return [(mk(f), mk(l), role, label) for f, l, role, label in spans]
