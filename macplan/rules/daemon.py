"""The daemon's side of `docker network create`, in Docker's order.

`Engine` is one simulated daemon (one host): the networks it has created, its address spaces
and the parents each driver uses.  `Engine.create` raises `Refusal` with Docker's text, or
records the network as created, exactly like the real daemon would.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..ipam import AddressSpace, Pool, RangeSlots
from ..model import Host, IpamGroup, Network
from .cli import Refusal, group_ipam
from .goparse import GoError, parse_cidr, parse_ip, parse_prefix
from .profile import Profile

__all__ = ["Engine", "Created", "Allocation", "PREDEFINED", "DRIVERS"]

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
        return self.pool.subnet.version


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


def _go_atoi(text: str) -> Optional[int]:
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        return None
    value = int(text)
    return value if -2**63 <= value < 2**63 else None


def _join(errors: list[str]) -> str:
    body = errors[0] if len(errors) == 1 else "\n".join("* " + e for e in errors)
    return "invalid network config:\n" + body


class Engine:
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
        if net.config_only:
            return self._config_only(net, index, ipv6, ipv4)
        if net.config_from is not None:
            self._config_from(net)
        driver = net.driver
        if driver not in DRIVERS:
            raise Refusal("unknown-driver", f'plugin "{driver}" not found')
        self._ingress(net)
        if net.scope == "swarm":
            if self.host.swarm == "inactive":
                raise Refusal("swarm-inactive", "cannot create a swarm scoped network when swarm is not active")
            if self.host.swarm == "worker":
                raise Refusal("swarm-worker", "Cannot create a multi-host network from a worker node. "
                                              "Please create the network from a manager node.")
            # The manager only records the network; each node instantiates it from its own
            # config-only network when a task lands there (moby-rules S3, S5).
            return self._record(Created(net, index, [], "", self._mode(net), net.internal, ipv6, ipv4))
        mode = self._mode(net)
        if driver in ("macvlan", "ipvlan") and p.parses_driver_options_early:
            self._driver_options(net, mode)
        parent = net.parent or ""
        internal = net.internal or (driver in ("macvlan", "ipvlan") and not parent and p.no_parent_is_internal)
        allocations = self._allocate(net, parsed, ipv4, ipv6, mode, internal, bool(parent))
        if driver in ("macvlan", "ipvlan"):
            if not p.parses_driver_options_early:
                self._driver_options(net, mode)
            eff_parent = parent or ("dm-" if driver == "macvlan" else "di-") + f"{ID}#{index}"
            self._parent_in_use(net, eff_parent, mode)
            self._make_link(net, eff_parent, bool(parent))
        else:
            eff_parent = ""
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
        """v25+ api/types/network ValidateIPAM: every problem, joined."""
        errors: list[str] = []
        for g in groups:
            subnet = parse_prefix(g.subnet)
            if subnet is None:
                errors.append(f"invalid subnet {g.subnet}: invalid CIDR block notation")
                continue
            fam = f"IPv{subnet.version}"
            if subnet.version == 6 and not ipv6:
                continue
            if subnet.ip != subnet.network.network_address:
                errors.append(f"invalid subnet {subnet}: it should be {subnet.network}")
            if g.ip_range:
                rng = parse_prefix(g.ip_range)
                if rng is None:
                    errors.append(f"invalid ip-range {g.ip_range}: invalid CIDR block notation")
                if rng is not None:
                    if rng.version != subnet.version:
                        errors.append(f"invalid ip-range {g.ip_range}: parent subnet is an {fam} block")
                    else:
                        if rng.network.prefixlen < subnet.network.prefixlen:
                            errors.append(f"invalid ip-range {g.ip_range}: CIDR block is bigger than its parent subnet {subnet}")
                        if rng.ip != rng.network.network_address:
                            errors.append(f"invalid ip-range {rng}: it should be {rng.network}")
                        if not subnet.network.overlaps(rng.network):
                            errors.append(f"invalid ip-range {g.ip_range}: parent subnet {subnet} doesn't contain ip-range")
            for label, addr in [("gateway " + g.gateway, g.gateway)] if g.gateway else []:
                problem = self._address_problem(addr, subnet, fam)
                if problem:
                    errors.append(f"invalid {label}: {problem}")
            for name, addr in g.aux:
                problem = self._address_problem(addr, subnet, fam)
                if problem:
                    errors.append(f"invalid auxiliary address {name}: {problem}")
        if errors:
            raise Refusal("ipam-config-invalid", _join(errors))

    @staticmethod
    def _address_problem(addr: str, subnet, fam: str) -> Optional[str]:
        ip = parse_ip(addr)
        if ip is None:
            return "invalid address"
        if ip.version != subnet.version:
            return f"parent subnet is an {fam} block"
        if ip not in subnet.network:
            return f"parent subnet {subnet} doesn't contain this address"
        return None

    def _config_only(self, net, index, ipv6, ipv4) -> Created:
        if net.internal or net.attachable or net.ingress or net.scope:
            raise Refusal("config-only-operator-fields",
                          "configuration network can only contain network specific fields. Network operator fields "
                          "like [ ingress | internal | attachable | scope ] are not supported.")
        # config-only networks reserve no pool and hold no parent (D4, S1)
        created = Created(net, index, [], "", self._mode(net), net.internal, ipv6, ipv4)
        return self._record(created)

    def _config_from(self, net: Network) -> None:
        p = self.profile
        if net.subnets or net.ip_ranges or net.gateways or net.aux or net.ipam_options or \
                (net.ipam_driver not in (None, "", "default")) or net.labels or net.ipv6 or net.ipv4 is False \
                or (net.ipv4 is not None and p.version[:2] == (28, 0) and p.version[2] == 0):
            raise Refusal("config-from-ipam", p.config_from_text)
        if net.options:
            raise Refusal("config-from-options",
                          "network driver options are not supported if the network depends on a configuration network")
        source = self.named(net.config_from)
        if source is None or not source.network.config_only:
            raise Refusal("config-from-missing", f'configuration network "{net.config_from}" does not exist')

    @staticmethod
    def _parse_subnets(groups) -> dict[int, list]:
        """getIpamConfig: every subnet must parse; entries split by family, in order."""
        by_family: dict[int, list] = {4: [], 6: []}
        for g in groups:
            try:
                _, subnet = parse_cidr(g.subnet)
            except GoError as e:
                raise Refusal("daemon-invalid-subnet", f"Invalid subnet {g.subnet} : {e}")
            by_family[subnet.version].append((g, subnet))
        return by_family

    def _allocate(self, net, by_family, ipv4, ipv6, mode, internal, has_parent) -> list[Allocation]:
        """ipamAllocate: IPv4 entries, then IPv6 ones when IPv6 is on; all or nothing."""
        p = self.profile
        out: list[Allocation] = []
        pending = {4: AddressSpaceView(self.spaces[4]), 6: AddressSpaceView(self.spaces[6])}
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
                    raise Refusal("ipv6-no-pool", "could not find an available, non-overlapping IPv6 address "
                                                  "pool among the defaults to assign to the network")
                default = pending[4].space.default_pool()
                if default is None:
                    raise Refusal("no-default-pool", "could not find an available, non-overlapping IPv4 address "
                                                     "pool among the defaults to assign to the network")
                entries = [(IpamGroup(str(default)), default)]
            for g, subnet in entries:
                out.append(self._allocate_one(net, g, subnet, pending[fam], mode, internal, has_parent,
                                              default=not by_family[fam]))
        return out

    def _allocate_one(self, net, g, subnet, view, mode, internal, has_parent, default) -> Allocation:
        p = self.profile
        rng = parse_cidr(g.ip_range)[1] if g.ip_range else None
        range_key = str(parse_prefix(g.ip_range)) if g.ip_range else None
        pool = view.request(subnet, range_key)
        if pool is None:
            raise Refusal("pool-overlap", p.overlap_prefix + "Pool overlaps with other one on this address space")
        slots = RangeSlots.of(subnet, rng)
        gateway = None
        if p.gateway_reserved(net.driver, mode, internal, has_parent, bool(g.gateway)):
            if g.gateway:
                ip = parse_ip(g.gateway)
                if ip is None:
                    raise Refusal("daemon-invalid-gateway", f"invalid gateway address {g.gateway} in Ipam configuration")
                addr = int(ip)
                if ip.version != subnet.version or ip not in subnet:
                    raise Refusal("gateway-out-of-range",
                                  f"failed to allocate gateway ({g.gateway}): Requested address is out of range")
                why = pool.request(addr)
                if why:
                    raise Refusal("gateway-in-use", f"failed to allocate gateway ({g.gateway}): {why}")
            else:
                why = pool.range_error(slots.lo, slots.hi) if g.ip_range else None
                addr = None if why else pool.first_free(slots.lo, slots.hi)
                if addr is None:
                    raise Refusal("gateway-no-address",
                                  f"failed to allocate gateway (): {why or 'No available addresses on this pool'}")
            pool.taken[addr] = f"gateway of {net.name}"
            gateway = addr
        aux: dict[str, int] = {}
        # The daemon walks aux-addresses in Go map order; the CLI sends them sorted by name and
        # small Go maps most often start at the first key, so sorted order is the likeliest.
        for name, value in sorted(g.aux):
            ip = parse_ip(value)
            if ip is None:
                raise Refusal("aux-unparsable",
                              f"non parsable secondary ip address ({name}:{value}) passed for network {net.name}")
            if ip.version != subnet.version or ip not in subnet:
                raise Refusal("aux-outside-pool",
                              f"auxiliary address: ({name}:{value}) must belong to the master pool: {subnet}")
            why = pool.request(int(ip))
            if why:
                raise Refusal("aux-in-use", f"failed to allocate secondary ip address ({name}:{value}): {why}")
            pool.taken[int(ip)] = f"aux {name} of {net.name}"
            aux[name] = int(ip)
        view.commit(pool, range_key)
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
        if host.has_interface(parent):
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
        if not host.has_interface(base):
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
        when no other network uses its subnet."""
        pool = a.pool
        for addr in ([a.gateway] if a.gateway is not None else []) + list(a.aux.values()):
            pool.taken.pop(addr, None)
        space = self.spaces[a.family]
        space.keys.discard((pool.subnet, a.range_key or ""))
        if any(b.pool is pool for c in self.networks for b in c.allocations):
            return
        if space.masters.get(pool.subnet) is pool:
            del space.masters[pool.subnet]
            space._starts.remove(pool.base)
            space._blocks.discard((pool.base, pool.subnet.prefixlen))

    def attach(self, network: str, container: str, ip: str, ip6: str, mac: str,
               started: bool = True) -> tuple[Created, dict]:
        """A container endpoint as the daemon makes it at container start (or connect): the
        addresses it takes, {4: int, 6: int}; or Refusal with the daemon's text.  A container
        only created (`docker create`, not `started`) is checked as if it started, but has no
        endpoint yet, so it does not keep its network from being removed."""
        created = self._by_name.get(network)
        if created is None:
            raise Refusal("endpoint-network-missing", f"network {network} not found")
        net = created.network
        if net.config_only:
            raise Refusal("endpoint-config-only", "cannot create endpoint on configuration-only network")
        wanted = {4: ip, 6: ip6}
        parsed = {}
        for fam, text in wanted.items():
            if not text:
                continue
            addr = parse_ip(text)
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
            elif not any(not a.default for a in by_family[fam]):
                raise Refusal("endpoint-address-invalid", "user specified IP address is supported only when connecting "
                                                  "to networks with user configured subnets")
        taken: dict[int, int] = {}
        for fam in (4, 6):
            allocs = by_family[fam]
            if fam == 6 and not allocs:
                continue             # IPv6 is optional for an endpoint
            if fam == 4 and not allocs:
                continue
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
                    addr = a.pool.first_free(a.slots.lo, a.slots.hi)
                    if addr is not None:
                        taken[fam] = addr
                        break
                else:
                    raise Refusal("endpoint-pool-full", f"no available IPv{fam} addresses on this network's "
                                                        f"address pools: {network} ({ID})")
        if mac and net.driver == "ipvlan":
            raise Refusal("endpoint-ipvlan-mac", "ipvlan interfaces do not support custom mac address assignment")
        for fam, addr in taken.items():
            pool = next(a.pool for a in by_family[fam] if addr in range(a.pool.base, a.pool.base + a.pool.size))
            pool.taken[addr] = f"container {container or '(unnamed)'}"
        if started:
            self._attached().setdefault(id(created), []).append(container)
        if container:
            self.__dict__.setdefault("holders", {}).setdefault(container, []).append((created, taken, started))
        return created, taken

    def detach(self, container: str, network: str = "") -> None:
        """The container stops (or leaves `network`): its endpoints and addresses are gone."""
        kept = []
        for created, taken, started in self.__dict__.get("holders", {}).pop(container, []):
            if network and created.network.name != network:
                kept.append((created, taken, started))
                continue
            for fam, addr in taken.items():
                for a in created.allocations:
                    if a.family == fam and a.pool.taken.get(addr, "").startswith("container "):
                        a.pool.taken.pop(addr, None)
            users = self._attached().get(id(created), [])
            if started and container in users:
                users.remove(container)
        if kept:
            self.__dict__["holders"][container] = kept

    def _ingress(self, net: Network) -> None:
        """controller.NewNetwork: an ingress network needs a driver with global data scope
        (overlay); macvlan, ipvlan and bridge are local."""
        if net.ingress and net.driver != "overlay":
            raise Refusal("ingress-not-global", "Ingress network can only be global scope network")

    def _attached(self) -> dict:
        """id(Created) -> the containers on it (made on first use: scripts only)."""
        return self.__dict__.setdefault("attached", {})



class AddressSpaceView:
    """Pool requests of one create, committed only if the whole create succeeds."""

    def __init__(self, space: AddressSpace):
        self.space = space
        self.new: dict = {}
        self.keys: set = set()

    def request(self, subnet, range_key):
        key = (subnet, range_key or "")
        if key in self.keys:
            return None
        if range_key is None and any(subnet.overlaps(s) for s in self.new):  # this create's own entries
            return None
        if subnet in self.new:
            pool = self.new[subnet]
        else:
            pool, _ = self.space.request(subnet, range_key)
            if pool is None:
                return None
        # work on a copy so that a failed create leaves the shared pool untouched
        if pool.subnet in self.space.masters and pool is self.space.masters[pool.subnet]:
            pool = Pool(pool.subnet, pool.profile, dict(pool.taken))
        self.new[subnet] = pool
        return pool

    def commit(self, pool, range_key):
        self.keys.add((pool.subnet, range_key or ""))
