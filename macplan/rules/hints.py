"""Warnings and notes: what Docker accepts but will hurt.  One function per rule; each gets a
`Context` and returns a one-sentence message (or None)."""
from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Callable, NamedTuple, Optional, TypeVar, cast

from macplan.docker.daemon import Created, Daemon
from macplan.docker.goparse import Iface, host_mask, parse_prefix, prefix_ints
from macplan.model import LAN_DRIVERS, Network, Plan
from macplan.pools import NetworkCapacity
from macplan.rules.catalog import RULES, Check, Finding, rule

KNOWN_OPTIONS = {
    "macvlan": ("parent", "macvlan_mode"),
    "ipvlan": ("parent", "ipvlan_mode", "ipvlan_flag"),
}
DAEMON_OPTIONS = ("com.docker.network.enable_ipv4", "com.docker.network.enable_ipv6")
#: every -o key a driver's network reads: its own and the daemon's (joined once, not per network)
_READ_OPTIONS = {driver: keys + DAEMON_OPTIONS for driver, keys in KNOWN_OPTIONS.items()}


class Kind(NamedTuple):
    """What decides whether some rules can apply to a network at all: most networks have no
    static endpoints, no swarm scope, no --config-from, and the rules about those have nothing
    to say about them (see `only_for`)."""
    driver: str
    endpoints: bool         # static endpoints (containers' --ip / --mac-address)
    swarm: bool             # --scope swarm
    config_from: bool       # --config-from
    expected: bool          # a count of expected containers
    ipv6: bool              # IPv6 is on
    dhcp: bool              # the plan lists DHCP scopes


#: a Kind's values as Context.kind holds them: a plain tuple, made once per network (a
#: NamedTuple's constructor costs several times as much), and equal to the Kind it stands for
KindTuple = tuple[str, bool, bool, bool, bool, bool, bool]


class Context:
    """What a warning rule sees: the plan, the simulated daemon, one created network."""
    __slots__ = ("plan", "engine", "created", "capacity", "net", "profile", "vlan_driver", "kind")

    def __init__(self, plan: Plan, engine: Daemon, created: Created, capacity: Optional[NetworkCapacity]):
        self.plan, self.engine, self.created, self.capacity = plan, engine, created, capacity
        net = self.net = created.network
        self.profile = engine.profile
        #: a macvlan/ipvlan network Docker instantiates on this host (not config-only, not swarm)
        self.vlan_driver = net.driver in LAN_DRIVERS and not net.config_only and net.scope != "swarm"
        #: which rules can apply (see Kind)
        self.kind: KindTuple = (net.driver, bool(net.endpoints), net.scope == "swarm", net.config_from is not None,
                                net.containers is not None, created.ipv6, bool(plan.dhcp))


_C = TypeVar("_C", bound=Check)
#: a rule's check -> what a network needs for it to apply: (Kind fields that must be true, driver)
_ONLY_FOR: dict[Check, tuple[tuple[str, ...], Optional[str]]] = {}


def only_for(*features: str, driver: Optional[str] = None) -> Callable[[_C], _C]:
    """Mark a rule as being about what few networks have: a network that lacks one of
    `features` (fields of Kind that must be true) or has another driver is not given to it.
    The rule still tests them itself, first; marking it saves the call for every network that
    lacks them (they are asked once per kind of network, not once per network)."""
    assert all(f in Kind._fields and f != "driver" for f in features), features

    def mark(check: _C) -> _C:
        _ONLY_FOR[check] = (features, driver)
        return check
    return mark


def applies(check: Check, kind: KindTuple) -> bool:
    """Whether a rule can say anything about a network of this kind (see `only_for`)."""
    need = _ONLY_FOR.get(check)
    if need is None:
        return True
    features, driver = need
    k = Kind._make(kind)
    return all(getattr(k, f) for f in features) and (driver is None or k.driver == driver)


@lru_cache(maxsize=1024)
def finding(rule_id: str, message: str) -> Finding:
    """`RULES[rule_id].finding(message)`, made once: a Finding is immutable, and most advice is
    the same sentence for every network it fits (engine 29's missing default route, 28's random
    MACs for thousands of VLANs)."""
    return RULES[rule_id].finding(message)


@rule("mixed-drivers-parent", "warning", "kernel",
      "Give macvlan and ipvlan networks different parents (or VLAN sub-interfaces).")
