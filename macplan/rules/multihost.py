"""Rules across hosts: what goes wrong when several Docker hosts share one L2 segment.

Each daemon checks only itself, so nothing stops two hosts from handing out the same IP (their
copies of a range overlap) or putting the same MAC on the wire (IP-derived MACs of overlapping
ranges up to engine 27, or interfaces cloned with the same MAC). `cross_host` runs every rule
here once per plan; `rules.check` calls it as `_cross_host`.
"""
from __future__ import annotations

import ipaddress
from typing import Iterable, NamedTuple, Optional, Protocol, Sequence, Union

from macplan.docker.cli import ipam_groups
from macplan.docker.daemon import Created
from macplan.model import LAN_DRIVERS, Network, Plan
from macplan.profile import Profile
from macplan.rules.catalog import RULES, Finding, declare

__all__ = ["cross_host", "overlapping_ranges", "duplicate_macs", "claims"]


#: (VLAN id or None, has a parent)
Segment = tuple[Optional[int], bool]


class Result(Protocol):
    """What these rules read of a network's outcome (macplan.report.NetworkResult)."""
    @property
    def name(self) -> str: ...
    @property
    def host(self) -> str: ...
    @property
    def created(self) -> Optional[Created]: ...


class Claim(NamedTuple):
    """A range one host allocates from (see `claims`)."""
    host: str
    network: str
    segment: Segment
    family: int
    lo: int
    hi: int
    subnet: Union[ipaddress.IPv4Network, ipaddress.IPv6Network]
    seq: int
    driver: str


def _segment(net: Network) -> Segment:
    """Which L2 segment a network's containers are on, as far as a plan can tell: its VLAN id
    (None: untagged), and whether it has a parent at all (no parent: an isolated dummy link)."""
    return (net.vlan, net.base_interface is not None)


def claims(plan: Plan, results: Iterable[Result]) -> list[Claim]:
    """(host, network, segment, family, lo, hi, subnet, seq, driver) for every range a host
    allocates from, in plan order (seq).

    Config-only networks allocate nothing on their own node, but each is what a swarm node
    allocates from once a --config-from network lands there, so their ranges count too (with
    the driver of the network created from them)."""
    users = {n.config_from: n.driver for n in plan.networks if n.config_from}
    out: list[Claim] = []
    for res in results:
        c = res.created
        if c is None:
            continue
        n = c.network
        if n.config_only:
            for g in ipam_groups(n) or ():
                try:
                    subnet = ipaddress.ip_network(g.subnet, strict=False)
                    rng = ipaddress.ip_network(g.ip_range, strict=False) if g.ip_range else subnet
                except ValueError:
                    continue
                out.append(Claim(res.host, res.name, _segment(n), subnet.version, int(rng.network_address),
                                 int(rng.broadcast_address), subnet, len(out), users.get(n.name, n.driver)))
            continue
        if n.driver not in LAN_DRIVERS:
            continue
        for a in c.allocations:
            if a.default:
                continue
            pool_subnet = a.pool.subnet     # typed as ipaddress' private base class in docker.ipam
            assert isinstance(pool_subnet, (ipaddress.IPv4Network, ipaddress.IPv6Network))
            out.append(Claim(res.host, res.name, _segment(n), a.family, a.slots.lo, a.slots.hi, pool_subnet,
                             len(out), n.driver))
    return out


def _overlaps(items: Iterable[Claim]) -> list[tuple[Claim, Claim]]:
    """Pairs of claims from different hosts whose ranges overlap on one segment: a sweep over
    ranges sorted by start, n log n plus the pairs found."""
    by_key: dict[tuple[Segment, int], list[Claim]] = {}
    for item in items:
        by_key.setdefault((item[2], item[3]), []).append(item)
    pairs: list[tuple[Claim, Claim]] = []
    for group in by_key.values():
        group.sort(key=lambda x: (x[4], x[5]))
        active: list[Claim] = []
        for item in group:
            active = [o for o in active if o[5] >= item[4]]
            for o in active:
                if o[0] != item[0]:
                    pairs.append((o, item) if o[7] < item[7] else (item, o))
            active.append(item)
    return sorted(pairs, key=lambda p: (p[1][7], p[0][7]))


