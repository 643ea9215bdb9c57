"""Host access to its own macvlan containers: the "shim".

A macvlan parent does not pass traffic between the host and its own macvlan children
(moby/moby#21735): the host needs a macvlan interface of its own on the same parent, in
bridge mode, with an address of the subnet, and a route for the containers' ip-range through
it. That address must never go to a container, so the plan reserves it as an aux-address named
`shim-<host>` on every host's copy of the network (`macplan.pools.address_spans` shows it with
role "shim"), and it is taken outside every host's ip-range so no container capacity is lost.

    plan = shim.reserve(plan, "lan")          # adds aux shim-<host> to each copy of lan
    for s in shim.shims(plan):
        print("\\n".join(s.commands()))       # ip link / ip addr / ip route
        s.networkd()                          # {path: text} for systemd-networkd
"""
from __future__ import annotations

import hashlib
import ipaddress
import os
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, TypedDict, Union

from macplan.docker.cli import ipam_groups
from macplan.errors import ShimError
from macplan.model import IpamGroup, Network, Plan
from macplan.partition import subnet_of
from macplan.quoting import (
    ini_value_problem,
    kernel_ifname_problem,
    path_component_problem,
    shell,
    shown,
    visible,
)

__all__ = ["ShimError", "Shim", "aux_name", "ifname", "reserve", "shims", "commands", "unreserved",
           "write_networkd"]

PREFIX = "shim-"
NETWORKD = "/etc/systemd/network"
#: first lines of the files `Shim.networkd` writes: a file starting otherwise is not macplan's
MARKERS = ("# macplan: ", "# drop-in for the .network file that configures ")


_Net = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]


class ShimDict(TypedDict):
    host: str
    network: str
    parent: str
    ifname: str
    address: str
    subnet: str
    routes: list[str]
    commands: list[str]
    notes: list[str]


def aux_name(host: str) -> str:
    return f"{PREFIX}{host}"


def ifname(network: str) -> str:
    """The shim's interface name: `mv-<network>`, hashed when longer than IFNAMSIZ-1 (15 bytes)
    or not plain ASCII (str.isalnum takes 'é', two bytes, which the kernel counts)."""
    name = f"mv-{network}"
    if len(name) <= 15 and name.isascii() and all(c.isalnum() or c in "-_." for c in name):
        return name
    return "mv-" + hashlib.sha1(network.encode()).hexdigest()[:8]


