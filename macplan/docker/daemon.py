"""The daemon's side of `docker network create`, in Docker's order.

`Engine` is one simulated daemon (one host): the networks it has created, its address spaces
and the parents each driver uses.  `Engine.create` raises `Refusal` with Docker's text, or
records the network as created, exactly like the real daemon would.
"""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Optional, Protocol, cast

from macplan.docker.cli import Refusal, group_ipam, ipam_groups
from macplan.docker.goparse import (
    IP,
    Block,
    GoError,
    Iface,
    go_prefix,
    host_mask,
    parse_cidr,
    parse_cidr_block,
    parse_ip,
    parse_prefix,
    prefix_ints,
)
from macplan.docker.ipam import DEFAULT_V4_BASES, AddressSpace, Pool, RangeSlots
from macplan.model import LAN_DRIVERS, Host, IpamGroup, Network
from macplan.profile import Profile
from macplan.quoting import kernel_ifname_problem

__all__ = ["Daemon", "Created", "Allocation", "Container", "PREDEFINED", "DRIVERS"]

PREDEFINED = ("bridge", "host", "none", "default")
#: drivers a stock daemon has; macplan models macvlan and ipvlan fully, bridge's IPAM only.
DRIVERS = ("macvlan", "ipvlan", "bridge", "overlay", "null", "host")
MACVLAN_MODES = ("bridge", "private", "vepa", "passthru")
IFNAMSIZ = 15
ID = "<id>"


@dataclass
class Allocation:
    """One IPAM config entry as allocated: its pool, range bounds, gateway and aux addresses."""
    group: IpamGroup
    pool: Pool
    slots: RangeSlots
    gateway: Optional[int]
    aux: dict[str, int] = field(default_factory=dict)
    default: bool = False     # Docker picked the subnet (no --subnet given)
    range_key: Optional[str] = None

    @property
    def family(self) -> int:
        return self.pool.block.family


@dataclass
class Created:
    network: Network
    index: int
    allocations: list[Allocation]
    parent: str              # effective parent ("dm-<id>" for none)
    mode: str
    internal: bool
    ipv6: bool
    ipv4: bool


#: an IPAM entry as getIpamConfig files it: the CLI's group and its subnet (None: v29's unmapped
#: 0.0.0.0/n, "pick a default pool")
Entry = tuple[IpamGroup, Optional[Block]]
#: addresses an endpoint takes: family (4, 6) -> the address as an int
Taken = dict[int, int]
#: the Join hook a caller passes to start/connect: (the network joined, the MAC asked for)
JoinCheck = Callable[[Created, str], None]


_GO_INT = re.compile(r"[+-]?[0-9]+")


def _go_atoi(text: str) -> Optional[int]:
    if not _GO_INT.fullmatch(text):
        return None
    value = int(text)
    return value if -2**63 <= value < 2**63 else None


