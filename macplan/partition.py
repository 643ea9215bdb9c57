"""Split one shared subnet among several Docker hosts: one aligned CIDR ip-range per host.

Docker hosts on one L2 segment do not coordinate IPAM: each allocates from its own copy of
the range, so overlapping ranges hand out duplicate IPs (moby/moby#49921). A `Partition` gives
every host its own `--ip-range`: aligned CIDR blocks that never overlap each other and stay
clear of the network and broadcast addresses, the gateway, aux-addresses (shims included) and
the LAN's DHCP scopes, leaving headroom for hosts added later.

Everything is integer interval arithmetic: a /48 split among 10,000 hosts costs what a /24
split among 3 costs, and no address is ever enumerated.

    p = split("10.50.0.0/24", ["node1", "node2", "node3"], gateway="10.50.0.1",
              dhcp=[("10.50.0.100", "10.50.0.199")])
    p.slice("node2").ip_range      # '10.50.0.32/27'
    p = p.add("node4")             # node1..3 keep their ranges
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Iterable, Mapping, Optional, Protocol, Sequence, TypedDict, Union

from macplan.docker.cli import ipam_groups
from macplan.errors import PartitionError
from macplan.model import Dhcp, Network, Plan

__all__ = ["PartitionError", "Slice", "Partition", "split", "split_plan", "SplitSpec", "occupied_from_plan"]

Size = Union[int, str]
_Net = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]


class SpanLike(Protocol):
    """A span to keep clear given as an object (`model.Dhcp`); a `name` attribute, if any, labels it."""
    @property
    def first(self) -> str: ...
    @property
    def last(self) -> str: ...


#: a DHCP scope or reserved span: an object with .first/.last, or (first, last[, label])
Span = Union[SpanLike, tuple[str, str], tuple[str, str, str]]


class SliceDict(TypedDict):
    host: str
    ip_range: str
    first: str
    last: str
    size: int
    capacity: int


class ReservedDict(TypedDict):
    first: str
    last: str
    what: str


class PartitionDict(TypedDict):
    subnet: str
    gateway: Optional[str]
    size: int
    usable: int
    assigned: int
    left: int
    slices: list[SliceDict]
    reserved: list[ReservedDict]
    notes: list[str]


class PartitionRow(TypedDict):
    host: str
    ip_range: str
    first: str
    last: str
    size: int
    containers: Optional[int]


class SplitKwargs(TypedDict, total=False):
    """`SplitSpec.kwargs()`: the keyword arguments of `split` a spec sets."""
    headroom: float
    size: Optional[Size]
    sizes: dict[str, Size]
    weights: dict[str, float]


def subnet_of(inner: _Net, outer: _Net) -> bool:
    """`inner.subnet_of(outer)`, False (not TypeError) across families."""
    if isinstance(inner, ipaddress.IPv4Network) and isinstance(outer, ipaddress.IPv4Network):
        return inner.subnet_of(outer)
    if isinstance(inner, ipaddress.IPv6Network) and isinstance(outer, ipaddress.IPv6Network):
        return inner.subnet_of(outer)
    return False


@dataclass(frozen=True)
class Slice:
    """One host's ip-range: `size` addresses, `capacity` of them for containers."""
    host: str
    ip_range: str
    first: str
    last: str
    size: int
    capacity: int

    @property
    def prefixlen(self) -> int:
        return int(self.ip_range.rsplit("/", 1)[1])

    def to_dict(self) -> SliceDict:
        return {"host": self.host, "ip_range": self.ip_range, "first": self.first, "last": self.last,
                "size": self.size, "capacity": self.capacity}


def _merge(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(a, b) for a, b in out]


def _covered(merged: list[tuple[int, int]]) -> int:
    return sum(hi - lo + 1 for lo, hi in merged)