def mixed_drivers_parent(ctx: Context) -> Optional[str]:
    """Docker checks parent sharing per driver only, so a macvlan and an ipvlan network on one
    parent are both created; the kernel allows one rx_handler per device, and the second driver
    to start a container fails with `failed to create the ... port: device or resource busy`."""
    if not ctx.vlan_driver or not ctx.net.parent:
        return None
    for other in ctx.engine.by_parent.get(ctx.net.parent, ()):
        o = other.network
        if other is ctx.created or o.config_only or o.driver == ctx.net.driver:
            continue
        if o.driver in LAN_DRIVERS:
            return (f"{o.driver} network {o.name} already uses parent {ctx.net.parent}: containers of whichever "
                    f"driver starts second fail with 'device or resource busy'; give {ctx.net.name} another parent.")
    return None


@rule("ipv6-subnet-ignored", "warning", "daemon", "Add --ipv6 (ipv6: true) or drop the IPv6 subnet.")
def ipv6_subnet_ignored(ctx: Context) -> Optional[str]:
    """Without --ipv6 Docker silently ignores IPv6 subnets (v25.0.0-25.0.2 turned IPv6 on instead):
    containers get no IPv6 address and the IPv6 entries are not even validated."""
    if ctx.created.ipv6:
        return None
    # an IPv4-mapped subnet (::ffff:a.b.c.d/p) is filed with the IPv4 entries: it is used
    v6 = [s for s in ctx.net.subnets if ":" in s and not _ipv4_mapped(s)]
    if v6:
        return (f"IPv6 subnet {', '.join(v6)} is ignored because --ipv6 is not set: containers get no IPv6 "
                f"address; add --ipv6 to use it.")
    return None


def _ipv4_mapped(subnet: str) -> bool:
    i = parse_prefix(subnet)
    return isinstance(i, ipaddress.IPv6Interface) and i.ip.ipv4_mapped is not None


@rule("unknown-option", "warning", "driver", "Fix the -o key: only the driver's own keys are read.")
def unknown_option(ctx: Context) -> Optional[str]:
    """The macvlan driver reads only `parent` and `macvlan_mode`; ipvlan reads `parent`,
    `ipvlan_mode` and `ipvlan_flag`.  Any other key (a typo, `Parent`, an MTU option) is
    silently ignored; a mistyped parent leaves the network on an isolated dummy link."""
    if not ctx.vlan_driver:
        return None
    known = _READ_OPTIONS[ctx.net.driver]
    bad = []
    for key, _ in ctx.net.options:
        if key in known:
            continue
        if key == "com.docker.network.driver.mtu":
            bad.append(f"{key} (macvlan/ipvlan take the parent's MTU)")
            continue
        import difflib  # only for an unknown option: most checks never need it
        close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
        bad.append(f"{key} (did you mean {close[0]}?)" if close else key)
    if ctx.net.driver == "ipvlan" and not ctx.profile.reads_ipvlan_flag and "ipvlan_flag" in ctx.net.option_map:
        bad.append("ipvlan_flag (engine 20.10 ignores it)")
    if bad:
        return f"Docker ignores -o {'; '.join(bad)}{_from_config(ctx.net)}."
    return None


def _from_config(net: Network) -> str:
    """Where a --config-from network's options and IPAM were written: its config network."""
    return f" (set on its config network {net.config_from})" if net.config_from is not None else ""


@rule("no-parent", "warning", "driver", "Set -o parent=<interface> to reach the LAN.")
def no_parent(ctx: Context) -> Optional[str]:
    """With no parent, Docker creates a dummy link (dm-<id> or di-<id>): containers reach only
    each other on this host, never the LAN (and since 26.1 the network is treated as internal)."""
    if ctx.vlan_driver and not ctx.net.parent:
        return (f"{ctx.net.name} has no parent{_from_config(ctx.net)}: Docker puts it on an isolated dummy "
                f"link, so containers cannot reach the LAN; set -o parent=<interface>.")
    return None


@rule("auto-gateway-in-range", "warning", "ipam", "Pass --gateway with the LAN router's address.")
def auto_gateway(ctx: Context) -> Optional[str]:
    """Without --gateway, engines up to 28 reserve the first free address of the ip-range (or
    subnet) as the gateway and route containers through it: on a LAN that address is rarely
    the router."""
    if not ctx.vlan_driver:
        return None
    for a in ctx.created.allocations:
        if a.gateway is not None and not a.group.gateway and not a.default:
            where = "ip-range" if a.group.ip_range else "subnet"
            ip = ipaddress.ip_address(a.gateway) if a.family == 4 else ipaddress.IPv6Address(a.gateway)
            return (f"no --gateway for {a.group.subnet}: Docker takes {ip}, the first free address of the "
                    f"{where}, as the containers' router; pass --gateway with the LAN router's address.")
    return None