def _unmap(ip: Optional[IP]) -> Optional[IP]:
    """An IPv4-mapped address is an IPv4 one to the daemon (net.IP.To4 up to 23, Unmap later):
    never inside an IPv6 subnet, inside the IPv4 pool of a mapped subnet."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _unmapped_block(block: Block) -> Block:
    """The IPv4 block an IPv4-mapped range stands for (its ip-range inside a mapped subnet)."""
    plen = max(0, block.prefixlen - 96)
    return Block(4, block.first & 0xFFFFFFFF & ~host_mask(4, plen), plen)


def _join(errors: list[str]) -> str:
    body = errors[0] if len(errors) == 1 else "\n".join("* " + e for e in errors)
    return "invalid network config:\n" + body


def _prefix(text: str) -> Iface:
    """parse_prefix of a text prefix_ints already read: only printing an error needs it."""
    return cast(Iface, parse_prefix(text))


def _address_problem(text: str, subnet_text: str, family: int, first: int, host: int) -> Optional[str]:
    """ValidateIPAM's check of a gateway or aux address against its subnet (first address and
    host bits), or None."""
    ip = parse_ip(text)
    if ip is None:
        return "invalid address"
    if ip.version != family:
        return f"parent subnet is an IPv{family} block"
    if int(ip) & ~host != first:
        return f"parent subnet {go_prefix(_prefix(subnet_text))} doesn't contain this address"
    return None


class Daemon:
    """A simulated Docker daemon on one host."""

    def __init__(self, host: Host, profile: Profile):
        self.host, self.profile = host, profile
        self.networks: list[Created] = []
        self.spaces = {4: AddressSpace(profile), 6: AddressSpace(profile)}
        self._by_name: dict[str, Created] = {}
        self.by_parent: dict[str, list[Created]] = {}     # parent string -> networks on it

    def _record(self, created: Created) -> Created:
        self.networks.append(created)
        self._by_name.setdefault(created.network.name, created)
        if created.parent:
            self.by_parent.setdefault(created.parent, []).append(created)
        return created

    # -- queries ---------------------------------------------------------------------------
    def named(self, name: str) -> Optional[Created]:
        return self._by_name.get(name)

    def ipv6_enabled(self, net: Network) -> bool:
        if net.ipv6 is not None:
            return net.ipv6
        opt = net.option_map.get("com.docker.network.enable_ipv6")
        if opt is not None and self.profile.at_least(27):
            return opt.lower() in ("1", "t", "true")
        if self.profile.ipv6_subnet_enables_ipv6:
            return any(":" in s for s in net.subnets)
        return False

    def ipv4_enabled(self, net: Network) -> bool:
        if not self.profile.has_ipv4_flag:
            return True
        if net.ipv4 is not None:
            return net.ipv4
        opt = net.option_map.get("com.docker.network.enable_ipv4")
        return opt is None or opt.lower() in ("1", "t", "true")

    # -- the create path ------------------------------------------------------------------
    def create(self, net: Network, index: int) -> Created:
        p = self.profile
        groups = group_ipam(net, p)                                     # the CLI
        if net.name in PREDEFINED:
            # the daemon ends this text with a space; the docker client trims it
            raise Refusal("predefined-name", f"operation is not permitted on predefined {net.name} network")
        ipv6, ipv4 = self.ipv6_enabled(net), self.ipv4_enabled(net)
        # v25+ validates IPAM in the daemon before libnetwork looks for a clashing name;
        # up to 24 the daemon looked up the name first (CheckDuplicate)
        if p.validates_ipam_config:
            self._validate_ipam(groups, ipv6)
        if self.named(net.name):
            raise Refusal("duplicate-name", f"network with name {net.name} already exists")
        parsed = self._parse_subnets(groups)
        _check_name(net, p)          # libnetwork NewNetwork, before config-only/-from, driver and scope
        self._validate_configuration(net, ipv6, ipv4)
        if net.config_only:
            return self._config_only(net, index, ipv6, ipv4)
        driver = net.driver
        if driver not in DRIVERS:
            raise Refusal("unknown-driver", f'plugin "{driver}" not found')
        if net.ingress and driver != "overlay":
            # only overlay has global data scope (controller.go NewNetwork, every version)
            raise Refusal("ingress-local-scope", "Ingress network can only be global scope network")
        config_from = net.config_from         # None once applied (or when there is none)
        if config_from is not None and p.applies_config_before_swarm_checks:
            net, parsed, ipv6, ipv4 = self._config_from(net, config_from)
            config_from = None
        if net.scope == "swarm":
            if self.host.swarm == "inactive":
                raise Refusal("swarm-inactive", "cannot create a swarm scoped network when swarm is not active")
            if self.host.swarm == "worker":
                raise Refusal("swarm-worker", "Cannot create a multi-host network from a worker node. "
                                              "Please create the network from a manager node.")
            _check_swarm_name(net)   # the manager hands it to swarmkit, which validates the name
            # The manager only records the network; each node instantiates it from its own
            # config-only network when a task lands there (moby-rules S3, S5).
            return self._record(Created(net, index, [], "", self._mode(net), net.internal, ipv6, ipv4))
        mode = self._mode(net)
        early = driver in LAN_DRIVERS and p.parses_driver_options_early
        if early:
            self._driver_options(net, mode)
        if config_from is not None:
            # up to 28.0.0 the config network is applied after the driver is resolved, so the
            # driver meets its options only when it creates the network
            net, parsed, ipv6, ipv4 = self._config_from(net, config_from)
            mode, early = self._mode(net), False
        parent = net.parent or ""
        internal = net.internal or (driver in LAN_DRIVERS and not parent and p.no_parent_is_internal)
        null_ipam = not self._ipam_driver(net, parsed, ipv4, ipv6)
        allocations = [] if null_ipam else self._allocate(net, parsed, ipv4, ipv6, mode, internal, bool(parent))
        if driver in LAN_DRIVERS:
            self._empty_pool(allocations, null_ipam, ipv4, ipv6)
            if not early:
                self._driver_options(net, mode)
            eff_parent = parent or ("dm-" if driver == "macvlan" else "di-") + f"{ID}#{index}"
            self._parent_in_use(net, eff_parent, mode)
            self._make_link(net, eff_parent, bool(parent))
        else:
            eff_parent = ""
        if p.global_scope_needs_cluster_store and net.scope not in (None, "", "local", "swarm"):
            raise Refusal("scope-store", 'This node is not a swarm manager. Use "docker swarm init" or '
                                         '"docker swarm join" to connect this node to swarm and try again.')
        created = Created(net, index, allocations, eff_parent, mode, internal, ipv6, ipv4)
        for a in allocations:
            a.pool = self.spaces[a.family].add(a.pool, a.range_key)
        return self._record(created)

    def _mode(self, net: Network) -> str:
        if net.driver == "macvlan":
            return net.mode or "bridge"
        if net.driver == "ipvlan":
            return net.mode or "l2"
        return ""

    def _driver_options(self, net: Network, mode: str) -> None:
        p = self.profile
        if net.driver == "macvlan" and mode not in MACVLAN_MODES:
            raise Refusal("macvlan-mode",
                          f"requested macvlan mode '{mode}' is not valid, 'bridge' mode is the macvlan driver default")
        if net.driver == "ipvlan":
            if mode not in p.ipvlan_modes:
                raise Refusal("ipvlan-mode",
                              f"requested ipvlan mode '{mode}' is not valid, 'l2' mode is the ipvlan driver default")
            flag = net.option_map.get("ipvlan_flag")
            if p.reads_ipvlan_flag and flag not in (None, "", "bridge", "private", "vepa"):
                raise Refusal("ipvlan-flag",
                              f"requested ipvlan flag '{flag}' is not valid, 'bridge' is the ipvlan driver default")
        if net.parent == "lo":
            raise Refusal("loopback-parent", f"loopback interface is not a valid {net.driver} parent link")

    def _validate_ipam(self, groups: tuple[IpamGroup, ...], ipv6: bool) -> None:
        """v25+ api/types/network ValidateIPAM: every problem, joined.  Decided on integers
        (prefix_ints); the texts of a problem are printed from parse_prefix's objects."""
        errors: list[str] = []
        for g in groups:
            subnet = prefix_ints(g.subnet)
            if subnet is None:
                errors.append(f"invalid subnet {g.subnet}: invalid CIDR block notation")
                continue
            family, addr, plen = subnet
            fam = f"IPv{family}"
            if family == 6 and not ipv6:
                continue
            host = host_mask(family, plen)
            first = addr & ~host
            if addr != first:
                written = _prefix(g.subnet)
                errors.append(f"invalid subnet {go_prefix(written)}: it should be {go_prefix(written.network)}")
            if g.ip_range:
                rng = prefix_ints(g.ip_range)
                if rng is None:
                    errors.append(f"invalid ip-range {g.ip_range}: invalid CIDR block notation")
                elif rng[0] != family:
                    errors.append(f"invalid ip-range {g.ip_range}: parent subnet is an {fam} block")
                else:
                    _, rng_addr, rng_plen = rng
                    rng_host = host_mask(family, rng_plen)
                    if rng_plen < plen:
                        errors.append(f"invalid ip-range {g.ip_range}: CIDR block is bigger than its parent "
                                      f"subnet {go_prefix(_prefix(g.subnet))}")
                    if rng_addr & rng_host:
                        written = _prefix(g.ip_range)
                        errors.append(f"invalid ip-range {go_prefix(written)}: it should be {go_prefix(written.network)}")
                    rng_first = rng_addr & ~rng_host
                    if not (first <= rng_first + rng_host and rng_first <= first + host):     # CIDR blocks overlap
                        errors.append(f"invalid ip-range {g.ip_range}: parent subnet {go_prefix(_prefix(g.subnet))} "
                                      f"doesn't contain ip-range")
            for label, text in [("gateway " + g.gateway, g.gateway)] if g.gateway else []:
                problem = _address_problem(text, g.subnet, family, first, host)
                if problem:
                    errors.append(f"invalid {label}: {problem}")
            for name, text in g.aux:
                problem = _address_problem(text, g.subnet, family, first, host)
                if problem:
                    errors.append(f"invalid auxiliary address {name}: {problem}")
        if errors:
            raise Refusal("ipam-config-invalid", _join(errors))

    # -- config-only / config-from (libnetwork validateConfiguration, applyConfigurationTo) -----
    def _validate_configuration(self, net: Network, ipv6: bool, ipv4: bool) -> None:
        """NewNetwork's first check, in its order, before the driver is even looked up."""
        if net.config_only:
            self._config_only_fields(net)
        if net.config_from is not None:
            if net.config_only:
                raise Refusal("config-chain", "a configuration network cannot depend on another configuration network")
            self._config_from_fields(net, ipv6, ipv4)

    @staticmethod
    def _config_only_fields(net: Network) -> None:
        # operator fields belong to the network that uses the configuration; any --scope counts
        if net.internal or net.attachable or net.ingress or net.scope:
            raise Refusal("config-only-operator-fields",
                          "configuration network can only contain network specific fields. Network operator fields "
                          "like [ ingress | internal | attachable | scope ] are not supported.")

    def _config_from_fields(self, net: Network, ipv6: bool, ipv4: bool) -> None:
        """IPAM, labels and IPv6/IPv4 come from the config network only; so do -o options."""
        p = self.profile
        if net.subnets or net.ipam_options or net.ipam_driver not in (None, "", "default") or net.labels \
                or ipv6 or not ipv4 or (p.config_from_counts_any_ipv4 and self._asks_ipv4(net)):
            raise Refusal("config-from-ipam", p.config_from_text)
        if self._options_sent(net):
            raise Refusal("config-from-options",
                          "network driver options are not supported if the network depends on a configuration network")

    def _options_sent(self, net: Network) -> dict[str, str]:
        """The -o options the daemon passes to libnetwork."""
        sent = dict(net.option_map)
        if self.profile.flag_drops_family_option:
            for flag, key in ((net.ipv4, "com.docker.network.enable_ipv4"), (net.ipv6, "com.docker.network.enable_ipv6")):
                if flag is not None:
                    sent.pop(key, None)
        return sent

    @staticmethod
    def _asks_ipv4(net: Network) -> bool:
        return net.ipv4 is not None or "com.docker.network.enable_ipv4" in net.option_map

    def _config_only(self, net: Network, index: int, ipv6: bool, ipv4: bool) -> Created:
        # Docker stores it with driver "null": no driver check (its -d is ignored), no pool, no
        # parent, until a --config-from network is instantiated from it (D4, S1)
        created = Created(net.with_(driver="null"), index, [], "", "", net.internal, ipv6, ipv4)
        return self._record(created)

    def _config_from(self, net: Network, name: str) -> tuple[Network, dict[int, list[Entry]], bool, bool]:
        """getConfigNetwork + applyConfigurationTo: the network as the daemon instantiates it,
        the config network's options (its parent), IPAM, labels and IPv6/IPv4 with this
        network's name, driver and operator fields.  Returns (network, subnets by family, ipv6, ipv4)."""
        source = self.named(name)
        if source is None or not source.network.config_only:
            raise Refusal("config-from-missing", f'configuration network "{name}" does not exist')
        cfg = source.network
        effective = net.with_(options=cfg.options, subnets=cfg.subnets, ip_ranges=cfg.ip_ranges,
                              gateways=cfg.gateways, aux=cfg.aux, labels=cfg.labels, ipam_driver=cfg.ipam_driver,
                              ipam_options=cfg.ipam_options, ipv6=source.ipv6, ipv4=None if source.ipv4 else False)
        parsed = self._parse_subnets(group_ipam(cfg, self.profile))
        # 20.10 copies only enableIPv6; IPv4 cannot be turned off before 28, so both agree
        return effective, parsed, source.ipv6, source.ipv4

    def _ipam_driver(self, net: Network, parsed: dict[int, list[Entry]], ipv4: bool, ipv6: bool) -> bool:
        """getIPAMDriver and the null driver's RequestPool; True when the default IPAM allocates."""
        name = net.ipam_driver or "default"
        if name == "default":
            return True
        if name != "null":
            # not built in: the daemon looks for an IPAM plugin of that name
            raise Refusal("ipam-plugin-not-found", f'plugin "{name}" not found')
        for fam, enabled in ((4, ipv4), (6, ipv6)):
            if not enabled:
                continue
            if parsed[fam]:
                raise Refusal("null-ipam-pool", "null ipam driver does not handle specific address pool requests")
            if fam == 6 and not self.profile.null_ipam_gives_ipv6:
                raise Refusal("null-ipam-ipv6", "null ipam driver does not handle IPv6 address pool pool requests")
        return False   # 0.0.0.0/0 (and ::/0): no addresses to hand out

    def _empty_pool(self, allocations: list[Allocation], null_ipam: bool, ipv4: bool, ipv6: bool) -> None:
        """macvlan/ipvlan CreateNetwork starts, before it reads any option, by rejecting a null
        IPv4 network: no pool, or a first pool of 0.0.0.0/0.  That is the null IPAM's, and up to
        28 also a --subnet of the whole IPv4 space (0.0.0.0/0; ::ffff:0:0/96 on <=23, which
        files it as 0.0.0.0/0), which the default IPAM hands out as written (lab, 20.10.24).  From
        28 only with IPv4 on; then IPv6 the same way when it is on: none (the null IPAM) or ::/0
        (macvlan_network.go @v20.10.24, @v28.0.0, @docker-v29.7.2)."""
        p = self.profile
        if ipv4 or not p.has_ipv4_flag:
            first = allocations[0].pool.block if allocations else None     # IPv4 entries come first
            if null_ipam or (first is not None and first.family == 4 and first.prefixlen == 0):
                raise Refusal("null-ipam-empty" if null_ipam else "subnet-whole-space", "ipv4 pool is empty")
        if ipv6 and p.has_ipv4_flag:
            first6 = next((a.pool.block for a in allocations if a.pool.block.family == 6), None)
            # (29 reads ::/n as "a default pool of size n", like 0.0.0.0/n: not modelled, left as given)
            if null_ipam or (first6 is not None and first6.prefixlen == 0 and not p.unspecified_subnet_is_default):
                raise Refusal("null-ipam-empty" if null_ipam else "subnet-whole-space", "ipv6 pool is empty")

    def _parse_subnets(self, groups: tuple[IpamGroup, ...]) -> dict[int, list[Entry]]:
        """getIpamConfig: every subnet must parse; entries split by family, in order.  An
        IPv4-mapped subnet (::ffff:a.b.c.d/p) is an IPv4 entry on every engine; the profile
        says which pool it stands for (None: a default pool)."""
        by_family: dict[int, list[Entry]] = {4: [], 6: []}
        for g in groups:
            try:
                written, subnet = parse_cidr_block(g.subnet)
            except GoError as e:
                raise Refusal("daemon-invalid-subnet", f"Invalid subnet {g.subnet} : {e}") from None
            if subnet.family == 6 and written >> 32 == 0xFFFF:
                # an IPv4-mapped address: ParseCIDR gives an IPv6 address and network here
                mapped = self.profile.mapped_subnet(*cast("tuple[ipaddress.IPv6Address, ipaddress.IPv6Network]",
                                                          parse_cidr(g.subnet)))
                by_family[4].append((g, None if mapped is None else Block.of(mapped)))
                continue
            if subnet.family == 4 and written == 0 and self.profile.unspecified_subnet_is_default:
                by_family[4].append((g, None))      # 0.0.0.0/n: a default pool of size n
                continue
            by_family[subnet.family].append((g, subnet))
        return by_family

    def _allocate(self, net: Network, by_family: dict[int, list[Entry]], ipv4: bool, ipv6: bool, mode: str,
                  internal: bool, has_parent: bool) -> list[Allocation]:
        """ipamAllocate: IPv4 entries, then IPv6 ones when IPv6 is on; all or nothing."""
        p = self.profile
        out: list[Allocation] = []
        pending = _Views(self.spaces)
        for fam in (4, 6):
            if fam == 4 and not ipv4:
                continue
            if fam == 6 and not ipv6:
                continue
            entries = by_family[fam]
            if not entries:
                if fam == 6:
                    if p.ula_for_ipv6_without_subnet:
                        continue       # a random ULA /64, unrelated to the LAN (info finding)
                    raise Refusal("ipv6-no-pool", p.defaults_exhausted_text(6))
                default = pending[4].space.default_pool()
                if default is None:
                    raise Refusal("no-default-pool", p.defaults_exhausted_text(4))
                entries = [(IpamGroup(str(default)), default)]
            for g, subnet in entries:
                picked = subnet is None          # v29: 0.0.0.0/n (or mapped) asks for a default pool
                if subnet is None:
                    subnet = self._default_of_size(g, pending[4].space)
                # an IPv4-mapped subnet can stand for an IPv6 pool (<=23 below /96, 24-28): it
                # lives with the IPv6 pools, whichever list it came in
                out.append(self._allocate_one(net, g, subnet, pending[subnet.family], mode, internal, has_parent,
                                              default=not by_family[fam] or picked))
        return out

    def _default_of_size(self, g: IpamGroup, space: AddressSpace) -> Block:
        """v29 RequestPool for an unspecified --subnet: the prefix length is all it reads
        (allocator.go @docker-v29.7.2): /0 is the usual default, any other length a default
        pool of that size, and no --ip-range may come with it."""
        p = self.profile
        _, asked = parse_cidr(g.subnet)
        size = max(0, asked.prefixlen - 96) if asked.version == 6 else asked.prefixlen
        if g.ip_range:
            # req.Pool is emptied before the subpool is looked at: parseErr(ErrInvalidSubPool)
            raise Refusal("subnet-unspecified-range",
                          f'failed to parse pool request for address space "LocalDefault" pool "" '
                          f'subpool "{g.ip_range}": invalid address subpool')
        if size and not any(base.prefixlen <= size for base, _ in DEFAULT_V4_BASES):
            raise Refusal("subnet-unspecified-size", "invalid address pool")     # ipamapi.ErrInvalidPool
        picked = space.sized_default_pool(size) if size else space.default_pool()
        if picked is None:
            raise Refusal("no-default-pool", p.defaults_exhausted_text(4))
        return picked

    def _allocate_one(self, net: Network, g: IpamGroup, subnet: Block, view: AddressSpaceView, mode: str,
                      internal: bool, has_parent: bool, default: bool) -> Allocation:
        p = self.profile
        rng = parse_cidr_block(g.ip_range)[1] if g.ip_range and not default else None
        if rng is not None and rng.family != subnet.family:   # a mapped subnet's range, unmapped
            rng = _unmapped_block(rng)
        range_key = str(parse_prefix(g.ip_range)) if g.ip_range else None
        pool = view.request(subnet, range_key)
        if pool is None:
            raise Refusal("pool-overlap", p.overlap_prefix + "Pool overlaps with other one on this address space")
        slots = RangeSlots.of(subnet, rng)
        gateway = None
        addr: Optional[int]
        if p.gateway_reserved(net.driver, mode, internal, has_parent, bool(g.gateway)):
            if g.gateway:
                ip = _unmap(parse_ip(g.gateway))
                if ip is None:
                    raise Refusal("daemon-invalid-gateway", f"invalid gateway address {g.gateway} in Ipam configuration")
                addr = int(ip)
                if ip.version != subnet.family or not subnet.contains(addr):
                    raise Refusal("gateway-out-of-range",
                                  f"failed to allocate gateway ({g.gateway}): {p.out_of_range_text}")
                why = pool.request(addr)
                if why:
                    raise Refusal("gateway-in-use", f"failed to allocate gateway ({g.gateway}): {why}")
            else:
                addr, why = pool.pick(slots)
                if addr is None:
                    raise Refusal("gateway-no-address", f"failed to allocate gateway (): {why}")
            pool.taken[addr] = f"gateway of {net.name}"
            gateway = addr
        aux: dict[str, int] = {}
        # The daemon walks aux-addresses in Go map order; the CLI sends them sorted by name and
        # small Go maps most often start at the first key, so sorted order is the likeliest.
        for name, value in sorted(g.aux):
            ip = _unmap(parse_ip(value))
            if ip is None:
                raise Refusal("aux-unparsable",
                              f"non parsable secondary ip address ({name}:{value}) passed for network {net.name}")
            if ip.version != subnet.family or not subnet.contains(int(ip)):
                raise Refusal("aux-outside-pool",
                              f"auxiliary address: ({name}:{value}) must belong to the master pool: {subnet}")
            why = pool.request(int(ip))
            if why:
                raise Refusal("aux-in-use", f"failed to allocate secondary ip address ({name}:{value}): {why}")
            pool.taken[int(ip)] = f"aux {name} of {net.name}"
            aux[name] = int(ip)
        view.commit(subnet, range_key)
        return Allocation(g, pool, slots, gateway, aux, default, range_key)

    def _parent_in_use(self, net: Network, parent: str, mode: str) -> None:
        for other in self.by_parent.get(parent, ()):
            o = other.network
            if o.driver != net.driver or o.config_only:
                continue
            prefix = "dm-" if net.driver == "macvlan" else "di-"
            if net.driver == "macvlan" and self.profile.macvlan_shares_parent:
                if mode == "passthru":
                    raise Refusal("parent-in-use", f"cannot use mode passthru, macvlan network {ID} "
                                                   f"is already using parent interface {parent}")
                if other.mode == "passthru":
                    raise Refusal("parent-in-use", f"macvlan network {ID} is already using parent "
                                                   f"interface {parent} in mode passthru")
                continue
            raise Refusal("parent-in-use", f"network {prefix}{ID} is already using parent interface {parent}")

    def _make_link(self, net: Network, parent: str, given: bool) -> None:
        """createNetwork: use an existing parent, else create a dummy or an 802.1q link."""
        host = self.host
        if not given:
            if "dummy" in host.kernel_lacks:
                raise Refusal("kernel-lacks-dummy", "operation not supported")
            return
        if host.has_interface(parent) and _can_exist(parent):
            return
        if "." not in parent:
            raise Refusal("parent-not-found",
                          f"invalid subinterface vlan name {parent}, example formatting is eth0.10")
        parts = parent.split(".")
        if len(parts) != 2:
            raise Refusal("vlan-name-format", "required interface name format is: name.vlan_id, "
                                              f"ex. eth0.10 for vlan 10, instead received {parent}")
        base, vid_text = parts
        vid = _go_atoi(vid_text)
        if vid is None:
            raise Refusal("vlan-id-unparsable", f"unable to parse a valid vlan id from: {vid_text} "
                                                "(ex. eth0.10 for vlan 10)")
        if not (host.has_interface(base) and _can_exist(base)):
            raise Refusal("vlan-base-not-found", self.profile.parent_missing_text(net.driver).format(base=base))
        if not 1 <= vid <= 4094:
            raise Refusal("vlan-id-range", f"vlan id must be between 1-4094, received: {vid}")
        if len(parent) > IFNAMSIZ:
            raise Refusal("vlan-name-too-long", f"failed to create {parent} vlan link: numerical result out of range")
        if "8021q" in host.kernel_lacks:
            raise Refusal("kernel-lacks-8021q", f"failed to create {parent} vlan link: operation not supported")

    # -- after create: `docker network rm` and container endpoints (scripts) -------------------
    # Added for script reading; they only undo or use what `create` recorded.

    def remove(self, name: str) -> Created:
        """`docker network rm NAME` for one name: the daemon frees the network's name, parent,
        gateway, aux-addresses and pools (later creates may reuse them), or raises Refusal."""
        created = self._by_name.get(name)
        if created is None and name in ("bridge", "host", "none"):
            # Docker's own networks (a daemon run with --bridge=none has no bridge: rare)
            raise Refusal("rm-predefined", f"{name} is a pre-defined network and cannot be removed")
        if created is None:
            # up to CLI 20.10 the client wraps a 404 in its own words (client/errors.go)
            raise Refusal("rm-missing", f"Error: No such network: {name}" if not self.profile.at_least(23)
                          else f"network {name} not found")
        net = created.network
        if net.config_only and any(c.network.config_from == name and not c.network.config_only
                                   for c in self.networks):
            raise Refusal("rm-config-in-use",
                          f'error while removing network: configuration network "{name}" is in use')
        users = self._attached().get(id(created), [])
        if users:
            if self.profile.at_least(29):
                eps = ", ".join(f'name:"{c}" id:"{ID}"' for c in users)
                text = f"error while removing network: network {name} has active endpoints ({eps})"
            else:
                text = f"error while removing network: network {name} id {ID} has active endpoints"
            raise Refusal("rm-active-endpoints", text)
        self.networks.remove(created)
        del self._by_name[name]
        if created.parent in self.by_parent:
            self.by_parent[created.parent].remove(created)
        for a in created.allocations:
            self._release(created, a)
        return created

    def _release(self, created: Created, a: Allocation) -> None:
        """ipamRelease: the gateway and aux-addresses go back to the pool; the pool itself goes
        with the last network that uses its subnet (AddressSpace.release keeps the count)."""
        self.spaces[a.family].release(a.pool, a.range_key, [a.gateway, *a.aux.values()])

    # -- containers (scripts): docker create / run / network connect / stop / rm ------------------
    # The daemon's container side as far as networks go: a container is created with its network
    # settings (daemon/create.go), takes addresses only when it starts or, running, is connected
    # (daemon/container_operations.go connectToNetwork -> libnetwork CreateEndpoint and Join).

    def _containers(self) -> dict[str, Container]:
        """name -> Container that exists (made on first use: scripts only)."""
        made: dict[str, Container] = self.__dict__.setdefault("_script_containers", {})
        return made

    def _named_by_script(self) -> set[str]:
        """Names the script created or tried to create: a connect to one that is gone is "No such
        container"; a name never seen may belong to a container made outside the script."""
        names: set[str] = self.__dict__.setdefault("_script_names", set())
        return names

    def container(self, name: str) -> Optional["Container"]:
        return self._containers().get(name)

    def create_container(self, name: str, network: str, ip: str = "", ip6: str = "", mac: str = "",
                         auto_remove: bool = False) -> "Container":
        """`docker create` (and the first half of `docker run`): containerCreate checks the
        addresses as written (verifyNetworkingConfig), then reserves the name; the container is
        stored with its network settings and holds no address until it starts."""
        if name:
            self._named_by_script().add(name[1:] if name.startswith("/") else name)
        self._check_address_text(network, ip, ip6)
        target = self._by_name.get(network)
        if target is not None and self.profile.validates_endpoint_at_create:
            self._check_in_subnets(target, network, ip, ip6)
        if name and not re.fullmatch(r"/?[a-zA-Z0-9][a-zA-Z0-9_.-]+", name):
            # daemon/names.go reserveName (v20.10.24, docker-v29.7.2)
            raise Refusal("container-name-invalid",
                          f"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")
        name = name[1:] if name.startswith("/") else name      # `--name /c2` is c2
        if name and name in self._containers():
            raise Refusal("container-name-in-use",
                          f'Conflict. The container name "/{name}" is already in use by container "{ID}". '
                          f'You have to remove (or rename) that container to be able to reuse that name.')
        c = Container(name, network, ip, ip6, mac, auto_remove)
        c.settings[network] = (ip, ip6)
        if name:
            self._containers()[name] = c
        return c

    def _check_in_subnets(self, created: Created, network: str, ip: str, ip6: str) -> None:
        """v25+ containerCreate -> validateNetworkingConfig -> validateEndpointSettings on a network
        that exists: each address must lie in one of its subnets; the container is not created
        (daemon/create.go, container_operations.go validateIPAMConfigIsInRange, multierror.Join)."""
        problems = []
        for fam, text in ((4, ip), (6, ip6)):
            addr = parse_ip(text) if text else None
            if addr is not None and addr.version == fam and \
                    not any(addr in a.pool.subnet for a in created.allocations if a.family == fam):
                problems.append(f"no configured subnet contains IP address {addr}")
        if problems:
            body = problems[0] if len(problems) == 1 else "* " + "\n* ".join(problems)
            raise Refusal("endpoint-address-invalid",
                          f"invalid config for network {network}: invalid endpoint settings:\n{body}")

    def _check_address_text(self, network: str, ip: str, ip6: str) -> None:
        wanted = {4: ip, 6: ip6}
        for fam, text in wanted.items():
            if not text:
                continue
            addr = parse_ip(text)
            if addr is not None and fam == 4:
                addr = _unmap(addr)          # net.ParseIP(..).To4() (29: Is4In6) takes ::ffff:a.b.c.d as IPv4
            if addr is None or addr.version != fam or \
                    (isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None):
                # an IPv4-mapped --ip6 is no IPv6 address: To4() != nil (create.go @v20.10.24),
                # Is4In6 (container_operations.go normalizeEndpointIPAMConfig @docker-v29.7.2)
                raise Refusal("endpoint-address-invalid", f"invalid IPv{fam} address: {text}")

    def start(self, c: Container, join_check: Optional[JoinCheck] = None) -> tuple[Optional[Created], Taken]:
        """A container starts (`docker run`, `docker start`): it joins every network of its
        settings, the one it was created with first (allocateNetwork).  If the start fails the
        endpoints made are undone and the container stays, stopped (`--rm`: removed, its name free)."""
        first: tuple[Optional[Created], Taken] = (None, {})
        try:
            for i, (network, (ip, ip6)) in enumerate(list(c.settings.items())):
                got = self._join(c, network, ip, ip6, c.mac if network == c.network else "", join_check)
                if i == 0:
                    first = got
        except Refusal:
            self.detach(c.name, command="start-failed") if c.name else None
            if c.auto_remove:
                self._containers().pop(c.name, None)
            raise
        c.running = True
        return first

    def start_named(self, name: str, join_check: Optional[JoinCheck] = None) -> tuple[Optional[Created], Taken]:
        """`docker start NAME`: a stopped container starts; a running one is left as it is."""
        c = self._containers().get(name)
        if c is None and name in self._named_by_script():
            raise Refusal("container-missing", f"No such container: {name}")
        if c is None or c.running:
            return None, {}          # running already, or a container from outside the script
        return self.start(c, join_check)

    def connect(self, name: str, network: str, ip: str = "", ip6: str = "",
                join_check: Optional[JoinCheck] = None) -> tuple[Optional[Created], Taken, bool]:
        """`docker network connect NETWORK NAME` (ConnectContainerToNetwork): (network, addresses
        taken, whether the container runs).  A stopped container only records the network in its
        settings; a running one gets an endpoint now."""
        c = self._containers().get(name)
        if c is None and name in self._named_by_script():
            raise Refusal("container-missing", f"No such container: {name}")
        if c is None:
            # a container from outside the script: taken to be running, on no network macplan knows
            c = self._containers()[name] = Container(name, "", running=True)
        if not c.running:
            created = self._by_name.get(network)
            if created is not None:
                self._validate_endpoint(created, ip, ip6)
                if not self._update_settings(c, network):
                    c.settings[network] = (ip, ip6)      # (a second connect changes nothing)
            elif network not in c.settings:
                c.settings[network] = (ip, ip6)
            return created, {}, False
        mac = c.mac if network == c.network else ""
        created, taken = self._join(c, network, ip, ip6, mac, join_check, connecting=True)
        c.settings.setdefault(network, (ip, ip6))
        return created, taken, True

    def _update_settings(self, c: "Container", network: str) -> bool:
        """updateNetworkSettings: True when the container already has this network (no change);
        a network next to `none` is refused."""
        for s in c.settings:
            if s != "none" and s not in self._by_name:
                continue              # FindNetwork fails: skipped
            if s == network:
                return True
            if s == "none" or network == "none":
                raise Refusal("endpoint-none-conflict", "container cannot be connected to multiple networks "
                                                        "with one of the networks in private (none) mode")
        return False

    def _validate_endpoint(self, created: Created, ip: str, ip6: str) -> None:
        """validateNetworkingConfig (<=24): an address needs a user-configured subnet of its family."""
        if self.profile.at_least(25):
            return
        for fam, text in ((4, ip), (6, ip6)):
            if text and not _user_subnet(created, fam):
                raise Refusal("endpoint-ip-without-subnet", "user specified IP address is supported only when "
                                                            "connecting to networks with user configured subnets")

    def _join(self, c: Container, network: str, ip: str, ip6: str, mac: str, join_check: Optional[JoinCheck] = None,
              connecting: bool = False) -> tuple[Optional[Created], Taken]:
        """connectToNetwork for one network: the checks in the daemon's order, then libnetwork's
        CreateEndpoint (name, IPAM, driver) and Join.  Returns (network, {4: int, 6: int})."""
        if network == "none":
            if ip or ip6:
                raise Refusal("endpoint-ip-without-subnet", "user specified IP address is supported on user "
                                                            "defined networks only")
            if connecting:
                self._update_settings(c, network)
            return None, {}
        created = self._by_name.get(network)
        if created is None:
            raise Refusal("endpoint-network-missing", f"network {network} not found")
        self._validate_endpoint(created, ip, ip6)
        if connecting:
            self._update_settings(c, network)
        if created.network.config_only:
            raise Refusal("endpoint-config-only", "cannot create endpoint on configuration-only network")
        if c.name and network in c.joined:
            raise Refusal("endpoint-name-in-use", f"endpoint with name {c.name} already exists in network {network}")
        created, taken = self.attach(network, c.name, ip, ip6, mac, started=False, commit=False)
        if join_check is not None:
            join_check(created, mac)
        if created.network.driver == "ipvlan" and "ipvlan" in self.host.kernel_lacks:
            # the ipvlan link is made at Join (ipvlan_joinleave.go -> createIPVlan); the endpoint
            # and its addresses are released again
            raise Refusal("kernel-lacks-ipvlan", "failed to create the ipvlan port: operation not supported")
        self._commit(created, c.name, taken)
        c.joined[network] = (created, taken)
        return created, taken

    def _commit(self, created: Created, container: str, taken: Taken) -> None:
        by_family = {4: [a for a in created.allocations if a.family == 4],
                     6: [a for a in created.allocations if a.family == 6]}
        for fam, addr in taken.items():
            pool = next(a.pool for a in by_family[fam] if addr in range(a.pool.base, a.pool.base + a.pool.size))
            pool.taken[addr] = f"container {container or '(unnamed)'}"
        self._attached().setdefault(id(created), []).append(container)

    def attach(self, network: str, container: str, ip: str, ip6: str, mac: str,
               started: bool = True, commit: bool = True) -> tuple[Created, Taken]:
        """A container endpoint's IPAM and driver checks, as libnetwork's CreateEndpoint makes them:
        the addresses it takes, {4: int, 6: int}; or Refusal with the daemon's text.  With
        `commit` (and `started`) the addresses are taken and the endpoint counts on the network."""
        created = self._by_name.get(network)
        if created is None:
            raise Refusal("endpoint-network-missing", f"network {network} not found")
        net = created.network
        if net.config_only:
            raise Refusal("endpoint-config-only", "cannot create endpoint on configuration-only network")
        wanted = {4: ip, 6: ip6}
        parsed: dict[int, IP] = {}
        for fam, text in wanted.items():
            if not text:
                continue
            addr = parse_ip(text)
            if addr is not None and fam == 4:
                addr = _unmap(addr)
            if addr is None or addr.version != fam:
                raise Refusal("endpoint-address-invalid", f"invalid IPv{fam} address: {text}")
            parsed[fam] = addr
        by_family = {4: [a for a in created.allocations if a.family == 4],
                     6: [a for a in created.allocations if a.family == 6]}
        for fam, addr in parsed.items():
            if self.profile.at_least(25):
                # api validateEndpointSettings: the address must be in one of the subnets
                if not any(addr in a.pool.subnet for a in by_family[fam]):
                    raise Refusal("endpoint-address-invalid", "invalid endpoint settings:\n"
                                                      f"no configured subnet contains IP address {addr}")
            elif not _user_subnet(created, fam):
                raise Refusal("endpoint-ip-without-subnet", "user specified IP address is supported only when "
                                                            "connecting to networks with user configured subnets")
        taken: Taken = {}
        for fam in (4, 6):
            allocs = by_family[fam]
            if not allocs:
                continue             # IPv6 is optional for an endpoint
            if fam == 6 and 4 in taken:
                try:
                    self._assign(6, allocs, parsed, taken, network)
                except Refusal:
                    # assignAddress returns before createEndpoint defers releaseAddress, so the
                    # IPv4 address stays allocated for good (libnetwork endpoint.go/network.go,
                    # v20.10.24 and 29.7.2 alike; lab recording gen-c-0044.sh lines 4 and 11)
                    pool = next(a.pool for a in by_family[4]
                                if taken[4] in range(a.pool.base, a.pool.base + a.pool.size))
                    pool.taken[taken[4]] = f"leaked by container {container or '(unnamed)'}"
                    raise
                continue
            self._assign(fam, allocs, parsed, taken, network)
        if mac and net.driver == "ipvlan":
            # the driver's CreateEndpoint error, wrapped by libnetwork's addEndpoint (network.go,
            # v20.10.24 and 29.7.2 alike)
            raise Refusal("endpoint-ipvlan-mac", f"failed to create endpoint {container or '<name>'} on network "
                                                 f"{network}: ipvlan interfaces do not support custom mac address "
                                                 f"assignment")
        if commit and started:
            self._commit(created, container, taken)
        return created, taken

    def _assign(self, fam: int, allocs: list[Allocation], parsed: dict[int, IP], taken: Taken, network: str) -> None:
        """assignAddressVersion: the asked address, or the next free one of the range."""
        addr: Optional[int]
        if fam in parsed:
            addr = int(parsed[fam])
            for a in allocs:
                if parsed[fam] in a.pool.subnet:
                    why = a.pool.request(addr)
                    if why:
                        raise Refusal("endpoint-address-in-use", why)
                    taken[fam] = addr
                    break
            else:
                word = "invalid" if self.profile.at_least(25) else "Invalid"
                raise Refusal("endpoint-address-invalid", f"{word} address {parsed[fam]}: It does not belong to "
                                                  f"any of this network's subnets")
        else:
            for a in allocs:
                addr, why = a.pool.pick(a.slots)     # the lowest free bit of its range, as an address
                if addr is not None:
                    taken[fam] = addr
                    break
                if why != a.pool.profile.no_addresses_text:
                    # libnetwork assignAddressVersion tries the next pool only when this one is full;
                    # any other allocator error (20.10's "invalid bit range" of a /64 ip-range) stops it
                    # (pick gives (None, why) when it gives no address)
                    raise Refusal("endpoint-range-unreachable", cast(str, why))
            else:
                raise Refusal("endpoint-pool-full", f"no available IPv{fam} addresses on this network's "
                                                    f"address pools: {network} ({ID})")

    def detach(self, container: str, network: str = "", command: str = "stop") -> None:
        """The container stops (stop, kill), is removed (rm -f) or leaves `network` (network
        disconnect): its endpoints and addresses are gone; rm frees its name, and so does a stop
        of a `--rm` container."""
        c = self._containers().get(container)
        if c is None:
            return                   # a container macplan does not know is no matter
        if command == "rm-stopped":
            # `docker rm` without -f refuses a running container and removes a stopped one
            if not c.running:
                del self._containers()[container]
            return
        for name, (created, taken) in list(c.joined.items()):
            if network and name != network:
                continue
            for fam, addr in taken.items():
                for a in created.allocations:
                    if a.family == fam and a.pool.taken.get(addr, "").startswith("container "):
                        a.pool.taken.pop(addr, None)
            users = self._attached().get(id(created), [])
            if container in users:
                users.remove(container)
            del c.joined[name]
        if command == "disconnect":
            c.settings.pop(network, None)
            return
        c.running = False
        if command == "rm" or c.auto_remove:
            del self._containers()[container]

    def _attached(self) -> dict[int, list[str]]:
        """id(Created) -> the containers on it (made on first use: scripts only)."""
        attached: dict[int, list[str]] = self.__dict__.setdefault("attached", {})
        return attached


