"""Docker's default IPAM, simulated: address spaces, pools shared by subnet, reserved addresses.

Addresses are integers; a pool remembers only the few addresses given out explicitly
(gateways, aux-addresses), so a /64 costs what a /24 costs.  Network and broadcast addresses
are implicit, as in Docker's bitmap (they are set when the pool is created).
"""
from __future__ import annotations

import bisect
import ipaddress
from functools import lru_cache
from typing import Iterable, NamedTuple, Optional, TypeAlias, Union

from macplan.docker.goparse import Block, host_mask
from macplan.profile import Profile

__all__ = ["Pool", "AddressSpace", "RangeSlots", "DEFAULT_V4_BASES", "DEFAULT_V4_POOLS", "Subnet"]

#: a subnet of either family, as ipaddress.ip_network returns it
Subnet: TypeAlias = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]


#: ipamutils' local-scope defaults: (base, the size it is split into), in Docker's order
#: (ipamutils/utils.go localScopeDefaultNetworks, the same list @v20.10.24 and @docker-v29.7.2)
DEFAULT_V4_BASES: list[tuple[ipaddress.IPv4Network, int]] = [
    (ipaddress.IPv4Network("172.17.0.0/16"), 16), (ipaddress.IPv4Network("172.18.0.0/16"), 16),
    (ipaddress.IPv4Network("172.19.0.0/16"), 16), (ipaddress.IPv4Network("172.20.0.0/14"), 16),
    (ipaddress.IPv4Network("172.24.0.0/14"), 16), (ipaddress.IPv4Network("172.28.0.0/14"), 16),
    (ipaddress.IPv4Network("192.168.0.0/16"), 20)]

#: the pools a network without --subnet gets, in the order Docker tries them
DEFAULT_V4_POOLS = [Block.of(pool) for base, size in DEFAULT_V4_BASES for pool in base.subnets(new_prefix=size)]


@lru_cache(maxsize=None)
def _implicit(v6: bool, size: int, usable_slash31: bool) -> tuple[tuple[tuple[int, str], ...], frozenset[int]]:
    """What Docker reserves when it creates a pool of `size` addresses, as offsets from its
    first address, and those offsets as a set: network and broadcast (IPv4), the subnet-router
    anycast address (IPv6: bit 0, Set(0)); nothing in an IPv4 /31 or /32 from engine 23.  The
    same few answers for every pool, so shared rather than built per pool."""
    if v6:
        reserved: tuple[tuple[int, str], ...] = ((0, "network"),)
    elif size <= 2 and usable_slash31:
        reserved = ()
    else:
        reserved = ((0, "network"), (size - 1, "broadcast"))
    return reserved, frozenset([offset for offset, _ in reserved])