@dataclass(frozen=True)
class Shim:
    host: str
    network: str
    parent: str
    ifname: str
    address: str
    subnet: str
    routes: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def _plen(self) -> int:
        return 32 if ":" not in self.address else 128

    def argvs(self) -> list[list[str]]:
        """The commands that bring the shim up now, as argv lists (what `commands` quotes)."""
        self._check_parent()
        out = [["ip", "link", "add", self.ifname, "link", self.parent, "type", "macvlan", "mode", "bridge"],
               ["ip", "addr", "add", f"{self.address}/{self._plen}", "dev", self.ifname],
               ["ip", "link", "set", self.ifname, "up"]]
        out += [["ip", "route", "add", r, "dev", self.ifname] for r in self.routes]
        return out

    def commands(self) -> list[str]:
        """Shell commands that bring the shim up now (lost at reboot; see `networkd`); every
        value is shell-quoted, so a parent like `eth0;touch x` stays one word."""
        return [shell(a) for a in self.argvs()]

    def teardown(self) -> list[str]:
        return [shell(["ip", "link", "del", self.ifname])]

    def _check_parent(self) -> None:
        """The parent must be a name Linux accepts (dev_valid_name): no other link can exist, so
        no shim on it can work, and Docker refuses such a parent too."""
        problem = kernel_ifname_problem(self.parent)
        if problem:
            raise ShimError(f"network {shown(self.network)} on host {shown(self.host)}: "
                            f"parent {shown(self.parent)}: {problem}")

    def check_names(self) -> None:
        """Refuse names that cannot be file names or INI values (ShimError, one line naming the field)."""
        self._check_parent()
        for field, value in (("host", self.host), ("parent", self.parent)):
            problem = path_component_problem(value)
            if problem:
                raise ShimError(f"network {shown(self.network)}: {field} {shown(value)} names a directory "
                                f"of the networkd files, and {problem}")
        for field, value in (("ifname", self.ifname), ("address", self.address)) + \
                tuple(("route", r) for r in self.routes):
            problem = ini_value_problem(value)
            if problem:
                raise ShimError(f"network {shown(self.network)} on host {shown(self.host)}: "
                                f"{field} {shown(value)}: {problem}")

    def networkd_files(self) -> dict[str, str]:
        """`networkd` with paths relative to the networkd directory (what `write_networkd` writes)."""
        self.check_names()
        # comments carry names escaped (`visible`): a newline in a name must not start a key
        stem = f"25-{self.ifname}"
        netdev = (f"# macplan: host access to {visible(self.network)} containers on {visible(self.host)}\n"
                  f"[NetDev]\nName={self.ifname}\nKind=macvlan\n\n[MACVLAN]\nMode=bridge\n")
        network = (f"# macplan: the address is aux-address {visible(aux_name(self.host))} of "
                   f"{visible(self.network)}\n"
                   f"[Match]\nName={self.ifname}\n\n[Network]\nAddress={self.address}/{self._plen}\n")
        for r in self.routes:
            network += f"\n[Route]\nDestination={r}\n"
        dropin = (f"# drop-in for the .network file that configures {visible(self.parent)}; rename the directory to match it\n"
                  f"[Network]\nMACVLAN={self.ifname}\n")
        return {f"{stem}.netdev": netdev, f"{stem}.network": network,
                f"{self.parent}.network.d/macplan-{self.ifname}.conf": dropin}

    def networkd(self) -> dict[str, str]:
        """systemd-networkd files that make the shim persistent: the netdev, its network, and a
        drop-in that attaches it to the parent's own .network file (name it after that file).
        Paths are where the files go on the host; `write_networkd` writes them elsewhere."""
        return {f"{NETWORKD}/{rel}": text for rel, text in self.networkd_files().items()}

    def to_dict(self) -> ShimDict:
        return {"host": self.host, "network": self.network, "parent": self.parent, "ifname": self.ifname,
                "address": self.address, "subnet": self.subnet, "routes": list(self.routes),
                "commands": self.commands(), "notes": list(self.notes)}


def _macvlan_networks(plan: Plan) -> list[Network]:
    """Networks whose containers sit on a macvlan parent of their host: local macvlan networks,
    and config-only networks that a macvlan --config-from network uses (swarm nodes)."""
    users = {n.config_from: n.driver for n in plan.networks if n.config_from}
    out: list[Network] = []
    for n in plan.networks:
        if n.config_only:
            if users.get(n.name) == "macvlan" and n.parent:
                out.append(n)
        elif n.driver == "macvlan" and n.parent and n.config_from is None and n.scope != "swarm":
            out.append(n)
    return out


def _group(n: Network) -> Optional[IpamGroup]:
    """The IPAM entry the shim uses: the network's first IPv4 subnet, else its first subnet."""
    groups: tuple[IpamGroup, ...] = tuple(ipam_groups(n) or ())
    for g in groups:
        if ":" not in g.subnet:
            return g
    return groups[0] if groups else None


def _highest_free(subnet: _Net, taken: list[tuple[int, int]]) -> Optional[int]:
    """The highest address of `subnet` outside every taken span: a walk down sorted spans."""
    lo = int(subnet.network_address)
    cand = int(subnet.broadcast_address)
    merged: list[list[int]] = []
    for a, b in sorted(taken):
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    for a, b in reversed(merged):
        if b < cand:
            return cand
        if a <= cand:
            cand = a - 1
        if cand < lo:
            return None
    return cand if cand >= lo else None