@dataclass
class Container:
    """A container of a script as the daemon keeps it: its name, the network and addresses it was
    created with (`docker run|create --network --ip --ip6 --mac-address`), the networks in its
    settings and, while it runs, the endpoints it has."""
    name: str
    network: str
    ip: str = ""
    ip6: str = ""
    mac: str = ""
    auto_remove: bool = False
    running: bool = False
    #: network name, as written -> (ip, ip6) asked for on it, in the order the networks were added
    settings: dict[str, tuple[str, str]] = field(default_factory=dict)
    joined: dict[str, tuple[Created, Taken]] = field(default_factory=dict)   # network name -> (Created, {family: address})




class _Views(dict[int, "AddressSpaceView"]):
    """One create's views of the address spaces, each made when first asked for (most
    networks touch one family)."""

    def __init__(self, spaces: dict[int, AddressSpace]):
        super().__init__()
        self.spaces = spaces

    def __missing__(self, family: int) -> "AddressSpaceView":
        view = self[family] = AddressSpaceView(self.spaces[family])
        return view


class AddressSpaceView:
    """Pool requests of one create, committed only if the whole create succeeds."""

    def __init__(self, space: AddressSpace):
        self.space = space
        self.new: dict[Block, Pool] = {}
        self.keys: set[tuple[Block, str]] = set()

    def request(self, subnet: Block, range_key: Optional[str]) -> Optional[Pool]:
        key = (subnet, range_key or "")
        if key in self.keys:
            return None
        if range_key is None and self.new and any(subnet.overlaps(s) for s in self.new):  # this create's own entries
            return None
        pool: Optional[Pool]
        if subnet in self.new:
            pool = self.new[subnet]
        else:
            pool, _ = self.space.request(subnet, range_key)
            if pool is None:
                return None
        # work on a copy so that a failed create leaves the shared pool untouched
        if self.space.masters.get(pool.block) is pool:
            pool = pool.copy()
        self.new[subnet] = pool
        return pool

    def commit(self, subnet: Block, range_key: Optional[str]) -> None:
        """The subnet (equal to its pool's) and ip-range of a request the create keeps."""
        self.keys.add((subnet, range_key or ""))