@rule("no-default-route", "warning", "ipam", "Pass --gateway if containers need to reach other networks.")
def no_default_route(ctx: Context) -> Optional[str]:
    """Engine 29 allocates no gateway unless --gateway is given: containers get no IPv4 default route."""
    if ctx.vlan_driver and ctx.profile.no_gateway_unless_given and not ctx.created.internal and ctx.net.parent:
        for a in ctx.created.allocations:
            if a.gateway is None and a.family == 4:
                return "engine 29 gives containers no default route without --gateway; pass the LAN router as --gateway."
    return None


@rule("gateway-in-range", "info", "ipam", "Keep the gateway outside the ip-range, or let it be.")
def gateway_in_range(ctx: Context) -> Optional[str]:
    """A --gateway or aux-address inside the ip-range takes an address from the containers' pool."""
    for a in ctx.created.allocations:
        if not a.group.ip_range:
            continue        # no ip-range: the pool is the whole subnet, nothing is taken from a range
        inside = [f"aux-address {n}" for n, addr in a.aux.items() if a.slots.lo <= addr <= a.slots.hi]
        if a.group.gateway and a.gateway is not None and a.slots.lo <= a.gateway <= a.slots.hi:
            inside.insert(0, "the gateway")
        if inside:
            what = " and ".join(inside)
            return f"{what} {'sit' if len(inside) > 1 else 'sits'} inside ip-range {a.group.ip_range}, " \
                   f"so the containers' pool has {len(inside)} fewer address{'es' if len(inside) > 1 else ''}."
    return None


@only_for("dhcp")
@rule("dhcp-overlap", "warning", "lan", "Move the ip-range outside the DHCP scope, or exclude it with aux-addresses.")
def dhcp_overlap(ctx: Context) -> Optional[str]:
    """Docker's IPAM never asks the LAN's DHCP server: containers get addresses DHCP clients may also get."""
    if not ctx.plan.dhcp:
        return None
    for a in ctx.created.allocations:
        lo, hi = a.slots.lo, a.slots.hi
        for d in ctx.plan.dhcp:
            try:
                f, l = int(ipaddress.ip_address(d.first)), int(ipaddress.ip_address(d.last))
            except ValueError:
                continue
            if ipaddress.ip_address(d.first).version == a.family and f <= hi and l >= lo:
                return (f"the containers' pool {a.group.ip_range or a.group.subnet} overlaps DHCP scope {d.name} "
                        f"({d.first}-{d.last}): the same address can go to a container and a DHCP client.")
    return None


@only_for(driver="macvlan")
@rule("promiscuous-parent", "warning", "lan", "Use ipvlan on Wi-Fi parents; allow promiscuous mode / forged transmits on VM NICs.")
def promiscuous_parent(ctx: Context) -> Optional[str]:
    """macvlan sends frames from MACs the parent does not own: Wi-Fi access points drop them, and
    hypervisors (VMware, Hyper-V, many clouds) drop them unless promiscuous mode and forged
    transmits (MAC spoofing) are allowed on the VM's NIC."""
    if ctx.net.driver != "macvlan" or not ctx.net.parent:
        return None
    iface = ctx.engine.host.interface(ctx.net.base_interface or "")
    if iface and iface.kind == "wifi":
        return f"{iface.name} is Wi-Fi: access points drop frames from macvlan's extra MACs; use ipvlan l2 instead."
    if iface and iface.kind == "vm":
        return (f"{iface.name} is a VM NIC: allow promiscuous mode and forged transmits on the hypervisor, "
                f"or use ipvlan.")
    return None


@only_for("expected")
@rule("over-capacity", "warning", "capacity", "Widen the ip-range or subnet, or spread containers over more networks.")
def over_capacity(ctx: Context) -> Optional[str]:
    """More containers are expected than the pool holds: the next `docker run` fails with
    `no available IPv4 addresses on this network's address pools`."""
    cap, expected = ctx.capacity, ctx.net.containers
    if expected is not None and cap is not None and expected > cap.containers and not ctx.net.config_only:
        return f"{expected} containers expected but the pool holds {cap.containers}; widen the ip-range or subnet."
    return None


@rule("no-subnet", "warning", "ipam", "Give --subnet (and --gateway) of the LAN the parent is on.")
def no_subnet(ctx: Context) -> Optional[str]:
    """Without --subnet Docker picks a default pool (172.17.0.0/16, ...) that has nothing to do with the LAN."""
    if not ctx.vlan_driver:
        return None
    for a in ctx.created.allocations:
        if not a.default:
            continue
        if a.group.subnet in ctx.net.subnets:       # written, unspecified: 0.0.0.0/n on engine 29
            return (f"--subnet {a.group.subnet} asks engine {ctx.profile.line} for a default pool: Docker picks "
                    f"{a.pool.subnet}, unrelated to the LAN on the parent.")
        return (f"no IPv4 --subnet{_from_config(ctx.net)}: Docker picks {a.pool.subnet} from its default pools, "
                f"unrelated to the LAN on the parent.")
    return None