@dataclass(frozen=True)
class Partition:
    """A subnet split among hosts. `reserved` are (first, last, label) spans no slice may touch."""
    subnet: str
    gateway: Optional[str]
    slices: tuple[Slice, ...]
    reserved: tuple[tuple[str, str, str], ...] = ()
    headroom: float = 0.25
    notes: tuple[str, ...] = ()
    _occupied: tuple[tuple[int, int], ...] = field(default=(), repr=False, compare=False)

    # -- reading --------------------------------------------------------------------------
    @property
    def network(self) -> _Net:
        return ipaddress.ip_network(self.subnet)

    @property
    def size(self) -> int:
        return self.network.num_addresses

    @property
    def usable(self) -> int:
        """Addresses of the subnet that no reservation (network, gateway, aux, DHCP) holds."""
        return self.size - _covered(_merge(self._occupied))

    @property
    def assigned(self) -> int:
        return sum(s.size for s in self.slices)

    @property
    def left(self) -> int:
        """Usable addresses no host has: what is left for growth."""
        return self.usable - self.assigned

    @property
    def hosts(self) -> tuple[str, ...]:
        return tuple(s.host for s in self.slices)

    def slice(self, host: str) -> Slice:
        for s in self.slices:
            if s.host == host:
                return s
        raise KeyError(host)

    def room(self, size: Optional[Size] = None) -> int:
        """How many more hosts with a block of `size` (default: the largest slice's) still fit."""
        net = self.network
        if size is None:
            if not self.slices:
                raise PartitionError("room() needs a size when no host has a slice yet")
            block = max(s.size for s in self.slices)
        else:
            block = _block(size, net)
        return _free_blocks(int(net.network_address), self.size, block, self._taken())

    def _taken(self) -> list[tuple[int, int]]:
        spans = list(self._occupied)
        for s in self.slices:
            n = ipaddress.ip_network(s.ip_range)
            spans.append((int(n.network_address), int(n.broadcast_address)))
        return _merge(spans)

    def add(self, host: str, size: Optional[Size] = None) -> "Partition":
        """This partition plus one host; every existing slice stays where it is. The new host
        gets `size` (a count of addresses, rounded up to a CIDR block, or "/27"), by default
        the size of the largest existing slice."""
        if host in self.hosts:
            raise PartitionError(f"host {host} already has a slice ({self.slice(host).ip_range})")
        net = self.network
        block = _block(size, net) if size is not None else max((s.size for s in self.slices), default=None)
        if block is None:
            raise PartitionError("add() needs a size for the first host")
        base = _place([block], int(net.network_address), self.size, self._taken(), [host], self.subnet)[0]
        return replace(self, slices=self.slices + (self._make(host, base, block),))

    def _make(self, host: str, base: int, block: int) -> Slice:
        return _slice(host, base, block, self.network.version, self.gateway is None)

    def to_dict(self) -> PartitionDict:
        return {"subnet": self.subnet, "gateway": self.gateway, "size": self.size, "usable": self.usable,
                "assigned": self.assigned, "left": self.left,
                "slices": [s.to_dict() for s in self.slices],
                "reserved": [{"first": f, "last": l, "what": w} for f, l, w in self.reserved],
                "notes": list(self.notes)}

    def rows(self) -> list[PartitionRow]:
        """One row per host, then one for what is left: for tables and frames."""
        rows: list[PartitionRow] = [{"host": s.host, "ip_range": s.ip_range, "first": s.first, "last": s.last, "size": s.size,
                 "containers": s.capacity} for s in self.slices]
        rows.append({"host": "(left for growth)", "ip_range": "", "first": "", "last": "", "size": self.left,
                     "containers": None})
        return rows


def _ip(version: int, value: int) -> str:
    return str(ipaddress.IPv4Address(value) if version == 4 else ipaddress.IPv6Address(value))


def _slice(host: str, base: int, block: int, version: int, no_gateway: bool) -> Slice:
    bits = (32 if version == 4 else 128) - (block.bit_length() - 1)
    # Without --gateway, engines that guess one take the first address of the range.
    capacity = block - 1 if no_gateway else block
    return Slice(host, f"{_ip(version, base)}/{bits}", _ip(version, base), _ip(version, base + block - 1),
                 block, capacity)