# ---- names (issue 10) ------------------------------------------------------------------------
#: Go's unicode.IsSpace, which strings.TrimSpace uses (Python's isspace also takes \x1c-\x1f)
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" \
            "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
#: swarmkit controlapi isValidDNSName `^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$`, rewritten so that
#: Python's backtracking matcher stays linear (Go's RE2 always is); the same language
_DNS_LABEL = re.compile(r"[a-zA-Z0-9](?:[-_]*[a-zA-Z0-9])*")


def _check_name(net: Network, p: Profile) -> None:
    """libnetwork's NewNetwork refuses only an empty or all-whitespace name (moby
    libnetwork/controller.go: config.IsValidName up to 24, strings.TrimSpace from 25); any other
    text, control characters included, is a valid local network name. Up to 27 the error is
    ErrInvalidName(name), "invalid name: " + the name, which the client's TrimSpace cuts back to
    "invalid name:"; from 28 it is "invalid name: name is empty"."""
    if net.name.strip(_GO_SPACE) == "":
        raise Refusal("invalid-name", "invalid name: name is empty" if p.at_least(28) else "invalid name:")


def _check_swarm_name(net: Network) -> None:
    """swarmkit's validateAnnotations (manager/controlapi/common.go, 20.10 to 29): a swarm-scoped
    name must be a DNS label of letters, digits, '-' and '_' (no '.'), at most 63 characters."""
    if not _DNS_LABEL.fullmatch(net.name):
        raise Refusal("swarm-name", "rpc error: code = InvalidArgument desc = name must be valid as a DNS name component")
    if len(net.name) > 63:
        raise Refusal("swarm-name", "rpc error: code = InvalidArgument desc = name must be 63 characters or fewer")