class Pool:
    """A master pool: one subnet in an address space, possibly shared by several networks.
    Kept as numbers (its Block); `subnet` builds the ipaddress network when asked for."""

    def __init__(self, subnet: Union[Subnet, Block], profile: Profile, taken: Optional[dict[int, str]] = None):
        block = subnet if isinstance(subnet, Block) else Block.of(subnet)
        self.block = block
        self.profile = profile
        self.taken: dict[int, str] = {} if taken is None else taken      # address int -> what took it
        self._subnet: Optional[Subnet] = None if isinstance(subnet, Block) else subnet
        v6 = block.family == 6
        self.v6: bool = v6
        self.base: int = block.first
        self.prefixlen: int = block.prefixlen
        self.size: int = 1 << ((128 if v6 else 32) - self.prefixlen)
        #: how many addresses Docker's allocator can address in this subnet
        self.slots: int = min(self.size, 2**64 - 1) if v6 and profile.bitmap_caps_ipv6 else self.size
        self._reserved, bits = _implicit(v6, self.size, profile.usable_slash31)
        # a bit is the host part (IPv4, and IPv6 from 28): no ordinal to compute per address
        self._exact: bool = not v6 or profile.ipv6_bits_exact
        #: the implicit addresses' bits, which every question about used bits starts from
        self._implicit_bits = bits if self._exact else frozenset([self.ordinal(a) for a in self.implicit()])

    @property
    def subnet(self) -> Subnet:
        if self._subnet is None:
            self._subnet = self.block.network
        return self._subnet

    def copy(self) -> "Pool":
        """The same pool with its own record of taken addresses (a create works on one)."""
        return Pool(self.block, self.profile, dict(self.taken))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pool) and (self.block, self.profile, self.taken) == (other.block, other.profile,
                                                                                       other.taken)

    __hash__ = None  # type: ignore[assignment]   # mutable, like the dataclass it was

    def __repr__(self) -> str:
        return f"Pool({self.block}, taken={self.taken!r})"

    def implicit(self) -> dict[int, str]:
        """Addresses reserved when the pool is created -> "network" or "broadcast"."""
        base = self.base
        return {base + offset: kind for offset, kind in self._reserved}

    # Docker's allocator indexes a subnet by ordinal, a bit number computed from the host
    # part; up to engine 27 that number is not always the host part itself (see
    # Profile.host_ordinal), so addresses can alias each other and ranges can turn inside out.
    def ordinal(self, addr: int) -> int:
        if self._exact:
            return addr - self.base
        return self.profile.host_ordinal(addr - self.base, True)

    def _used(self) -> frozenset[int]:
        """The bits in use: the implicit ones and those of the addresses taken."""
        if not self.taken:
            return self._implicit_bits
        if self._exact:
            base = self.base
            return self._implicit_bits.union([a - base for a in self.taken])
        return self._implicit_bits.union([self.ordinal(a) for a in self.taken])

    def free_count(self) -> int:
        return self.slots - len(self._used())

    def request(self, addr: int) -> Optional[str]:
        """Why Docker refuses to reserve `addr`, or None.  Up to 27 a full pool answers "No
        available addresses on this pool" before anything else (getAddress checks
        Unselected() first); from 28 the asked bit is simply taken or not."""
        used = self._used()
        if self.profile.full_pool_refused_first and self.slots - len(used) <= 0:
            return self.profile.no_addresses_text
        ordinal = self.ordinal(addr)
        if ordinal >= self.slots:
            return "bit does not belong to the sequence"
        if ordinal in used:
            return "Address already in use"
        return None

    def is_free(self, addr: int) -> bool:
        return self.request(addr) is None

    def window(self, slots: "RangeSlots") -> tuple[int, int]:
        """The bits [start, end] Docker searches for an address: the whole bitmap, or the
        ip-range's bits as the engine computes them (Profile.range_ordinals)."""
        if not slots.ranged:
            return 0, self.slots - 1
        return self.profile.range_ordinals(slots.lo - self.base, slots.size, self.v6)

    def first_free(self, start: int, end: int) -> Optional[int]:
        """Lowest free bit in [start, end] (Docker's allocator picks the lowest), or None."""
        end = min(end, self.slots - 1)
        used = self._used()
        bit = start
        while bit in used:          # a pool holds few used bits: a short walk
            bit += 1
        return bit if bit <= end else None

    def pick(self, slots: "RangeSlots") -> tuple[Optional[int], Optional[str]]:
        """(address, None) for the address Docker hands out next from `slots`, or (None, why)."""
        used = self._used()
        if self.profile.full_pool_refused_first and self.slots - len(used) <= 0:
            return None, self.profile.no_addresses_text
        start, end = self.window(slots)
        if end < start or end >= self.slots:
            return None, f"invalid bit range [{start}, {end}]"
        bit = self.first_free(start, end)
        if bit is None:
            return None, self.profile.no_addresses_text
        return self.base + bit, None


class RangeSlots(NamedTuple):
    """An ip-range as the allocator sees it: host-part bounds under the subnet's mask.  (A
    named tuple: one is made per network, and a frozen dataclass costs three times as much.)"""
    lo: int
    hi: int
    ranged: bool = False      # an --ip-range was given (Docker then searches the range's bits)

    @classmethod
    def of(cls, subnet: Block, ip_range: Optional[Block]) -> "RangeSlots":
        host = host_mask(subnet.family, subnet.prefixlen)
        base = subnet.first
        if ip_range is None:
            return cls(base, base + host)
        if ip_range.prefixlen <= subnet.prefixlen:   # bigger than its subnet: the whole subnet
            return cls(base, base + host, True)
        first = ip_range.first
        last = first + host_mask(ip_range.family, ip_range.prefixlen)
        return cls(base + (first & host), base + (last & host), True)

    @property
    def size(self) -> int:
        return self.hi - self.lo + 1


