"""The plan: immutable values describing hosts, their interfaces and the networks to create.

A `Network` keeps its IPAM flags exactly as the docker CLI receives them (flat lists of
subnets, ip-ranges, gateways and aux-addresses, in flag order), because the CLI itself groups
them and its grouping errors are part of what Docker prints.  `macplan.docker.cli.ipam_groups(network)` gives the
grouping the CLI would make when it succeeds.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Optional, Sequence, TypedDict, Union

from macplan.errors import PlanError

if TYPE_CHECKING:
    from typing import Unpack

__all__ = ["LAN_DRIVERS", "MACVLAN_MODES", "IPVLAN_MODES", "Interface", "Host", "Network", "Plan", "IpamGroup", "Dhcp", "Removal", "Endpoint", "Detach", "Step", "creation_order",
           "PlanError",
           "KERNEL_FEATURES"]

#: The drivers macplan plans for: both put containers straight onto a parent's LAN.
LAN_DRIVERS = ("macvlan", "ipvlan")
MACVLAN_MODES = ("bridge", "private", "vepa", "passthru")
IPVLAN_MODES = ("l2", "l3", "l3s")

#: Kernel features a host may lack; Docker then fails with "operation not supported".
KERNEL_FEATURES = frozenset({"8021q", "dummy", "ipvlan"})
INTERFACE_KINDS = ("ethernet", "wifi", "vm", "bond", "bridge")


@dataclass(frozen=True)
class Interface:
    """A host interface that can be a parent: its kind matters (Wi-Fi and VM NICs drop
    frames from unknown MACs), and a switch port may limit how many MACs it learns."""
    name: str
    kind: str = "ethernet"
    mac: Optional[str] = None
    mac_limit: Optional[int] = None


@dataclass(frozen=True)
class Host:
    """A Docker host: its interfaces (the parents it offers), the kernel features it lacks and
    its swarm role."""
    name: str = "host"
    interfaces: tuple[Interface, ...] = ()
    kernel_lacks: frozenset[str] = frozenset()
    #: False: the interface list is unknown, so parent existence is not judged.
    interfaces_known: bool = True
    #: this daemon's swarm role: "inactive", "manager" or "worker"
    swarm: str = "inactive"

    @cached_property
    def _interfaces_by_name(self) -> dict[str, Interface]:
        # the first of a name wins, as the linear search it replaces did
        out: dict[str, Interface] = {}
        for i in self.interfaces:
            out.setdefault(i.name, i)
        return out

    def interface(self, name: str) -> Optional[Interface]:
        return self._interfaces_by_name.get(name)

    def has_interface(self, name: str) -> bool:
        return not self.interfaces_known or self.interface(name) is not None


@dataclass(frozen=True)
class Dhcp:
    """A DHCP scope on the LAN that Docker's IPAM knows nothing about."""
    first: str
    last: str
    name: str = "dhcp"


@dataclass(frozen=True)
class IpamGroup:
    """One IPAM config entry as the CLI builds it: a subnet with its range, gateway, aux."""
    subnet: str
    ip_range: Optional[str] = None
    gateway: Optional[str] = None
    aux: tuple[tuple[str, str], ...] = ()

    def to_dict(self, subnet: str = "subnet", ip_range: str = "ip_range", gateway: str = "gateway",
                aux: str = "aux") -> dict[str, Union[str, dict[str, str]]]:
        """The entry under the key names a format uses (YAML plan, Engine API, compose),
        leaving out what is not set."""
        out: dict[str, Union[str, dict[str, str]]] = {subnet: self.subnet}
        values: tuple[tuple[str, Union[str, dict[str, str], None]], ...] = (
            (ip_range, self.ip_range), (gateway, self.gateway), (aux, dict(self.aux)))
        for key, value in values:
            if value:
                out[key] = value
        return out


class NetworkChanges(TypedDict, total=False):
    """What `Network.with_` may change: any of its init fields, by name (tests/test_model_types.py
    keeps the two in step)."""
    name: str
    driver: str
    host: str
    options: tuple[tuple[str, str], ...]
    subnets: tuple[str, ...]
    ip_ranges: tuple[str, ...]
    gateways: tuple[str, ...]
    aux: tuple[tuple[str, str], ...]
    ipv6: Optional[bool]
    ipv4: Optional[bool]
    internal: bool
    attachable: bool
    ingress: bool
    scope: Optional[str]
    config_only: bool
    config_from: Optional[str]
    labels: tuple[tuple[str, str], ...]
    ipam_driver: Optional[str]
    ipam_options: tuple[tuple[str, str], ...]
    ipam_config: Optional[tuple[IpamGroup, ...]]
    containers: Optional[int]
    endpoints: tuple[tuple[str, str], ...]
    line: Optional[int]
    cli_error: Optional[tuple[str, str]]