@lru_cache(maxsize=1 << 18)
def _can_exist(ifname: str) -> bool:
    """A link of this name can exist only if the kernel accepts the name (dev_valid_name), so a
    parent that fails it is missing whatever the host's interface list says or leaves unsaid.
    Cached: every VLAN of eth0 asks about eth0; room for the parents of a 100,000-line script
    (a smaller cache evicted each name before it came again)."""
    return kernel_ifname_problem(ifname) is None


from macplan.rules.catalog import rule as _rule  # noqa: E402  (a warning next to the name checks above)


class _NamedContext(Protocol):
    """What the rule below reads of macplan.rules.hints.Context (which imports this module)."""
    @property
    def net(self) -> Network: ...


@_rule("name-control-characters", "warning", "daemon",
       "Rename the network without control characters or line breaks.")
def name_control_characters(ctx: _NamedContext) -> Optional[str]:
    """Docker creates a network whose name holds a newline, an escape or another control
    character (libnetwork refuses only a blank name; moby#27449), but `docker network ls`
    prints it raw, every script must quote it, and a pasted command that is not quoted breaks.
    macplan quotes it in commands and escapes it in comments; other tools may not."""
    name = ctx.net.name
    if name.isascii() and name.isprintable():
        return None             # the usual name: no control character can be in it
    from macplan.quoting import has_control, shown
    if has_control(name):
        return (f"network name {shown(ctx.net.name)} holds control characters: Docker accepts it, but "
                f"`docker network ls` prints it raw and unquoted scripts break on it; rename it.")
    return None


def _user_subnet(created: Created, fam: int) -> bool:
    """validateNetworkingConfig (daemon/container_operations.go @v20.10.24): an address of a
    family needs a configured subnet (PreferredPool) of that family.  The network's IPAM config
    keeps an IPv6 subnet even when IPv6 is not enabled; the address is then simply not assigned
    (lab: `--ip6` on a network created without --ipv6 is accepted)."""
    if any(not a.default for a in created.allocations if a.family == fam):
        return True
    if fam != 6 or created.ipv6:
        return False
    for g in ipam_groups(created.network) or ():
        net = parse_prefix(g.subnet) if g.subnet else None
        if net is not None and net.network.version == 6 and net.network.network_address.ipv4_mapped is None:
            return True
    return False
