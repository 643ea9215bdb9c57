"""Docker's default IPAM, simulated: address spaces, pools shared by subnet, reserved addresses.

Addresses are integers; a pool remembers only the few addresses given out explicitly
(gateways, aux-addresses), so a /64 costs what a /24 costs.  Network and broadcast addresses
are implicit, as in Docker's bitmap (they are set when the pool is created).
"""
from __future__ import annotations

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

    @property
    def base(self) -> int:
        return int(self.subnet.network_address)

    @property
    def slots(self) -> int:
        """How many addresses Docker's allocator can address in this subnet."""
        n = self.subnet.num_addresses
        if self.subnet.version == 6 and self.profile.bitmap_caps_ipv6:
            n = min(n, 2**64 - 1)
        return n

    def implicit(self) -> dict[int, str]:
        """Addresses reserved when the pool is created: network and broadcast (IPv4), the
        subnet-router anycast address (IPv6)."""
        base, last = self.base, self.base + self.subnet.num_addresses - 1
        if self.subnet.version == 6:
            return {base: "network"}
        if self.subnet.prefixlen >= 31 and self.profile.usable_slash31:
            return {}
        return {base: "network", last: "broadcast"}

    def is_free(self, addr: int) -> bool:
        return addr not in self.taken and addr not in self.implicit() and addr - self.base < self.slots

    def first_free(self, lo: int, hi: int) -> Optional[int]:
        """Lowest free address in [lo, hi] (Docker's allocator picks the lowest)."""
        hi = min(hi, self.base + self.slots - 1)
        blocked = sorted(set(self.taken) | set(self.implicit()))
        addr = lo
        for b in blocked:
            if b < addr:
                continue
            if b > addr:
                break
            addr += 1
        return addr if addr <= hi else None


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

    def overlaps(self, subnet) -> bool:
        return any(subnet.overlaps(m) for m in self.masters)

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