def reserve(plan: Plan, name: Optional[str] = None, hosts: Optional[Iterable[str]] = None,
            addresses: Optional[Mapping[str, str]] = None) -> Plan:
    """The plan with a shim address reserved for each host of macvlan network `name` (all of
    them when None): aux-address `shim-<host>` on every copy of the network that shares the
    subnet, so no host's Docker hands it out. Addresses are taken from the top of the subnet,
    outside every range, gateway, aux-address and DHCP scope; `addresses` pins some ({host: ip}).
    Every network of the same subnet (other names included: one LAN) gets the aux-address."""
    addresses = dict(addresses or {})
    todo = [n for n in _macvlan_networks(plan) if (name is None or n.name == name)
            and (hosts is None or n.host in set(hosts))]
    if name is not None and not todo:
        raise ShimError(f"no macvlan network {name} with a parent in plan {plan.name}")
    nets = list(plan.networks)
    for target in todo:
        g = _group(target)
        if g is None:
            raise ShimError(f"{target.name} on {target.host} has no subnet: a shim needs one")
        subnet = ipaddress.ip_network(g.subnet, strict=False)
        key = aux_name(target.host)
        # every network of this subnet, whatever its name or host: one LAN, one set of addresses
        peers = [i for i, n in enumerate(nets)
                 if any(ipaddress.ip_network(s, strict=False) == subnet for s in n.subnets if _parses(s))]
        if any(dict(nets[i].aux).get(key) for i in peers):
            continue                                     # already reserved
        addr = addresses.get(target.host)
        if addr is None:
            taken = [(int(subnet.network_address), int(subnet.network_address))]
            if subnet.version == 4:
                taken.append((int(subnet.broadcast_address), int(subnet.broadcast_address)))
            for i in peers:
                n = nets[i]
                for r in n.ip_ranges:
                    if _parses(r):
                        rn = ipaddress.ip_network(r, strict=False)
                        if rn.version == subnet.version:
                            taken.append((int(rn.network_address), int(rn.broadcast_address)))
                for a in list(n.gateways) + [v for _, v in n.aux]:
                    try:
                        x = ipaddress.ip_address(a)
                    except ValueError:
                        continue
                    if x.version == subnet.version:
                        taken.append((int(x), int(x)))
            for d in plan.dhcp:
                try:
                    f, l = ipaddress.ip_address(d.first), ipaddress.ip_address(d.last)
                except ValueError:
                    continue
                if f.version == subnet.version:
                    taken.append((int(f), int(l)))
            free = _highest_free(subnet, taken)
            if free is None:
                raise ShimError(f"no free address in {subnet} outside the ranges for the shim of {target.host}")
            addr = str(ipaddress.ip_address(free))
        elif ipaddress.ip_address(addr) not in subnet:
            raise ShimError(f"shim address {addr} of {target.host} is outside {subnet}")
        for i in peers:
            nets[i] = nets[i].with_(aux=nets[i].aux + ((key, addr),))
    return plan.with_(networks=tuple(nets))


def _parses(text: str) -> bool:
    try:
        ipaddress.ip_network(text, strict=False)
        return True
    except ValueError:
        return False