class AddressSpace:
    """One family's local address space on one daemon, its pools keyed by Block."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.masters: dict[Block, Pool] = {}
        self.keys: set[tuple[Block, str]] = set()    # (subnet, ip-range or "") of the pools
        self._starts: list[int] = []          # sorted first addresses of the masters
        self._blocks: set[tuple[int, int]] = set()    # (first address, prefix length) of the masters
        self._plens: dict[int, int] = {}      # prefix length -> how many masters have it
        self.cursor = 0                       # where the default-pool search starts (<=26)
        self._refs: dict[Block, int] = {}     # master subnet -> how many pool keys use it

    def overlaps(self, subnet: Block) -> bool:
        """Two CIDR blocks overlap only if one contains the other: look for a master that is a
        supernet of `subnet` (one lookup per shorter prefix) or starts inside it (bisect)."""
        bits = 32 if subnet.family == 4 else 128
        lo, own = subnet.first, subnet.prefixlen
        for plen in self._plens:              # only the lengths some master has
            if plen <= own and (lo >> (bits - plen) << (bits - plen), plen) in self._blocks:
                return True
        hi = lo + (1 << (bits - own)) - 1
        i = bisect.bisect_left(self._starts, lo)
        return i < len(self._starts) and self._starts[i] <= hi

    def request(self, subnet: Block, range_key: Optional[str]) -> tuple[Optional[Pool], bool]:
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
        block = pool.block
        if block not in self.masters:
            bisect.insort(self._starts, pool.base)
            self._blocks.add((pool.base, pool.prefixlen))
            self._plens[pool.prefixlen] = self._plens.get(pool.prefixlen, 0) + 1
        master = self.masters.setdefault(block, pool)
        if master is not pool:
            master.taken.update(pool.taken)
        key = (block, range_key or "")
        if key not in self.keys:
            self.keys.add(key)
            self._refs[block] = self._refs.get(block, 0) + 1
        return master

    def release(self, pool: Pool, range_key: Optional[str], addresses: Iterable[Optional[int]] = ()) -> None:
        """`docker network rm`: ipamReleaseVersion gives back the network's gateway and aux
        addresses, then its pool key; the master subnet (and its bitmap) goes with the last key
        that uses it (updatePoolDBOnRemoval's refcount; v29 releaseSubnet/autoRelease).  The
        default-pool cursor stays where it is (lab, 20.10: after `rm` of the network holding
        172.20.0.0/16 the next default was still 172.24.0.0/16)."""
        block = pool.block
        master = self.masters.get(block)
        if master is None:
            return
        for addr in addresses:
            if addr is not None:
                master.taken.pop(addr, None)
        key = (block, range_key or "")
        if key not in self.keys:
            return
        self.keys.discard(key)
        self._refs[block] -= 1
        if self._refs[block] > 0:
            return
        del self._refs[block], self.masters[block]
        self._starts.pop(bisect.bisect_left(self._starts, master.base))
        self._blocks.discard((master.base, master.prefixlen))
        plen = master.prefixlen
        self._plens[plen] -= 1
        if not self._plens[plen]:
            del self._plens[plen]

    def default_pool(self) -> Optional[Block]:
        """The pool Docker picks when no --subnet is given: the first default not in use, from
        the start (v27+) or after the last one handed out (<=26, even if that create failed:
        the cursor moves when the pool is picked, lab-verified on 20.10.24)."""
        n, start = len(DEFAULT_V4_POOLS), (self.cursor if self.profile.rotates_default_pools else 0)
        for i in range(n):
            net = DEFAULT_V4_POOLS[(start + i) % n]
            if not self.overlaps(net):
                if self.profile.rotates_default_pools:
                    self.cursor = (start + i + 1) % n
                return net
        return None

    def sized_default_pool(self, size: int) -> Optional[Block]:
        """v29: `--subnet 0.0.0.0/size` asks for a default pool of that size: the first block of
        it in the bases no bigger than it that no pool overlaps (allocatePredefinedPool with a
        prefixSize, ipams/defaultipam/address_space.go @docker-v29.7.2).  None when every such
        block is taken; the caller refuses a size no base can give (no base at most that big)."""
        for base, _ in DEFAULT_V4_BASES:
            if base.prefixlen > size:
                continue
            for net in base.subnets(new_prefix=size):
                block = Block.of(net)
                if not self.overlaps(block):
                    return block
        return None