def _block(size: Size, net: _Net) -> int:
    """A size as a power-of-two block: "/27" or 27-as-prefix is a prefix, an int a count."""
    if isinstance(size, str):
        text = size.strip()
        if not text.startswith("/") or not text[1:].isdigit():
            raise PartitionError(f"size {size!r}: give a prefix like '/27' or a number of addresses")
        prefix = int(text[1:])
        if not net.prefixlen <= prefix <= net.max_prefixlen:
            raise PartitionError(f"size {size}: must be between /{net.prefixlen} and /{net.max_prefixlen}")
        return 1 << (net.max_prefixlen - prefix)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise PartitionError(f"size {size!r}: must be a whole number of addresses >= 1")
    block = 1 << (size - 1).bit_length()
    if block > net.num_addresses:
        raise PartitionError(f"size {size}: larger than {net}")
    return block


def _free_blocks(base: int, total: int, block: int, taken: list[tuple[int, int]]) -> int:
    """Aligned blocks of `block` addresses in [base, base+total) that touch nothing taken."""
    hit = _merge(((lo - base) // block, (hi - base) // block) for lo, hi in taken
                 if hi >= base and lo < base + total)
    return total // block - _covered(hit)


def _place(blocks: Sequence[int], base: int, total: int, taken: list[tuple[int, int]],
           hosts: Sequence[str], subnet: str) -> list[int]:
    """The lowest free aligned block for each request, largest first (so no small block splits
    a large hole); returns the base address per request, in request order."""
    order = sorted(range(len(blocks)), key=lambda i: (-blocks[i], i))
    out: list[int] = [0] * len(blocks)
    occupied = list(taken)
    i = 0
    while i < len(order):
        block = blocks[order[i]]
        same = [order[j] for j in range(i, len(order)) if blocks[order[j]] == block]
        merged = _merge(occupied)
        k = 0
        cand = base
        placed: list[tuple[int, int]] = []
        for req in same:
            while True:
                while k < len(merged) and merged[k][1] < cand:
                    k += 1
                if cand + block > base + total:
                    have = len(placed)
                    raise PartitionError(
                        f"no room in {subnet} for {hosts[req]}: a block of {block} addresses does not fit "
                        f"({have} of {len(same)} such blocks placed); use smaller sizes or less headroom")
                if k < len(merged) and merged[k][0] <= cand + block - 1:
                    nxt = merged[k][1] + 1
                    cand = ((nxt - base + block - 1) // block) * block + base
                    continue
                break
            out[req] = cand
            placed.append((cand, cand + block - 1))
            cand += block
        occupied = merged + placed
        i += len(same)
    return out


def _addr(text: str, version: int, what: str) -> int:
    try:
        a = ipaddress.ip_address(str(text).split("/")[0])
    except ValueError:
        raise PartitionError(f"{what}: {text!r} is not an IP address") from None
    if a.version != version:
        raise PartitionError(f"{what}: {text} is not an IPv{version} address")
    return int(a)


def split(subnet: str, hosts: Sequence[str], *, gateway: Optional[str] = None,
          aux: Union[Mapping[str, str], Iterable[tuple[str, str]]] = (),
          dhcp: Iterable[Span] = (), reserve: Iterable[Span] = (), headroom: float = 0.25,
          size: Optional[Size] = None, sizes: Optional[Mapping[str, Size]] = None,
          weights: Optional[Mapping[str, float]] = None,
          existing: Iterable[tuple[str, str]] = (), drop_conflicts: bool = False) -> Partition:
    """Split `subnet` among `hosts` (in order), one aligned CIDR ip-range each.

    Sizes: equal by default (the largest block that fits every host while `headroom`, a
    fraction of the usable addresses, stays unassigned); `size` for one size for all (a count
    rounded up to a CIDR block, or "/26"); `sizes` per host; `weights` per host (shares of
    what headroom leaves, each rounded down to a CIDR block).

    Kept clear: the network address (and IPv4 broadcast), `gateway`, every `aux` address,
    `dhcp` scopes and `reserve` spans (pairs first, last; or objects with .first/.last like
    `model.Dhcp`), and `existing` (host, ip_range) slices, which are kept as they are (with
    `drop_conflicts`, one that overlaps a reservation or an earlier one is placed anew)."""
    try:
        net = ipaddress.ip_network(subnet, strict=True)
    except ValueError as e:
        raise PartitionError(f"subnet {subnet!r}: {e}") from None
    v, base, total = net.version, int(net.network_address), net.num_addresses
    hosts = [str(h) for h in hosts]
    if len(set(hosts)) != len(hosts):
        raise PartitionError("each host may appear once")
    if not 0 <= headroom < 1:
        raise PartitionError("headroom must be a fraction in [0, 1)")
    if sum(x is not None for x in (size, sizes, weights)) > 1:
        raise PartitionError("give one of size, sizes or weights")

    reserved: list[tuple[int, int, str]] = [(base, base, "network")]
    if v == 4 and net.prefixlen < 31:
        reserved.append((base + total - 1, base + total - 1, "broadcast"))
    if gateway:
        g = _addr(gateway, v, "gateway")
        if g not in range(base, base + total):
            raise PartitionError(f"gateway {gateway} is outside {subnet}")
        reserved.append((g, g, "gateway"))
    for name, a in (aux.items() if isinstance(aux, Mapping) else aux):
        x = _addr(a, v, f"aux {name}")
        reserved.append((x, x, f"aux {name}"))
    for kind, given in (("dhcp", dhcp), ("reserved", reserve)):
        for n, d in enumerate(given):
            if isinstance(d, (tuple, list)):
                first, last = d[0], d[1]
                label = d[2] if len(d) > 2 else f"{kind}{n + 1}"
            else:
                # an object without a name, or with an empty one, is numbered like a pair
                first, last = d.first, d.last
                name = getattr(d, "name", None)
                label = str(name) if name else f"{kind}{n + 1}"
            try:
                fa, la = ipaddress.ip_address(first), ipaddress.ip_address(last)
            except ValueError:
                raise PartitionError(f"{kind} {first}-{last}: not IP addresses") from None
            if fa.version != v:
                continue        # a scope of the other family
            lo, hi = max(int(fa), base), min(int(la), base + total - 1)
            if lo <= hi:
                reserved.append((lo, hi, f"DHCP scope {label}" if kind == "dhcp" else label))
    occupied = _merge((lo, hi) for lo, hi, _ in reserved)

    kept: list[Slice] = []
    spans = list(occupied)
    for host, rng in existing:
        try:
            r = ipaddress.ip_network(rng, strict=True)
        except ValueError as e:
            raise PartitionError(f"existing range {rng!r} of {host}: {e}") from None
        lo, hi = int(r.network_address), int(r.broadcast_address)
        bad = not (r.version == v and subnet_of(r, net)) or any(a <= hi and lo <= b for a, b in spans) \
            or host in {s.host for s in kept}
        if bad and drop_conflicts:
            continue
        if not (r.version == v and subnet_of(r, net)):
            raise PartitionError(f"existing range {rng} of {host} is not inside {subnet}")
        if bad:
            raise PartitionError(f"existing range {rng} of {host} overlaps a reservation or another range")
        spans.append((lo, hi))
        kept.append(_slice(host, lo, r.num_addresses, v, gateway is None))
    new_hosts = [h for h in hosts if h not in {s.host for s in kept}]
    taken = _merge(spans)
    usable = total - _covered(occupied)
    budget = Fraction(usable) * (1 - Fraction(headroom).limit_denominator(10**6)) - sum(s.size for s in kept)

    if sizes is not None:
        missing = [h for h in new_hosts if h not in sizes]
        if missing:
            raise PartitionError(f"sizes: no size for {', '.join(missing)}")
        blocks = [_block(sizes[h], net) for h in new_hosts]
    elif size is not None:
        blocks = [_block(size, net)] * len(new_hosts)
    elif weights is not None:
        missing = [h for h in new_hosts if h not in weights]
        if missing or any(weights[h] <= 0 for h in new_hosts):
            raise PartitionError(f"weights: every host needs a weight > 0 ({', '.join(missing) or 'not > 0'})")
        whole = sum(Fraction(weights[h]).limit_denominator(10**6) for h in new_hosts)
        blocks = []
        for h in new_hosts:
            share = budget * Fraction(weights[h]).limit_denominator(10**6) / whole
            if share < 1:
                raise PartitionError(f"no room in {subnet} for {h}: its share is under one address")
            blocks.append(1 << (int(share).bit_length() - 1))
        blocks = _fit_down(blocks, base, total, taken, net)
    else:
        blocks = [_equal_block(len(new_hosts), budget, base, total, taken, subnet)] * len(new_hosts) \
            if new_hosts else []
    bases = _place(blocks, base, total, taken, new_hosts, subnet)
    placed = {h: _slice(h, b, blk, v, gateway is None) for h, b, blk in zip(new_hosts, bases, blocks)}
    by_host = {s.host: s for s in kept}
    by_host.update(placed)
    order = hosts + [s.host for s in kept if s.host not in hosts]
    notes: list[str] = []
    if gateway is None:
        notes.append("no gateway: engines that pick one take the first address of each host's range, so "
                     "every host would route through a different address; give --gateway")
    rows = tuple((_ip(v, lo), _ip(v, hi), what) for lo, hi, what in sorted(reserved))
    return Partition(str(net), gateway, tuple(by_host[h] for h in order), rows, headroom, tuple(notes),
                     tuple(occupied))


def _equal_block(n: int, budget: Fraction, base: int, total: int, taken: list[tuple[int, int]], subnet: str) -> int:
    """The largest power-of-two block such that n of them fit, clear of `taken`, within budget."""
    block = 1 << (total.bit_length() - 1)
    while block >= 1:
        if n * block <= budget and _free_blocks(base, total, block, taken) >= n:
            return block
        block >>= 1
    raise PartitionError(f"no room in {subnet} for {n} hosts with that headroom")


def _fit_down(blocks: list[int], base: int, total: int, taken: list[tuple[int, int]], net: _Net) -> list[int]:
    """Weighted shares rounded to blocks may not pack around the reservations: halve the
    largest until they do (deterministic, and only ever smaller)."""
    blocks = list(blocks)
    for _ in range(256):
        try:
            _place(blocks, base, total, taken, [""] * len(blocks), str(net))
            return blocks
        except PartitionError:
            big = max(range(len(blocks)), key=lambda i: (blocks[i], -i))
            if blocks[big] == 1:
                break
            blocks[big] >>= 1
    raise PartitionError(f"no room in {net} for these weights")


# ---- plans ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SplitSpec:
    """How a plan's shared subnet is split (the YAML `split:` key of a network):
    `split: equal`, or a mapping with one of `size`, `sizes`, `weights`, and `headroom`."""
    mode: str = "equal"
    size: Optional[Size] = None
    sizes: tuple[tuple[str, Size], ...] = ()
    weights: tuple[tuple[str, float], ...] = ()
    headroom: float = 0.25

    @classmethod
    def from_yaml(cls, value: object) -> "SplitSpec":
        """The `split:` value of a YAML network; ValueError names what is wrong."""
        if value in (None, True, "equal"):
            return cls()
        if not isinstance(value, Mapping):
            raise PartitionError("split: give 'equal' or a mapping with size, sizes or weights, and headroom")
        unknown = set(value) - {"size", "sizes", "weights", "headroom"}
        if unknown:
            raise PartitionError(f"split: unknown key {sorted(unknown)[0]!r} (known: size, sizes, weights, headroom)")
        given = [k for k in ("size", "sizes", "weights") if k in value]
        if len(given) > 1:
            raise PartitionError("split: give one of size, sizes or weights")
        headroom = value.get("headroom", 0.25)
        if isinstance(headroom, bool) or not isinstance(headroom, (int, float)) or not 0 <= headroom < 1:
            raise PartitionError("split: headroom must be a fraction in [0, 1)")
        mode = given[0] if given else "equal"
        spec = cls(mode=mode, headroom=float(headroom))
        if mode == "size":
            return replace(spec, size=value["size"])
        if mode in ("sizes", "weights"):
            items = value[mode]
            if not isinstance(items, Mapping):
                raise PartitionError(f"split: {mode} must map host names to values")
            pairs = tuple((str(k), v) for k, v in items.items())
            return replace(spec, sizes=pairs) if mode == "sizes" else replace(spec, weights=pairs)
        return spec

    def kwargs(self) -> SplitKwargs:
        out: SplitKwargs = {"headroom": self.headroom}
        if self.mode == "size":
            out["size"] = self.size
        elif self.mode == "sizes":
            out["sizes"] = dict(self.sizes)
        elif self.mode == "weights":
            out["weights"] = dict(self.weights)
        return out


def occupied_from_plan(plan: Plan, name: str, subnet: str) -> tuple[dict[str, str], list[Dhcp]]:
    """Aux-addresses (every host's copy of network `name`, shims included) and the plan's
    DHCP scopes that a split of `subnet` must stay clear of."""
    net = ipaddress.ip_network(subnet)
    aux: dict[str, str] = {}
    for n in plan.networks:
        if n.name != name:
            continue
        for k, a in n.aux:
            try:
                if ipaddress.ip_address(a) in net:
                    aux.setdefault(k, a)
            except ValueError:
                continue
    return aux, list(plan.dhcp)


def split_plan(plan: Plan, name: str, spec: Optional[SplitSpec] = None, hosts: Optional[Sequence[str]] = None,
               keep: bool = False) -> tuple[Plan, dict[str, Partition]]:
    """The plan with every host's copy of network `name` given its own slice of each of the
    network's subnets (as --ip-range). Returns (plan, {subnet: Partition}).

    `keep=True` keeps ranges already in the plan that fit (to add hosts without moving others);
    otherwise the split starts over from the subnet."""
    spec = spec or SplitSpec()
    copies = [n for n in plan.networks if n.name == name and (hosts is None or n.host in hosts)]
    if not copies:
        raise PartitionError(f"no network {name} in plan {plan.name}")
    first = copies[0]
    groups = ipam_groups(first)
    if not groups:
        raise PartitionError(f"network {name} has no subnet to split")
    order = [n.host for n in copies]
    parts: dict[str, Partition] = {}
    ranges: dict[str, list[str]] = {h: [] for h in order}
    for g in groups:
        aux, dhcp = occupied_from_plan(plan, name, g.subnet)
        sub = ipaddress.ip_network(g.subnet, strict=False)
        others: list[Span] = []          # ranges of other networks in this subnet: their hosts use them
        for n in plan.networks:
            if n.name == name:
                continue
            for r in n.ip_ranges:
                try:
                    rn = ipaddress.ip_network(r, strict=False)
                except ValueError:
                    continue
                if rn.version == sub.version and subnet_of(rn, sub):
                    others.append((str(rn.network_address), str(rn.broadcast_address), f"{n.name} on {n.host}"))
        existing: list[tuple[str, str]] = []
        if keep:
            for n in copies:
                for r in n.ip_ranges:
                    try:
                        if subnet_of(ipaddress.ip_network(r), ipaddress.ip_network(g.subnet)):
                            existing.append((n.host, r))
                    except (ValueError, TypeError):
                        continue
        p = split(g.subnet, order, gateway=g.gateway, aux=aux, dhcp=dhcp, reserve=others, existing=existing,
                  drop_conflicts=True, **spec.kwargs())
        parts[g.subnet] = p
        for s in p.slices:
            ranges[s.host].append(s.ip_range)
    out: list[Network] = []
    for n in plan.networks:
        if n.name == name and n.host in ranges:
            n = n.with_(ip_ranges=tuple(ranges[n.host]))
        out.append(n)
    return plan.with_(networks=tuple(out)), parts