@only_for("swarm")
@rule("swarm-without-config-from", "warning", "swarm",
      "Create a --config-only network on each node and the swarm network with --config-from.")
def swarm_without_config_from(ctx: Context) -> Optional[str]:
    """A swarm-scoped macvlan/ipvlan network without --config-from keeps neither its options nor
    its IPAM: every node gets a dummy parent and a default 172.x pool (moby#49583)."""
    n = ctx.net
    if n.scope == "swarm" and n.driver in LAN_DRIVERS and n.config_from is None:
        return (f"swarm-scoped {n.driver} without --config-from: nodes drop -o parent and the subnets "
                f"(moby#49583); use a --config-only network per node and --config-from.")
    return None


@only_for("config_from", driver="bridge")
@rule("config-from-bridge", "warning", "swarm", "Repeat -d macvlan (or ipvlan) with --config-from.")
def config_from_bridge(ctx: Context) -> Optional[str]:
    """--config-from takes the driver from its own -d, whose default is bridge."""
    if ctx.net.config_from is not None and ctx.net.driver == "bridge":
        return "--config-from without -d macvlan creates a bridge network; add -d macvlan."
    return None


@only_for(driver="macvlan")
@rule("passthru-single", "info", "kernel", "Use bridge mode for more than one container per parent.")
def passthru_single(ctx: Context) -> Optional[str]:
    """passthru mode gives the parent to one container; a second container on it fails to start."""
    if ctx.net.driver == "macvlan" and ctx.created.mode == "passthru":
        return "passthru mode: only one container can use this parent at a time."
    return None


@only_for(driver="macvlan")
@rule("random-macs", "info", "mac", "Pin --mac-address where DHCP reservations or port security need stable MACs.")
def random_macs(ctx: Context) -> Optional[str]:
    """From engine 28 each macvlan container start gets a new random MAC (before: 02:42 + IPv4)."""
    if ctx.net.driver == "macvlan" and ctx.profile.random_macs and ctx.net.parent:
        return "engine 28+ gives each container start a new random MAC; switches and DHCP will see churn."
    return None


@only_for("ipv6")
@rule("ipv6-random-ula", "info", "ipam", "Give an IPv6 --subnet from the LAN's prefix.")
def ipv6_random_ula(ctx: Context) -> Optional[str]:
    """--ipv6 without an IPv6 subnet: engine 27+ carves a random ULA /64, unrelated to the LAN."""
    if ctx.created.ipv6 and ctx.profile.ula_for_ipv6_without_subnet and not any(":" in s for s in ctx.net.subnets):
        return "--ipv6 without an IPv6 --subnet: Docker picks a random ULA /64 unrelated to the LAN."
    return None


@rule("range-not-in-subnet", "warning", "ipam", "Make the ip-range a CIDR inside its subnet.")
def range_not_in_subnet(ctx: Context) -> Optional[str]:
    """Up to engine 24 an ip-range bigger than its subnet, or with host bits, is accepted silently."""
    for g in ctx.created.allocations:
        if g.group.ip_range:
            rng = parse_prefix(g.group.ip_range)
            if rng is None:  # the daemon refuses what ParsePrefix cannot read: no allocation
                continue
            if rng.network.prefixlen <= g.pool.subnet.prefixlen:
                return f"ip-range {g.group.ip_range} is not smaller than subnet {g.pool.subnet}: the whole subnet is the pool."
            if rng.ip != rng.network.network_address:
                return f"ip-range {g.group.ip_range} has host bits set: Docker uses {rng.network}."
    return None


@rule("subnet-host-bits", "warning", "ipam", "Write the subnet's network address.")
def subnet_host_bits(ctx: Context) -> Optional[str]:
    """Up to engine 24 a subnet with host bits (10.0.0.5/24) is silently masked."""
    for s in ctx.net.subnets:
        parsed = prefix_ints(s)          # the daemon read it already: a cached answer
        if parsed is None:
            continue
        family, addr, plen = parsed
        if addr & host_mask(family, plen):
            return f"subnet {s} has host bits set: Docker uses {cast(Iface, parse_prefix(s)).network}."
    return None


