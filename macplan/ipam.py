"""Docker's default IPAM, simulated: address spaces, pools shared by subnet, reserved addresses.

Addresses are integers; a pool remembers only the few addresses given out explicitly
(gateways, aux-addresses), so a /64 costs what a /24 costs.  Network and broadcast addresses
are implicit, as in Docker's bitmap (they are set when the pool is created).
"""
from __future__ import annotations

import bisect
import ipaddress
from dataclasses import dataclass, field
from typing import Optional

from .rules.profile import Profile

__all__ = ["Pool", "AddressSpace", "RangeSlots", "DEFAULT_V4_POOLS"]


def _default_pools():
    # ipamutils local-scope defaults: 172.17-31.0.0/16, then 192.168.0.0/16 split in /20s.
    out = [ipaddress.ip_network(f"172.{i}.0.0/16") for i in range(17, 32)]
    out += list(ipaddress.ip_network("192.168.0.0/16").subnets(new_prefix=20))
    return out


DEFAULT_V4_POOLS = _default_pools()


@dataclass
class Pool:
    """A master pool: one subnet in an address space, possibly shared by several networks."""
    subnet: ipaddress._BaseNetwork
    profile: Profile
    taken: dict = field(default_factory=dict)      # address int -> what took it

    def __post_init__(self):
        net = self.subnet
        self.base = int(net.network_address)
        self.size = 1 << (net.max_prefixlen - net.prefixlen)
        #: how many addresses Docker's allocator can address in this subnet
        self.slots = min(self.size, 2**64 - 1) if net.version == 6 and self.profile.bitmap_caps_ipv6 else self.size
        # Reserved when the pool is created: network and broadcast (IPv4), the subnet-router
        # anycast address (IPv6); nothing in an IPv4 /31 or /32 from engine 23.
        if net.version == 6:
            self._implicit = {self.base: "network"}
        elif net.prefixlen >= 31 and self.profile.usable_slash31:
            self._implicit = {}
        else:
            self._implicit = {self.base: "network", self.base + self.size - 1: "broadcast"}

    def implicit(self) -> dict[int, str]:
        return self._implicit

    # Docker's allocator indexes a subnet by ordinal (host part).  Up to engine 27 the
    # ordinal of an IPv6 address is only the low 64 bits of its host part, so in a subnet
    # larger than /64 addresses that differ above those bits alias each other.
    def ordinal(self, addr: int) -> int:
        off = addr - self.base
        return off & (2**64 - 1) if self.slots < self.size else off

    def _used(self) -> set[int]:
        return {self.ordinal(a) for a in self.taken} | {self.ordinal(a) for a in self._implicit}

    def free_count(self) -> int:
        return self.slots - len(self._used())

    def request(self, addr: int) -> Optional[str]:
        """Why Docker refuses to reserve `addr` ("No available addresses on this pool" comes
        first: the bitmap checks for any free bit before the asked one), or None."""
        ordinal = self.ordinal(addr)
        if ordinal >= self.slots:
            return "bit does not belong to the sequence"
        used = self._used()
        if self.slots - len(used) <= 0:
            return "No available addresses on this pool"
        if ordinal in used:
            return "Address already in use"
        return None

    def is_free(self, addr: int) -> bool:
        return self.request(addr) is None

    def first_free(self, lo: int, hi: int) -> Optional[int]:
        """Lowest free address in [lo, hi] (Docker's allocator picks the lowest)."""
        hi = min(hi, self.base + self.slots - 1)
        used = self._used()
        addr = lo
        for b in sorted(o + self.base for o in used):
            if b < addr:
                continue
            if b > addr:
                break
            addr += 1
        return addr if addr <= hi else None

    def range_error(self, lo: int, hi: int) -> Optional[str]:
        """Up to engine 27 a range whose last ordinal falls outside the bitmap (any IPv6
        ip-range of /64 or more) fails: "invalid bit range [lo, hi]"."""
        first, last = self.ordinal(lo), self.ordinal(hi)
        if last >= self.slots:
            return f"invalid bit range [{first}, {last}]"
        return None


@dataclass(frozen=True)
class RangeSlots:
    """An ip-range as the allocator sees it: host-part bounds under the subnet's mask."""
    lo: int
    hi: int

    @classmethod
    def of(cls, subnet: ipaddress._BaseNetwork, ip_range: Optional[ipaddress._BaseNetwork]) -> "RangeSlots":
        base, last = int(subnet.network_address), int(subnet.broadcast_address)
        if ip_range is None:
            return cls(base, last)
        host = subnet.num_addresses - 1
        lo = base + (int(ip_range.network_address) & host)
        hi = base + (int(ip_range.broadcast_address) & host)
        if ip_range.prefixlen <= subnet.prefixlen:   # bigger than its subnet: the whole subnet
            return cls(base, last)
        return cls(lo, hi)

    @property
    def size(self) -> int:
        return self.hi - self.lo + 1


class AddressSpace:
    """One family's local address space on one daemon."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.masters: dict[ipaddress._BaseNetwork, Pool] = {}
        self.keys: set[tuple] = set()
        self._starts: list[int] = []          # sorted first addresses of the masters
        self._blocks: set[tuple] = set()      # (first address, prefix length) of the masters

    def overlaps(self, subnet) -> bool:
        """Two CIDR blocks overlap only if one contains the other: look for a master that is a
        supernet of `subnet` (one lookup per shorter prefix) or starts inside it (bisect)."""
        bits, lo = subnet.max_prefixlen, int(subnet.network_address)
        for plen in range(subnet.prefixlen, -1, -1):
            if (lo >> (bits - plen) << (bits - plen), plen) in self._blocks:
                return True
        hi = lo + (1 << (bits - subnet.prefixlen)) - 1
        i = bisect.bisect_left(self._starts, lo)
        return i < len(self._starts) and self._starts[i] <= hi

    def request(self, subnet, range_key: Optional[str]) -> tuple[Optional[Pool], bool]:
        """(pool, new) for a subnet and optional ip-range, or (None, False) when Docker answers
        'Pool overlaps with other one on this address space'."""
        key = (subnet, range_key or "")
        if key in self.keys:
            return None, False
        if range_key is None:
            if self.overlaps(subnet):
                return None, False
            return Pool(subnet, self.profile), True
        # With an ip-range the overlap check is skipped; an existing equal subnet is shared.
        if subnet in self.masters:
            return self.masters[subnet], False
        return Pool(subnet, self.profile), True

    def add(self, pool: Pool, range_key: Optional[str]) -> Pool:
        """Record a created network's pool; a shared subnet keeps one master and its taken set."""
        if pool.subnet not in self.masters:
            bisect.insort(self._starts, pool.base)
            self._blocks.add((pool.base, pool.subnet.prefixlen))
        master = self.masters.setdefault(pool.subnet, pool)
        if master is not pool:
            master.taken.update(pool.taken)
        self.keys.add((pool.subnet, range_key or ""))
        return master

    def default_pool(self) -> Optional[ipaddress.IPv4Network]:
        """The pool Docker picks when no --subnet is given: the first default not in use."""
        for net in DEFAULT_V4_POOLS:
            if not self.overlaps(net):
                return net
        return None