def shims(plan: Plan, name: Optional[str] = None, host: Optional[str] = None) -> list["Shim"]:
    """One shim per host and macvlan network that has its `shim-<host>` aux-address reserved."""
    out: list[Shim] = []
    for n in _macvlan_networks(plan):
        if (name is not None and n.name != name) or (host is not None and n.host != host):
            continue
        addr = dict(n.aux).get(aux_name(n.host))
        if not addr or not n.parent:      # (_macvlan_networks keeps only networks with a parent)
            continue
        g = _group(n)
        if g is None:      # as reserve says it: the CLI would refuse its IPAM flags, or it has none
            raise ShimError(f"{n.name} on {n.host} has no subnet: a shim needs one")
        subnet = ipaddress.ip_network(g.subnet, strict=False)
        routes = tuple(r for r in n.ip_ranges if _parses(r) and ipaddress.ip_network(r, strict=False).version
                       == subnet.version and subnet_of(ipaddress.ip_network(r, strict=False), subnet))
        notes: tuple[str, ...] = ()
        if not routes:
            # Docker may hand out any address of the subnet, so the routes cover all of it: as its
            # two halves, because a host with an address on the parent already has the subnet's
            # own (connected) route and `ip route add <subnet>` fails there with "File exists";
            # the halves are more specific, so they win
            routes = tuple(str(h) for h in subnet.subnets(prefixlen_diff=1)) \
                if subnet.prefixlen < subnet.max_prefixlen else (str(subnet),)
            notes = (f"{n.name} has no --ip-range on {n.host}: the routes cover the whole subnet (as its two "
                     f"halves), which takes the host's own traffic to {subnet} off {n.parent}; give the network "
                     f"an ip-range",)
        out.append(Shim(n.host, n.name, n.parent, ifname(n.name), addr, str(subnet), routes, notes))
    return out


def commands(plan: Plan, name: Optional[str] = None) -> str:
    """Every shim's commands, grouped per host, as one shell script."""
    lines: list[str] = []
    for s in shims(plan, name):
        lines.append(f"# on host {visible(s.host)}: reach {visible(s.network)} containers "
                     f"({', '.join(s.routes)}) from the host")
        lines += [f"# note: {visible(note)}" for note in s.notes]
        lines += s.commands()
    return "\n".join(lines) + ("\n" if lines else "")


def unreserved(plan: Plan, reserved: Plan) -> list[str]:
    """What `reserve` added that `plan` does not hold and Docker could hand out: one line per
    network and host, saying which aux-address to add.  A network with an ip-range needs none
    (the shim's address is taken outside every range, where Docker gives no container one)."""
    out = []
    for before, after in zip(plan.networks, reserved.networks):
        if after.ip_ranges:
            continue
        added = [(key, addr) for key, addr in after.aux if key.startswith(PREFIX) and (key, addr) not in before.aux]
        if added:
            # every host's copy of the subnet holds every shim address: any of its containers could get one
            flags = " ".join(shell(["--aux-address", f"{key}={addr}"]) for key, addr in added)
            yaml_aux = ", ".join(f"{key}: {addr}" for key, addr in added)
            out.append(f"add {flags} to network {shown(after.name)} on host {shown(after.host)} (YAML: aux: "
                       f"{{{yaml_aux}}}), or Docker may give {' or '.join(a for _, a in added)} to a container")
    return out


def _inside(base: str, path: str) -> bool:
    return os.path.commonpath([base, path]) == base


def write_networkd(shim_list: Iterable["Shim"], directory: str) -> list[str]:
    """Write every shim's networkd files under `directory`/<host>/ (copy that tree into the host's
    /etc/systemd/network) and return the paths written. Nothing is written outside `directory`:
    names are checked, every target is resolved (symlinks included) and must stay inside it.
    A file already there is overwritten only when macplan wrote it (its first line is one of
    MARKERS): `directory` may be a copy of a live /etc/systemd/network, and a hand-written
    .network file replaced by ours would silently drop that host's own configuration.
    Everything is checked before the first file is written. Raises ShimError."""
    base = os.path.realpath(directory)
    planned: dict[str, str] = {}
    for s in shim_list:
        for rel, text in s.networkd_files().items():      # checks the names first
            path = os.path.realpath(os.path.join(base, s.host, rel))
            if not _inside(base, path):
                raise ShimError(f"{os.path.join(directory, s.host, rel)} resolves to {path}, outside {directory}")
            if path in planned:
                raise ShimError(f"two shims on host {shown(s.host)} would both write {path}")
            planned[path] = text
    for path in planned:
        if os.path.lexists(path) and not _ours(path):
            raise ShimError(f"{path} exists and macplan did not write it; not overwriting it")
    for path, text in planned.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    return list(planned)


def _ours(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as fh:
            first = fh.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return first.startswith(MARKERS)