@dataclass(frozen=True)
class Network:
    """One `docker network create` (or a plan's network on one host), its flags as given."""
    name: str
    driver: str = "macvlan"
    host: str = "host"
    options: tuple[tuple[str, str], ...] = ()
    subnets: tuple[str, ...] = ()
    ip_ranges: tuple[str, ...] = ()
    gateways: tuple[str, ...] = ()
    aux: tuple[tuple[str, str], ...] = ()
    ipv6: Optional[bool] = None
    ipv4: Optional[bool] = None
    internal: bool = False
    attachable: bool = False
    ingress: bool = False
    scope: Optional[str] = None
    config_only: bool = False
    config_from: Optional[str] = None
    labels: tuple[tuple[str, str], ...] = ()
    ipam_driver: Optional[str] = None
    ipam_options: tuple[tuple[str, str], ...] = ()
    #: the IPAM entries exactly as an API client sends them (docker compose: one per
    #: `ipam.config` item); None when they come as `docker network create` flags, which the
    #: docker CLI groups by subnet and checks first (docker.cli.group_ipam).  The flat
    #: subnets/ip_ranges/gateways/aux above hold the same values either way.
    ipam_config: Optional[tuple[IpamGroup, ...]] = None
    #: containers the user expects to run on this network (on this host)
    containers: Optional[int] = None
    #: static endpoints: (ip or "", mac or "") per container given `--ip` / `--mac-address`
    endpoints: tuple[tuple[str, str], ...] = ()
    #: where it was written (script line or YAML line), for messages
    line: Optional[int] = field(default=None, compare=False)
    #: the docker CLI refuses the command before sending anything: (kind, detail), rendered per
    #: engine by rules.cli.usage_text (the name is then the command's positional words)
    cli_error: Optional[tuple[str, str]] = None
    # derived in __post_init__, not given: `options` as a map, and the `-o parent` value
    option_map: dict[str, str] = field(init=False, repr=False, compare=False)
    parent: Optional[str] = field(init=False, repr=False, compare=False)
    #: the 802.1q VLAN id named by a `base.vid` parent, when it parses
    vlan: Optional[int] = field(init=False, repr=False, compare=False)
    #: the parent's base interface (`eth0` of `eth0.50`): the switch port
    base_interface: Optional[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Attributes are set one by one, never through self.__dict__: that would make Python
        # build the instance a dict of its own, and every later read of an attribute 4x slower.
        setattr_ = object.__setattr__
        # Docker keeps options and labels as maps: their order means nothing.  (A tuple of
        # one or none, as most networks have, is in order already.)
        options, labels = self.options, self.labels
        if len(options) > 1 or type(options) is not tuple:
            options = tuple(sorted(options))
            setattr_(self, "options", options)
        if len(labels) > 1 or type(labels) is not tuple:
            setattr_(self, "labels", tuple(sorted(labels)))
        # derived, not fields (computed once: the rules ask for them often)
        option_map = dict(options)
        setattr_(self, "option_map", option_map)
        #: the `-o parent` value; None or "" means no parent (Docker makes a dummy link)
        parent = option_map.get("parent")
        setattr_(self, "parent", parent)
        base, dot, vid = (parent or "").partition(".")
        setattr_(self, "vlan", int(vid) if dot and vid.isdigit() and "." not in vid else None)
        setattr_(self, "base_interface", base or None)

    @property
    def mode(self) -> Optional[str]:
        key = "ipvlan_mode" if self.driver == "ipvlan" else "macvlan_mode"
        return self.option_map.get(key)

    def with_(self, **changes: Unpack[NetworkChanges]) -> "Network":
        return replace(self, **changes)


@dataclass(frozen=True)
class Removal:
    """`docker network rm NAME...`: the CLI removes each name in turn and keeps going after a
    failure, so what it frees (pools, parents, names) later creates may reuse."""
    names: tuple[str, ...]
    host: str = "host"
    #: the `-f`/`--force` word as written (engine 23+: missing names are no error)
    force: Optional[str] = None
    cli_error: Optional[tuple[str, str]] = None
    line: Optional[int] = field(default=None, compare=False)


@dataclass(frozen=True)
class Endpoint:
    """A container on a network: `docker run|create --network N [--ip A] [--ip6 A]
    [--mac-address M]` or `docker network connect [--ip A] [--ip6 A] N CONTAINER`."""
    network: str
    container: str = ""
    ip: str = ""
    ip6: str = ""
    mac: str = ""
    host: str = "host"
    #: run, create or connect
    command: str = "run"
    cli_error: Optional[tuple[str, str]] = None
    line: Optional[int] = field(default=None, compare=False)
    #: `docker run --rm`: the daemon removes the container when it stops, or fails to start
    auto_remove: bool = False


@dataclass(frozen=True)
class Detach:
    """Containers leaving their networks: `docker stop|kill|rm -f C...` (every network) or
    `docker network disconnect N C` (one): their addresses are free again and their network
    can be removed."""
    containers: tuple[str, ...]
    network: str = ""          # "" = every network
    host: str = "host"
    line: Optional[int] = field(default=None, compare=False)
    #: stop, kill, rm (rm -f: the container and its name are gone), rm-stopped (rm without -f:
    #: only a stopped container goes) or disconnect
    command: str = "stop"


@dataclass(frozen=True)
class Step:
    """One docker command of a script, in script order, with the shell around it."""
    kind: str                 # "create" | "rm" | "endpoint" | "detach"
    index: int                # into Plan.networks / .removals / .endpoints / .detaches
    line: int
    #: "ok": runs only if the command before it (`a && b`) succeeded; "fail": only if it
    #: failed (`a || b`); "always" otherwise
    when: str = "always"
    #: `set -e` is on and no `&&`/`||` follows, so a failure stops the script here
    errexit: bool = False


def creation_order(networks: Sequence[Network], as_written: bool = False) -> list[int]:
    """Indices of `networks` in the order check, commands and apply create them.

    A script runs as written (`as_written`). A plan's order is kept too, since it decides who
    gets a shared pool or parent first, except that a config-only network moves just before the
    first earlier network created `--config-from` it: Docker needs the config network to exist."""
    if as_written:
        return list(range(len(networks)))
    waiting: dict[tuple[str, str], int] = {}     # (host, config network) -> its first user so far
    have: set[tuple[str, str]] = set()
    keys = []
    for i, n in enumerate(networks):
        if n.config_from is not None and (n.host, n.config_from) not in have:
            waiting.setdefault((n.host, n.config_from), i)
        if n.config_only:
            have.add((n.host, n.name))
            keys.append((waiting.pop((n.host, n.name), i), 0, i))
        else:
            keys.append((i, 1, i))
    return [i for _, _, i in sorted(keys)]


class PlanChanges(TypedDict, total=False):
    """What `Plan.with_` may change: any of its init fields, by name (tests/test_model_types.py
    keeps the two in step)."""
    name: str
    hosts: tuple[Host, ...]
    networks: tuple[Network, ...]
    dhcp: tuple[Dhcp, ...]
    vlan_limits: tuple[tuple[int, int], ...]
    engine: Optional[str]
    source: str
    removals: tuple[Removal, ...]
    endpoints: tuple[Endpoint, ...]
    detaches: tuple[Detach, ...]
    steps: tuple[Step, ...]
    skipped: tuple[tuple[int, str], ...]
    as_written: bool


@dataclass(frozen=True)
class Plan:
    """What macplan checks: hosts, the networks to create on them and, from a script, the
    other docker commands in their order."""
    name: str = "plan"
    hosts: tuple[Host, ...] = (Host(interfaces_known=False),)
    networks: tuple[Network, ...] = ()
    dhcp: tuple[Dhcp, ...] = ()
    #: VLAN id -> MAC limit for the whole VLAN (switch CAM / policy)
    vlan_limits: tuple[tuple[int, int], ...] = ()
    engine: Optional[str] = None
    source: str = field(default="<input>", compare=False)
    #: scripts: `docker network rm` and container endpoints, and every docker command in order
    removals: tuple[Removal, ...] = ()
    endpoints: tuple[Endpoint, ...] = ()
    detaches: tuple[Detach, ...] = ()
    steps: tuple[Step, ...] = ()
    #: scripts: (line, text) of lines that are not docker commands macplan reads
    skipped: tuple[tuple[int, str], ...] = field(default=(), compare=False)
    #: a script: Docker runs its commands as written, so nothing is reordered
    as_written: bool = field(default=False, compare=False)

    @cached_property
    def _hosts_by_name(self) -> dict[str, Host]:
        return {h.name: h for h in self.hosts}

    def to_plan(self) -> "Plan":
        """This plan as a plain Plan: a plan read from another format (a compose file's
        ComposePlan) carries notes of its own, and dataclass equality needs one class."""
        if type(self) is Plan:
            return self
        from dataclasses import fields
        return Plan(**{f.name: getattr(self, f.name) for f in fields(Plan)})

    def creation_order(self) -> list[int]:
        """Indices of `networks` in the order Docker is asked to create them."""
        return creation_order(self.networks, self.as_written)

    def host(self, name: str) -> Host:
        """The named host; an undeclared one has unknown interfaces."""
        return self._hosts_by_name.get(name) or Host(name=name, interfaces_known=False)

    def network(self, name: str, host: Optional[str] = None) -> Network:
        for n in self.networks:
            if n.name == name and (host is None or n.host == host):
                return n
        raise KeyError(name)

    def with_(self, **changes: Unpack[PlanChanges]) -> "Plan":
        return replace(self, **changes)