@only_for(driver="ipvlan")
@rule("l3-gateway-unused", "info", "ipam", "Drop --gateway for ipvlan l3/l3s.")
def l3_gateway_unused(ctx: Context) -> Optional[str]:
    """ipvlan l3/l3s route via the interface: a --gateway is reserved but never used."""
    if ctx.net.driver == "ipvlan" and ctx.created.mode in ("l3", "l3s") and ctx.net.gateways:
        return "ipvlan l3 routes via the interface: --gateway is reserved but never used."
    return None


@rule("parent-name-unusual", "warning", "driver", "Use a name.vid parent with a VLAN id of 1-4094.")
def parent_name_unusual(ctx: Context) -> Optional[str]:
    """A parent with more than one dot, or a VLAN id outside 1-4094, only works if that interface
    already exists; Docker cannot create it."""
    parent = ctx.net.parent or ""
    if not ctx.vlan_driver or "." not in parent:
        return None
    vlan = ctx.net.vlan         # set for a name.vid parent with one dot
    if vlan is not None and 1 <= vlan <= 4094:
        return None
    parts = parent.split(".")
    if len(parts) > 2:
        return f"parent {parent} has more than one dot: Docker can use it only if it exists; it cannot create QinQ links."
    if parts[1].lstrip("+-").isdigit() and not 1 <= int(parts[1]) <= 4094:
        return f"parent {parent} names VLAN {int(parts[1])}, outside 1-4094."
    return None


@only_for("endpoints", driver="ipvlan")
@rule("ipvlan-custom-mac", "warning", "kernel", "Drop the MAC address: ipvlan containers use the parent's.")
def ipvlan_custom_mac(ctx: Context) -> Optional[str]:
    """ipvlan links share the parent's MAC: Docker refuses `--mac-address` when the container is
    created (`ipvlan interfaces do not support custom mac address assignment`)."""
    if ctx.net.driver == "ipvlan" and any(mac for _, mac in ctx.net.endpoints):
        return "ipvlan containers cannot have their own MAC: docker run fails with 'ipvlan interfaces do not " \
               "support custom mac address assignment'; drop mac:."
    return None


@only_for("endpoints")
@rule("endpoint-address", "warning", "ipam", "Give static endpoints free addresses inside a subnet of the network.")
def endpoint_address(ctx: Context) -> Optional[str]:
    """A container's `--ip` must lie in one of the network's subnets and must not be a reserved
    address (network, broadcast, gateway, aux) or another container's."""
    if not ctx.net.endpoints:
        return None
    seen: set[ipaddress.IPv4Address | ipaddress.IPv6Address] = set()
    for ip_text, _ in ctx.net.endpoints:
        if not ip_text:
            continue
        ip = ipaddress.ip_address(ip_text)
        owner = next((a for a in ctx.created.allocations if a.family == ip.version and ip in a.pool.subnet), None)
        if owner is None:
            return (f"endpoint {ip}: docker run fails with 'Invalid address {ip}: It does not belong to any of "
                    f"this network's subnets'.")
        if not owner.pool.is_free(int(ip)) or ip in seen:
            return f"endpoint {ip}: docker run fails with 'Address already in use'."
        seen.add(ip)
    return None


@only_for("endpoints")
@rule("duplicate-mac", "warning", "mac", "Give every pinned MAC address once.")
def duplicate_mac(ctx: Context) -> Optional[str]:
    """Two endpoints with one MAC on a parent: the kernel refuses the second (EADDRINUSE)."""
    if not ctx.net.endpoints:
        return None
    macs = [mac for _, mac in ctx.net.endpoints if mac]
    dup = sorted({m for m in macs if macs.count(m) > 1})
    if dup:
        return f"MAC {dup[0]} is pinned twice; the second container fails to start."
    return None


@only_for("swarm", "config_from")
@rule("swarm-node-without-config", "warning", "swarm",
      "Create the --config-only network on every node that may run the service's tasks.")
def swarm_node_without_config(ctx: Context) -> Optional[str]:
    """Each swarm node instantiates a --config-from network from its own config-only network of
    that name; a node without one rejects the task with `configuration network "X" does not exist`."""
    n = ctx.net
    if n.scope != "swarm" or n.config_from is None:
        return None
    having = {m.host for m in ctx.plan.networks if m.config_only and m.name == n.config_from}
    missing = [h.name for h in ctx.plan.hosts if h.swarm in ("manager", "worker") and h.name not in having]
    if missing:
        return (f"swarm node{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                f"{'have' if len(missing) > 1 else 'has'} no config-only network {n.config_from}: tasks placed "
                f"there are rejected with 'configuration network \"{n.config_from}\" does not exist'.")
    return None