def overlapping_ranges(plan: Plan, profile: Profile, results: Sequence[Result],
                       claimed: Optional[list[Claim]] = None) -> list[Finding]:
    """The same subnet on several hosts of one L2 segment: each daemon allocates from its own
    copy of the range, so overlapping ranges hand out duplicate IPs (and, up to engine 27,
    duplicate MACs, since the MAC is derived from the IPv4 address)."""
    rule = RULES["shared-range-hosts"]
    out: list[Finding] = []
    for earlier, later in _overlaps(claims(plan, results) if claimed is None else claimed):
        host, name, subnet = later[0], later[1], later[6]
        macs = " and duplicate MACs" if (not profile.random_macs and later[3] == 4
                                         and later[8] == "macvlan") else ""
        out.append(rule.finding(
            f"{name} on {host} and {earlier[1]} on {earlier[0]} allocate from overlapping ranges "
            f"of {subnet}: Docker hosts do not coordinate, so expect duplicate IPs{macs}; "
            f"give each host its own --ip-range."))
    return out


def duplicate_macs(plan: Plan, profile: Profile, results: Sequence[Result],
                   claimed: Optional[list[Claim]] = None) -> list[Finding]:
    """The same MAC address on one VLAN from two hosts: switches flap the entry between ports
    and ARP caches point at the wrong host. Up to engine 27 a macvlan container's MAC is
    02:42 plus its IPv4 address, so ranges of *different* subnets that overlap on one VLAN (a
    /23 on one host, a /24 on another) give containers on both hosts the same MACs; and
    interfaces declared with the same MAC (cloned VMs) put it there for the hosts and for every
    ipvlan container, which uses its parent's MAC."""
    rule = RULES["duplicate-mac-hosts"]
    out: list[Finding] = []
    if not profile.random_macs:
        for earlier, later in _overlaps([c for c in (claims(plan, results) if claimed is None else claimed)
                                         if c[3] == 4]):
            if earlier[6] == later[6]:
                continue        # the same subnet: shared-range-hosts already says so
            if earlier[8] != "macvlan" or later[8] != "macvlan":
                continue
            count = min(earlier[5], later[5]) - max(earlier[4], later[4]) + 1
            first = ipaddress.IPv4Address(max(earlier[4], later[4]))
            from macplan.macs import predict_mac
            out.append(rule.finding(
                f"{later[1]} on {later[0]} ({later[6]}) and {earlier[1]} on {earlier[0]} ({earlier[6]}) share "
                f"{count} addresses on one VLAN; engine {profile.line} derives MACs from them "
                f"(from {predict_mac(str(first), profile.line)}), so up to {count} MAC addresses appear from both "
                f"hosts; give each host its own --ip-range."))
    seen: dict[tuple[str, Optional[int]], tuple[str, str, str]] = {}
    for res in results:
        c = res.created
        if c is None or c.network.driver not in LAN_DRIVERS or not c.network.base_interface:
            continue
        iface = plan.host(res.host).interface(c.network.base_interface)
        mac = (iface.mac or "").lower() if iface else ""
        if not mac:
            continue
        key = (mac, c.network.vlan)
        other = seen.get(key)
        if other is None:
            seen[key] = (res.host, c.network.base_interface, res.name)
        elif other[0] != res.host:
            vlan = f"VLAN {c.network.vlan}" if c.network.vlan is not None else "the untagged LAN"
            out.append(rule.finding(
                f"{res.host} {c.network.base_interface} and {other[0]} {other[1]} both have MAC {mac} on {vlan} "
                f"({res.name}, {other[2]}): the switch will flap it between ports; give each host its own MAC."))
            seen[key] = (res.host, c.network.base_interface, res.name)
    return out


def _several_hosts(results: Iterable[Result]) -> bool:
    """Whether networks were created on more than one host: the answer comes at the first
    network of a second host."""
    first: Optional[str] = None
    for r in results:
        if r.created is not None:
            if first is None:
                first = r.host
            elif r.host != first:
                return True
    return False


def cross_host(plan: Plan, profile: Profile, results: Sequence[Result]) -> list[Finding]:
    """Every rule across hosts, in a stable order."""
    if not _several_hosts(results):
        return []           # one host: nothing to coordinate (every rule here pairs two hosts)
    claimed = claims(plan, results)
    return overlapping_ranges(plan, profile, results, claimed) + duplicate_macs(plan, profile, results, claimed)


declare(
    "shared-range-hosts", "warning", "lan", "Give each host its own --ip-range of the shared subnet.",
    (overlapping_ranges.__doc__ or "").strip())
declare(
    "duplicate-mac-hosts", "warning", "mac", "Give each host its own --ip-range, and each interface its own MAC.",
    (duplicate_macs.__doc__ or "").strip())
