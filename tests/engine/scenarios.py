"""Random scripts of `docker` commands as users write them, and a runner that plays them on a real engine.

A scenario is a short script applied in order on a fresh engine: `docker network create` commands,
and (since issue 9 item 5) `docker network rm`, static endpoints (`docker run -d --network N --ip A
--ip6 A --mac-address M IMAGE sleep`, `docker create ...`, `docker network connect --ip A N C`),
config-only/config-from networks, IPv6 corners and CLI mistakes. The generator is seeded and uses
only the standard library (`random`, `ipaddress`), so it never shares arithmetic with the code under
test: expected outcomes come from the daemon, not from macplan.

Every scenario has a category (the kind of script) and a topic (the shape within it). Categories and
their weights in `generate` (WEIGHTS), most commands valid, some with the mistakes users make:

  create    random `docker network create` scripts (the original generator): parents present,
            missing, VLAN sub-interfaces; overlapping subnets; gateways/ranges/aux in and out; modes
  endpoint  a network or two, then `docker run -d` / `docker create` / `docker network connect`
            with --ip/--ip6/--mac-address: in the ip-range, in the subnet outside it, the gateway,
            an aux address, network/broadcast, outside, already in use, duplicate MAC, unknown
            network, --ip on a network without a user subnet, a container name used twice
  rm        `docker network rm` between creates: reuse of a pool, a parent, a name; rm of a
            missing name, of several names, of a network with a container, retry after a failure
  config    --config-only / --config-from (local): basic, two users of one config, own options on
            a config-from network, rm of a config network in use, endpoints on config-from networks
  ipv6      `::ffff:a.b.c.d` and `::a.b.c.d` host parts, subnets shorter than /64, ip-ranges whose
            ordinals cross 2^32 or 2^64, IPv4-mapped subnets, IPv6-only networks, --ip6 endpoints
  cli       unknown flags (--macvlan-mode, -p, --ip on create), missing or extra names,
            `--flag value` vs `--flag=value`, -o without '=', `docker network remove`, --net=
"""

from __future__ import annotations

import dataclasses
import ipaddress
import random
import re
import shlex
import subprocess
from typing import Iterable, Sequence

# Interfaces the lab creates (veth pairs inside its netns); everything else is missing.
PRESENT_PARENTS = ("eth0", "eth1", "eth0.50")
MISSING_PARENTS = ("eth9", "eth0.77", "eth9.77", "eth0.abc", "eth0.5000", "a.b.c", "eth1.0", "eth0.+7")
PREDEFINED_NAMES = ("bridge", "host", "none", "default")

MACVLAN_MODES_VALID = ("bridge", "private", "vepa", "passthru")
MACVLAN_MODES_INVALID = ("bogus", "Bridge", "l2", "")
IPVLAN_MODES_VALID = ("l2", "l3")
IPVLAN_MODES_NEWER = ("l3s",)  # accepted from engine 23
IPVLAN_MODES_INVALID = ("bridge", "L2", "l4")
IPVLAN_FLAGS = ("bridge", "private", "vepa", "bogus")
UNKNOWN_OPTS = ("com.docker.network.driver.mtu=1400", "foo=bar", "Parent=eth9", "mode=l2",
                "macvlan-mode=private")

# IPv4 blocks drawn from; a scenario works in one or two of them so subnets collide often.
V4_BLOCKS = ("10.1.0.0/16", "10.2.0.0/16", "192.0.2.0/24", "198.51.100.0/24", "172.18.0.0/16")
V6_BLOCKS = ("fd00:1::/48", "fd00:2::/48", "2001:db8::/48")

# Addresses the daemon prints instead of a network id.
_ID_RE = re.compile(r"\b(d[mi]-)[0-9a-f]{12}\b|\b[0-9a-f]{64}\b")
DAEMON_PREFIX = "Error response from daemon: "


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A few docker commands meant to run in order on a fresh engine."""

    seed: int
    index: int
    commands: tuple[tuple[str, ...], ...]  # each an argv starting with "docker"
    category: str = "create"
    topic: str = "random"

    @property
    def id(self) -> str:
        return f"hand-{self.index}" if self.seed < 0 else f"s{self.seed}-{self.index}"

    @property
    def argvs(self) -> list[list[str]]:
        return [list(c) for c in self.commands]

    def script(self) -> str:
        """The scenario as the shell script a user would paste."""
        return "".join(shlex.join(c) + "\n" for c in self.commands)


# Report keys the commands of a script meet in `macplan check`: creates -> networks, rms -> removals,
# run / create / connect -> endpoints (one entry per command, in order).
ENDPOINT_OPS = ("run", "create-container", "connect")


def op_of(argv: Sequence[str]) -> str:
    """The kind of docker command: create, rm, run, create-container, connect (else the words)."""
    a = list(argv[1:])
    if a[:1] == ["network"]:
        sub = a[1] if len(a) > 1 else ""
        return {"create": "create", "rm": "rm", "remove": "rm", "connect": "connect"}.get(sub, "network " + sub)
    if a[:1] == ["run"] or a[:2] == ["container", "run"]:
        return "run"
    if a[:1] == ["create"] or a[:2] == ["container", "create"]:
        return "create-container"
    return " ".join(a[:1])


def report_key(op: str) -> str:
    """The `check --json` list a command's verdict is in: the recordings' mapping (one rule)."""
    return _recordings().OPS.get(op, "other")


# --------------------------------------------------------------------------- generation


class _Gen:
    """State for one scenario: names used, parents used, subnets handed out."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.names: list[str] = []
        self.parents: list[str] = []
        self.v4: list[ipaddress.IPv4Network] = []
        self.v6: list[ipaddress.IPv6Network] = []
        self.blocks4 = rng.sample(V4_BLOCKS, k=rng.choice((1, 1, 2)))
        self.block6 = rng.choice(V6_BLOCKS)
        self.counter = 0
        self.clean = False  # a command with no deliberate mistake

    # -- helpers -----------------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick_net(self, block: ipaddress._BaseNetwork, prefix: int, hot_bits: int):
        """An aligned /prefix inside block, mostly near the block's start so subnets collide."""
        prefix = min(max(prefix, block.prefixlen), block.max_prefixlen)
        n = 2 ** (prefix - block.prefixlen)
        hot = max(1, 2 ** max(0, prefix - hot_bits))
        idx = self.rng.randrange(min(n, hot)) if self.chance(0.85) else self.rng.randrange(n)
        base = int(block.network_address) + idx * (1 << (block.max_prefixlen - prefix))
        return ipaddress.ip_network((base, prefix))

    def v4_subnet(self) -> ipaddress.IPv4Network:
        if self.v4 and self.chance(0.15 if self.clean else 0.35):
            prev = self.rng.choice(self.v4)
            # same, nested inside, or containing an earlier subnet
            kind = self.rng.choice(("same", "inner", "outer"))
            if kind == "same" or (kind == "inner" and prev.prefixlen >= 30):
                return prev
            if kind == "inner":
                return self.pick_net(prev, prev.prefixlen + self.rng.choice((1, 2, 4)), 32)
            return prev.supernet(new_prefix=max(8, prev.prefixlen - self.rng.choice((1, 2, 8))))
        if self.chance(0.02):
            # the unspecified address: the whole IPv4 space (refused by macvlan up to 28), or on 29
            # "a default pool of this size"
            return ipaddress.IPv4Network(f"0.0.0.0/{self.rng.choice((0, 0, 8, 16, 24))}")
        block = ipaddress.ip_network(self.rng.choice(self.blocks4))
        prefix = self.rng.choice((16, 20, 22, 24, 24, 24, 24, 25, 26, 27, 28, 28, 29, 30, 31, 32))
        return self.pick_net(block, prefix, 22)

    def v6_subnet(self) -> ipaddress.IPv6Network:
        if self.v6 and self.chance(0.35):
            prev = self.rng.choice(self.v6)
            if self.chance(0.5) or prev.prefixlen >= 124:
                return prev
            return self.pick_net(prev, min(128, prev.prefixlen + 8), 128)
        block = ipaddress.ip_network(self.block6)
        prefix = self.rng.choice((48, 56, 64, 64, 64, 64, 120, 124, 126, 127, 128))
        return self.pick_net(block, prefix, 120)

    def host_in(self, net) -> ipaddress._BaseAddress:
        size = net.num_addresses
        if size <= 2:
            return net[self.rng.randrange(size)]
        if self.chance(0.5):
            return net[1]
        return net[self.rng.randrange(1, min(size - 1, 2**20))]

    def outside(self, net) -> ipaddress._BaseAddress:
        """An address of the same family not inside net."""
        if net.version == 4:
            cand = ipaddress.ip_address((int(net.broadcast_address) + 1 + self.rng.randrange(5)) % 2**32)
            if cand in net:  # 0.0.0.0/0 etc., never generated
                cand = ipaddress.ip_address("203.0.113.9")
            return cand if self.chance(0.7) else ipaddress.ip_address("203.0.113.9")
        cand = ipaddress.ip_address((int(net.broadcast_address) + 1) % 2**128)
        return cand if self.chance(0.7) else ipaddress.ip_address("2001:db8:ffff::1")

    @staticmethod
    def with_host_bits(net, rng: random.Random) -> str:
        """The subnet written with host bits set (`10.1.0.5/24`)."""
        if net.num_addresses < 4:
            return str(net)
        return f"{net[rng.randrange(1, net.num_addresses - 1)]}/{net.prefixlen}"

    # -- one IPAM entry ----------------------------------------------------------------
    def ipam_entry(self, net, aux_names: list[str]) -> list[str]:
        args: list[str] = []
        r = self.rng
        sub_text = self.with_host_bits(net, r) if self.chance(0.05) else str(net)
        args += self.flag("--subnet", sub_text)

        gw = None
        x = r.random() * (0.75 if self.clean else 1)
        if x < 0.40:
            gw = None
        elif x < 0.75:
            gw = self.host_in(net)
        elif x < 0.82:
            gw = net.network_address
        elif x < 0.88:
            gw = net.broadcast_address
        elif x < 0.97:
            gw = self.outside(net)
        else:
            gw = "300.1.1.1" if net.version == 4 else "fd00::zz"
        if gw is not None:
            args += self.flag("--gateway", str(gw))

        rng_net = None
        if self.chance(0.3):
            y = r.random() * (0.6 if self.clean else 1)
            if y < 0.6 and net.prefixlen < net.max_prefixlen:
                rng_net = self.pick_net(net, min(net.max_prefixlen, net.prefixlen + r.choice((1, 1, 2, 3, 4))),
                                        net.max_prefixlen)
                rtext = str(rng_net)
            elif y < 0.7:
                rng_net = net
                rtext = str(net)
            elif y < 0.8 and net.prefixlen > 8:
                rtext = str(net.supernet(new_prefix=net.prefixlen - 2))
            elif y < 0.9:
                o = self.outside(net)
                rtext = f"{o}/{net.max_prefixlen - 4 if net.version == 4 else 124}"
                try:
                    rtext = str(ipaddress.ip_network(rtext, strict=False))
                except ValueError:
                    pass
            else:  # host bits in the range
                sub = self.pick_net(net, min(net.max_prefixlen, net.prefixlen + 1), net.max_prefixlen)
                rtext = self.with_host_bits(sub, r)
            args += self.flag("--ip-range", rtext)

        if self.chance(0.25):
            for _ in range(r.choice((1, 1, 2, 3))):
                name = r.choice(("a", "b", "router", "nas", "printer")) if self.chance(0.9) else "a"
                z = r.random() * (0.45 if self.clean else 1)
                if z < 0.45:
                    addr = self.host_in(rng_net if rng_net is not None and self.chance(0.5) else net)
                elif z < 0.6 and gw is not None:
                    addr = gw
                elif z < 0.7:
                    addr = net.network_address if self.chance(0.5) else net.broadcast_address
                elif z < 0.8 and aux_names:
                    addr = aux_names[-1].split("=", 1)[1]  # same address again
                else:
                    addr = self.outside(net)
                aux_names.append(f"{name}={addr}")
                args += self.flag("--aux-address", f"{name}={addr}")
        return args

    def flag(self, name: str, value: str) -> list[str]:
        return [f"{name}={value}"] if self.chance(0.2) else [name, value]

    def opt(self, kv: str) -> list[str]:
        style = self.rng.random()
        if style < 0.6:
            return ["-o", kv]
        if style < 0.85:
            return ["--opt", kv]
        return [f"--opt={kv}"]

    # -- one command -------------------------------------------------------------------
    def command(self) -> tuple[str, ...]:
        r = self.rng
        self.clean = self.chance(0.45)
        args: list[str] = []
        driver = "macvlan" if self.chance(0.7) else "ipvlan"
        args += [r.choice(("-d", "--driver")), driver] if self.chance(0.9) else [f"--driver={driver}"]

        # parent
        x = r.random() * (0.72 if self.clean else 1)
        if self.clean:
            fresh = [p for p in PRESENT_PARENTS if p not in self.parents]
            parent = r.choice(fresh or PRESENT_PARENTS)
        elif self.parents and x < 0.3:
            parent = r.choice(self.parents)
        elif x < 0.72:
            parent = r.choice(("eth0", "eth0", "eth0", "eth1", "eth0.50"))
        elif x < 0.85:
            parent = r.choice(MISSING_PARENTS)
        elif x < 0.91:
            parent = None
        elif x < 0.95:
            parent = "lo"
        else:
            parent = ""
        if parent is not None:
            args += self.opt(f"parent={parent}")
            self.parents.append(parent)

        # modes
        if self.chance(0.35):
            if driver == "macvlan":
                m = r.choice(MACVLAN_MODES_VALID * 2 + (() if self.clean else MACVLAN_MODES_INVALID))
                args += self.opt(f"macvlan_mode={m}")
            else:
                m = r.choice(IPVLAN_MODES_VALID * 2 + IPVLAN_MODES_NEWER + (() if self.clean else IPVLAN_MODES_INVALID))
                args += self.opt(f"ipvlan_mode={m}")
        if self.chance(0.07):  # the other driver's key, or ipvlan_flag
            key = r.choice(("ipvlan_mode=l3", "macvlan_mode=bogus", "ipvlan_flag=" + r.choice(IPVLAN_FLAGS)))
            args += self.opt(key)
        if self.chance(0.1):
            args += self.opt(r.choice(UNKNOWN_OPTS))

        # IPAM
        aux: list[str] = []
        y = r.random()
        if y < 0.05 and not self.clean:
            pass  # no --subnet: a default pool
        else:
            nets4 = [self.v4_subnet()] if y < 0.93 else []
            if nets4 and self.chance(0.12):  # a second IPv4 subnet in the same command
                second = self.v4_subnet()
                nets4.append(second)
            for n in nets4:
                args += self.ipam_entry(n, aux)
                self.v4.append(n)
            if self.chance(0.22) or not nets4:
                n6 = self.v6_subnet()
                args += self.ipam_entry(n6, aux)
                self.v6.append(n6)
                if self.chance(0.6):
                    args.append("--ipv6")
            elif self.chance(0.04):
                args.append("--ipv6")  # --ipv6 with no IPv6 subnet
            if self.chance(0.05) and not self.clean:  # a range or gateway with no subnet of its own
                args += self.flag(r.choice(("--gateway", "--ip-range")),
                                  "10.99.0.1" if self.chance(0.5) else "10.99.0.0/28")

        if self.chance(0.1):
            args.append("--internal")
        if self.chance(0.05):
            args.append("--attachable")
        if self.chance(0.05):
            args += self.flag("--label", "team=net")

        # name
        z = r.random() if not self.clean else 1.0
        if self.names and z < 0.07:
            name = r.choice(self.names)
        elif z < 0.11:
            name = r.choice(PREDEFINED_NAMES)
        else:
            self.counter += 1
            name = f"n{self.counter}"
            self.names.append(name)

        # flag order: shuffle whole flag groups, name usually last
        groups = _groups(args)
        if self.chance(0.3):
            r.shuffle(groups)
        flat = [a for g in groups for a in g]
        if self.chance(0.1):
            flat = [name] + flat
        else:
            flat = flat + [name]
        return ("docker", "network", "create", *flat)


def _groups(args: list[str]) -> list[list[str]]:
    """Split argv into flag groups (`--x v`, `--x=v`, `--ipv6`) so they can be shuffled."""
    out: list[list[str]] = []
    i = 0
    valueless = {"--ipv6", "--internal", "--attachable"}
    while i < len(args):
        a = args[i]
        if "=" in a and a.startswith("--") or a in valueless:
            out.append([a])
            i += 1
        else:
            out.append(args[i:i + 2])
            i += 2
    return out


# --------------------------------------------------------------------------- scripts as users write them

IMAGE = "macplan/busybox:latest"  # imported by the lab; never pulled

# category -> weight: mostly what people really paste (networks, then containers on them)
WEIGHTS = {"create": 20, "endpoint": 30, "rm": 15, "config": 10, "ipv6": 13, "cli": 12}

_NET_NAMES = ("macnet", "pub_net", "lan", "iot", "vlan50", "mv", "macvlan0", "dmz", "office")
_CTR_NAMES = ("web", "db", "pihole", "nginx", "app", "c", "test")
_LAN4 = ("192.168.{a}.0/24", "10.{a}.{b}.0/24", "172.{c}.{a}.0/24", "10.{a}.0.0/16", "192.168.{a}.0/25",
         "10.{a}.{b}.0/27", "192.168.{a}.0/28")


class _Net:
    """What the generator remembers about a network it asked for (whatever Docker did with it)."""

    def __init__(self, name, parent, v4=None, v6=None, gw4=None, gw6=None, range4=None, range6=None,
                 aux=(), driver="macvlan", config_only=False, config_from=None):
        self.name, self.parent, self.driver = name, parent, driver
        self.v4, self.v6, self.gw4, self.gw6, self.range4, self.range6 = v4, v6, gw4, gw6, range4, range6
        self.aux = list(aux)
        self.config_only, self.config_from = config_only, config_from


class _Script:
    """State for one user-shaped script: networks asked for, containers, addresses and MACs used."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.cmds: list[tuple[str, ...]] = []
        self.nets: list[_Net] = []
        self.ctrs: list[str] = []
        self.ips: list[str] = []
        self.macs: list[str] = []
        self.parents_free = list(("eth0", "eth1", "eth2", "eth0.50"))
        rng.shuffle(self.parents_free)
        self.n = 0
        self.used4: list[ipaddress.IPv4Network] = []
        self.eq = rng.random() < 0.3  # this user writes --flag=value

    # -- helpers -------------------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def f(self, name: str, value) -> list[str]:
        eq = self.eq if self.chance(0.9) else not self.eq
        return [f"{name}={value}"] if eq else [name, str(value)]

    def name(self, stem: str | None = None) -> str:
        self.n += 1
        return f"{stem or self.rng.choice(_NET_NAMES)}{self.n}"

    def ctr_name(self) -> str:
        self.n += 1
        return f"{self.rng.choice(_CTR_NAMES)}{self.n}"

    def parent(self) -> str:
        if self.parents_free:
            return self.parents_free.pop()
        return self.rng.choice(("eth0", "eth1", "eth2", "eth0.50"))

    def subnet4(self) -> ipaddress.IPv4Network:
        r = self.rng
        for _ in range(20):
            t = r.choice(_LAN4).format(a=r.randrange(1, 255), b=r.randrange(0, 255), c=r.randrange(16, 32))
            net = ipaddress.ip_network(t, strict=False)
            if not any(net.overlaps(u) for u in self.used4):
                self.used4.append(net)
                return net
        return net

    def subnet6(self, prefix: int = 64) -> ipaddress.IPv6Network:
        r = self.rng
        base = r.choice(("fd00:{x:x}::", "2001:db8:{x:x}::", "fd{y:02x}:{x:x}:{z:x}::"))
        text = base.format(x=r.randrange(1, 0xffff), y=r.randrange(0, 256), z=r.randrange(0, 0xffff))
        return ipaddress.ip_network(f"{text}/{prefix}", strict=False)

    def mac(self) -> str:
        r = self.rng
        if self.chance(0.5):
            return "02:42:" + ":".join(f"{r.randrange(256):02x}" for _ in range(4))
        return ":".join(f"{(r.randrange(256) & 0xfe) | 0x02 if i == 0 else r.randrange(256):02x}" for i in range(6))

    def emit(self, *argv) -> None:
        self.cmds.append(("docker", *[str(a) for a in argv]))

    # -- networks --------------------------------------------------------------------------
    def create_net(self, *, v6: bool = False, v4: bool = True, driver: str | None = None, gw: bool | None = None,
                   rng_p: float = 0.4, aux_p: float = 0.2, parent: str | None = None, name: str | None = None,
                   extra: Sequence[str] = ()) -> _Net:
        r = self.rng
        driver = driver or ("macvlan" if self.chance(0.85) else "ipvlan")
        parent = parent or self.parent()
        name = name or self.name()
        net = _Net(name, parent, driver=driver)
        args = ["network", "create", *([r.choice(("-d", "--driver")), driver])]
        if v4:
            net.v4 = self.subnet4()
            args += self.f("--subnet", net.v4)
            if net.v4.num_addresses > 8 and self.chance(rng_p):
                plen = min(30, net.v4.prefixlen + r.choice((1, 1, 2, 3)))
                subs = list(net.v4.subnets(new_prefix=plen))
                net.range4 = r.choice(subs[-2:] if len(subs) > 1 else subs)
                args += self.f("--ip-range", net.range4)
            if gw if gw is not None else self.chance(0.7):
                net.gw4 = net.v4[1] if self.chance(0.8) else net.v4[-2]
                args += self.f("--gateway", net.gw4)
            if self.chance(aux_p):
                a = net.v4[2] if net.v4.num_addresses > 4 else net.v4[0]
                net.aux.append(a)
                args += self.f("--aux-address", f"router={a}")
        if v6:
            net.v6 = self.subnet6(r.choice((64, 64, 64, 80, 112, 120)))
            args += self.f("--subnet", net.v6)
            if self.chance(0.3):
                net.range6 = next(net.v6.subnets(new_prefix=min(127, net.v6.prefixlen + 8)))
                args += self.f("--ip-range", net.range6)
            if self.chance(0.5):
                net.gw6 = net.v6[1]
                args += self.f("--gateway", net.gw6)
            args.append("--ipv6")
        args += ["-o" if self.chance(0.8) else "--opt", f"parent={parent}"]
        args += list(extra)
        args.append(name)
        self.emit(*args)
        self.nets.append(net)
        return net

    # -- endpoints -------------------------------------------------------------------------
    def address(self, net: _Net, family: int = 4) -> tuple[str, str]:
        """(kind, address) for an --ip / --ip6 on net, weighted toward what works."""
        r = self.rng
        sub = net.v4 if family == 4 else net.v6
        rng_ = net.range4 if family == 4 else net.range6
        gw = net.gw4 if family == 4 else net.gw6
        if sub is None:
            return "nosubnet", "10.123.0.5" if family == 4 else "fd00:dead::5"
        x = r.random()
        size = sub.num_addresses
        if x < 0.45:
            pool = rng_ or sub
            lo = 2 if pool is sub else 0
            hi = min(pool.num_addresses - 1, 250)
            return "in-pool", str(pool[r.randrange(lo, max(lo + 1, hi))] if hi > lo else pool[-1])
        if x < 0.55 and rng_ is not None:
            cand = [sub[i] for i in (3, 5, 10, 20) if i < size and sub[i] not in rng_]
            if cand:
                return "outside-range", str(r.choice(cand))
        if x < 0.63 and self.ips:
            same = [a for a in self.ips if ipaddress.ip_address(a) in sub]
            if same:
                return "in-use", r.choice(same)
        if x < 0.71:
            return "gateway", str(gw or sub[1])
        if x < 0.76 and net.aux:
            return "aux", str(r.choice(net.aux))
        if x < 0.82:
            return "net-or-bcast", str(sub[0] if self.chance(0.5) or family == 6 else sub[-1])
        if x < 0.92:
            o = int(sub.broadcast_address) + 1 + r.randrange(50)
            return "outside", str(ipaddress.ip_address(o % (2 ** sub.max_prefixlen)))
        return "in-pool", str((rng_ or sub)[-2] if (rng_ or sub).num_addresses > 2 else sub[0])

    def endpoint(self, net: _Net | None, *, verb: str | None = None, ip_p: float = 0.75,
                 mac_p: float = 0.25) -> None:
        r = self.rng
        verb = verb or r.choice(("run",) * 6 + ("create",) * 2 + ("connect",) * 2)
        netname = net.name if net is not None else "nosuchnet"
        args: list[str] = []
        if verb == "connect" and self.ctrs and self.chance(0.85):
            ctr = r.choice(self.ctrs)
        elif verb == "connect":
            # a container to connect: created first on another network (or none at all)
            other = next((n for n in self.nets if n is not net and not n.config_only), None)
            if other is None and self.chance(0.8):
                other = self.create_net(driver="macvlan", v6=False)
            ctr = self.ctr_name()
            self.emit(*r.choice((("create",), ("run", "-d"))), "--name", ctr,
                      *self.f("--network", other.name if other else "none"), IMAGE, "sleep", "600")
            self.ctrs.append(ctr)
        if net is not None and net.v4 is not None and self.chance(ip_p):
            kind, a = self.address(net, 4)
            args += self.f("--ip", a)
            self.ips.append(a)
        if net is not None and net.v6 is not None and self.chance(0.6):
            kind, a = self.address(net, 6)
            args += self.f("--ip6", a)
            self.ips.append(a)
        if net is not None and net.v4 is None and net.v6 is None and self.chance(0.3):
            args += self.f("--ip", "10.123.0.5")  # no user subnet
        if verb == "connect":
            self.emit("network", "connect", *args, netname, ctr)
            return
        if self.chance(mac_p):
            m = r.choice(self.macs) if self.macs and self.chance(0.3) else self.mac()
            args += self.f("--mac-address", m)
            self.macs.append(m)
        ctr = r.choice(self.ctrs) if self.ctrs and self.chance(0.04) else self.ctr_name()
        self.ctrs.append(ctr)
        netflag = "--network" if self.chance(0.9) else "--net"
        head = ["run", "-d"] if verb == "run" else ["create"]
        if verb == "run" and self.chance(0.15):
            head = ["run", "-d", "--rm"]
        self.emit(*head, "--name", ctr, *self.f(netflag, netname), *args, IMAGE, "sleep", "600")

    # -- categories ---------------------------------------------------------------------------
    def cat_endpoint(self) -> str:
        r = self.rng
        topic = r.choice(("static_ip", "static_ip", "static_ip", "dual_stack", "two_networks", "connect",
                          "mac", "no_subnet", "ipvlan", "fill_small"))
        if topic == "no_subnet":
            net = _Net(self.name(), self.parent())
            self.emit("network", "create", "-d", "macvlan", "-o", f"parent={net.parent}", net.name)
            self.nets.append(net)
            for _ in range(r.randint(1, 2)):
                self.endpoint(net, ip_p=1.0, verb=r.choice(("run", "create", "connect")))
            return topic
        if topic == "fill_small":
            net = _Net(self.name(), self.parent())
            net.v4 = ipaddress.ip_network(f"10.{r.randrange(1, 250)}.{r.randrange(250)}.0/30")
            self.emit("network", "create", "-d", "macvlan", *self.f("--subnet", net.v4),
                      "-o", f"parent={net.parent}", net.name)
            self.nets.append(net)
            for _ in range(r.randint(2, 4)):
                self.endpoint(net, verb="run", ip_p=0.3, mac_p=0)
            return topic
        nets = [self.create_net(v6=topic == "dual_stack" or self.chance(0.1),
                                driver="ipvlan" if topic == "ipvlan" else "macvlan",
                                rng_p=0.5, aux_p=0.3)]
        if topic in ("two_networks", "connect") or self.chance(0.15):
            nets.append(self.create_net(v6=self.chance(0.2), driver="macvlan"))
        k = r.randint(2, 5)
        for i in range(k):
            net = r.choice(nets) if self.chance(0.95) else None
            verb = "connect" if topic == "connect" and i > 0 else None
            self.endpoint(net, verb=verb, mac_p=0.7 if topic == "mac" else 0.2)
        return topic

    def cat_rm(self) -> str:
        r = self.rng
        topic = r.choice(("rm_pool_reuse", "rm_parent_reuse", "rm_name_reuse", "rm_missing", "rm_multi",
                          "rm_in_use", "rm_failed_then_retry"))
        a = self.create_net(driver="macvlan", gw=True)
        rm = ("network", r.choice(("rm",) * 5 + ("remove",)))
        if topic == "rm_pool_reuse":
            b_parent = self.parent()
            self.emit(*rm, a.name)
            net = _Net(self.name(), b_parent, v4=a.v4)
            self.emit("network", "create", "-d", "macvlan", *self.f("--subnet", a.v4),
                      *(self.f("--gateway", a.v4[1]) if self.chance(0.5) else []),
                      "-o", f"parent={b_parent}", net.name)
        elif topic == "rm_parent_reuse":
            b = _Net(self.name(), a.parent, v4=self.subnet4())
            args = ("network", "create", "-d", "macvlan", *self.f("--subnet", b.v4), "-o", f"parent={a.parent}", b.name)
            if self.chance(0.6):
                self.emit(*args)  # refused: the parent is taken
            self.emit(*rm, a.name)
            self.emit(*args)
        elif topic == "rm_name_reuse":
            self.emit(*rm, a.name)
            self.create_net(name=a.name, parent=a.parent if self.chance(0.5) else None)
            if self.chance(0.3):
                self.create_net(name=a.name)  # the name exists again
        elif topic == "rm_missing":
            self.emit(*rm, r.choice((a.name + "x", "macnet", a.name.upper(), "nosuch")))
            if self.chance(0.5):
                self.emit(*rm, a.name)
                self.emit(*rm, a.name)  # already gone
        elif topic == "rm_multi":
            b = self.create_net(driver="macvlan")
            names = [a.name, b.name] + (["ghost"] if self.chance(0.5) else [])
            r.shuffle(names)
            self.emit(*rm, *names)
            self.create_net(parent=a.parent)
        elif topic == "rm_in_use":
            self.endpoint(a, verb=r.choice(("run", "create")))
            self.emit(*rm, a.name)
            self.create_net(parent=a.parent if self.chance(0.5) else None)
        else:  # a create that fails, its rm, then the fixed create
            bad = _Net(self.name(), self.parent(), v4=self.subnet4())
            gw = bad.v4[-1] + 5
            self.emit("network", "create", "-d", "macvlan", *self.f("--subnet", bad.v4), *self.f("--gateway", gw),
                      "-o", f"parent={bad.parent}", bad.name)
            self.emit(*rm, bad.name)
            self.emit("network", "create", "-d", "macvlan", *self.f("--subnet", bad.v4),
                      *self.f("--gateway", bad.v4[1]), "-o", f"parent={bad.parent}", bad.name)
            self.nets.append(bad)
        if self.chance(0.3):
            live = [n for n in self.nets if not n.config_only]
            if live:
                self.endpoint(r.choice(live), verb="run")
        return topic

    def cat_config(self) -> str:
        r = self.rng
        topic = r.choice(("cfg_basic", "cfg_basic", "cfg_two_users", "cfg_own_options", "cfg_rm_in_use",
                          "cfg_endpoint", "cfg_missing", "cfg_parent_taken"))
        cfg = _Net(self.name("cfg"), self.parent(), v4=self.subnet4(), config_only=True)
        args = ["network", "create", "--config-only", *self.f("--subnet", cfg.v4)]
        if self.chance(0.5):
            cfg.range4 = list(cfg.v4.subnets(new_prefix=min(30, cfg.v4.prefixlen + 1)))[-1]
            args += self.f("--ip-range", cfg.range4)
        if self.chance(0.8):
            cfg.gw4 = cfg.v4[1]
            args += self.f("--gateway", cfg.gw4)
        if self.chance(0.15):
            cfg.v6 = self.subnet6()
            args += [*self.f("--subnet", cfg.v6), "--ipv6"]
        args += ["-o", f"parent={cfg.parent}"]
        if self.chance(0.2):
            args += ["-o", f"macvlan_mode={r.choice(('bridge', 'private', 'vepa'))}"]
        if topic == "cfg_missing":
            self.emit("network", "create", "-d", "macvlan", "--config-from", "nosuchcfg", self.name())
        self.emit(*args, cfg.name)
        self.nets.append(cfg)

        def user(extra=()):
            u = _Net(self.name(), cfg.parent, v4=cfg.v4, v6=cfg.v6, gw4=cfg.gw4, range4=cfg.range4,
                     driver="macvlan" if self.chance(0.85) else "ipvlan", config_from=cfg.name)
            u.gw6 = None
            self.emit("network", "create", "-d", u.driver, *self.f("--config-from", cfg.name), *extra, u.name)
            self.nets.append(u)
            return u

        if topic == "cfg_parent_taken":
            self.create_net(parent=cfg.parent, driver="macvlan")
        if topic == "cfg_own_options":
            user(r.choice((self.f("--subnet", self.subnet4()), ["-o", "parent=eth1"], ["--internal"],
                           self.f("--gateway", cfg.v4[1]))))
        u = user()
        if topic == "cfg_two_users":
            user()
        if topic == "cfg_rm_in_use":
            self.emit("network", "rm", cfg.name)
            if self.chance(0.5):
                self.emit("network", "rm", u.name)
                self.emit("network", "rm", cfg.name)
        if topic == "cfg_endpoint" or self.chance(0.3):
            for _ in range(r.randint(1, 3)):
                self.endpoint(u, verb=r.choice(("run", "run", "create")))
        return topic

    def cat_ipv6(self) -> str:
        r = self.rng
        topic = r.choice(("v6_mapped_host", "v6_compat_host", "v6_short_prefix", "v6_range_2_32",
                          "v6_range_2_64", "v6_mapped_subnet", "v6_only", "v6_only", "v6_endpoint"))
        name, parent = self.name("v6net"), self.parent()
        args = ["network", "create", "-d", "macvlan" if self.chance(0.85) else "ipvlan", "--ipv6"]
        net = _Net(name, parent)
        if self.chance(0.4) and topic not in ("v6_only", "v6_mapped_subnet"):
            net.v4 = self.subnet4()
            args += self.f("--subnet", net.v4)
        v4host = f"{r.randrange(1, 224)}.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(1, 255)}"
        if topic in ("v6_mapped_host", "v6_compat_host"):
            plen = r.choice((64, 64, 80, 96, 96, 104))
            net.v6 = self.subnet6(plen)
            pre = str(net.v6.network_address).rstrip(":")
            host = (f"::ffff:{v4host}" if topic == "v6_mapped_host" else f"::{v4host}")
            text = pre + host if pre.count(":") + host.count(":") <= 7 else f"{net.v6.network_address}"
            try:
                addr = ipaddress.ip_address(text.replace("::::", "::").replace(":::", "::"))
                text = text.replace("::::", "::").replace(":::", "::")
            except ValueError:
                addr, text = net.v6[5], str(net.v6[5])
            args += self.f("--subnet", net.v6)
            where = r.choice(("gateway", "gateway", "aux", "ip6"))
            if where == "gateway":
                args += self.f("--gateway", text)
                net.gw6 = addr
            elif where == "aux":
                args += self.f("--aux-address", f"host={text}")
                net.aux.append(addr)
            args += ["-o", f"parent={parent}", name]
            self.emit(*args)
            self.nets.append(net)
            if where == "ip6" or self.chance(0.4):
                self.emit("run", "-d", "--name", self.ctr_name(), *self.f("--network", name),
                          *self.f("--ip6", text), IMAGE, "sleep", "600")
            return topic
        if topic == "v6_short_prefix":
            net.v6 = self.subnet6(r.choice((32, 40, 44, 48, 52, 56, 60, 63)))
            args += self.f("--subnet", net.v6)
            if self.chance(0.5):
                net.range6 = next(net.v6.subnets(new_prefix=min(128, net.v6.prefixlen + r.choice((4, 8, 16)))))
                if self.chance(0.5):
                    subs = net.v6.subnets(new_prefix=net.range6.prefixlen)
                    for _ in range(r.randrange(1, 5)):
                        net.range6 = next(subs)
                args += self.f("--ip-range", net.range6)
            if self.chance(0.5):
                net.gw6 = net.v6[r.choice((1, 2 ** 64 + 1, 2 ** 16))]
                args += self.f("--gateway", net.gw6)
        elif topic in ("v6_range_2_32", "v6_range_2_64"):
            if topic == "v6_range_2_32":
                net.v6 = self.subnet6(r.choice((64, 80, 90)))
                rp = r.choice((96, 97, 100, 112))
                start = 2 ** 32 * r.choice((1, 2, 255)) - (2 ** (128 - rp) if self.chance(0.3) else 0)
            else:
                net.v6 = self.subnet6(r.choice((48, 56, 60)))
                rp = r.choice((64, 65, 72, 96))
                start = 2 ** 64 * r.choice((1, 2, 7)) - (2 ** (128 - rp) if self.chance(0.3) else 0)
            start = max(0, start) % net.v6.num_addresses
            base = int(net.v6.network_address) + start
            net.range6 = ipaddress.ip_network((base - base % 2 ** (128 - rp), rp))
            args += self.f("--subnet", net.v6)
            args += self.f("--ip-range", net.range6)
            if self.chance(0.5):
                net.gw6 = net.range6[1] if self.chance(0.5) else net.v6[1]
                args += self.f("--gateway", net.gw6)
        elif topic == "v6_mapped_subnet":
            text = r.choice(("::ffff:10.{a}.0.0/112", "::ffff:192.168.{a}.0/120", "::ffff:0:0/96",
                             "::{a}.0.0.0/104", "64:ff9b::/96", "::ffff:0:0/100")).format(a=r.randrange(1, 250))
            net.v6 = ipaddress.ip_network(text)
            args += self.f("--subnet", text)  # as typed: dotted, not Python's spelling
            if self.chance(0.4):
                net.gw6 = net.v6[1]
                args += self.f("--gateway", net.gw6)
        else:  # IPv6-only (and v6_endpoint)
            net.v6 = self.subnet6(r.choice((64, 64, 64, 80, 120, 124, 126)))
            args += self.f("--subnet", net.v6)
            if self.chance(0.5):
                net.gw6 = net.v6[1] if self.chance(0.7) else net.v6[-1]
                args += self.f("--gateway", net.gw6)
            if self.chance(0.3) and net.v6.prefixlen <= 124:
                net.range6 = list(net.v6.subnets(new_prefix=net.v6.prefixlen + 2))[-1]
                args += self.f("--ip-range", net.range6)
        # forgot --ipv6 (a mapped subnet is then the network's IPv4 pool: ::ffff:0:0/96 is the
        # whole IPv4 space, which macvlan refuses on 20.10)
        if self.chance(0.4 if topic == "v6_mapped_subnet" else 0.1):
            args.remove("--ipv6")
        args += ["-o", f"parent={parent}", name]
        self.emit(*args)
        self.nets.append(net)
        if topic in ("v6_endpoint", "v6_only") or self.chance(0.4):
            for _ in range(r.randint(1, 3)):
                self.endpoint(net, verb=r.choice(("run", "run", "create", "connect")), ip_p=0.2)
        if self.chance(0.3):  # a second network next to it, often overlapping
            self.create_net(v6=True, v4=self.chance(0.5))
        return topic

    def cat_cli(self) -> str:
        r = self.rng
        topic = r.choice(("unknown_flag", "publish", "missing_name", "extra_names", "opt_noeq", "styles",
                          "run_flags", "remove_spelling", "ip_on_create"))
        parent = self.parent()
        sub = self.subnet4()
        base = ["network", "create", "-d", "macvlan", *self.f("--subnet", sub), "-o", f"parent={parent}"]
        name = self.name()
        if topic == "unknown_flag":
            bad = r.choice((["--macvlan-mode", "bridge"], ["--macvlan_mode=bridge"], ["--parent", parent],
                            ["--mode", "l2"], ["--vlan", "50"], ["--ipv4"]))
            self.emit(*base, *bad, name)
        elif topic == "publish":
            self.emit(*base, "-p", "80:80", name)
        elif topic == "missing_name":
            self.emit(*base)
        elif topic == "extra_names":
            self.emit(*base, name, name + "b")
        elif topic == "opt_noeq":
            self.emit("network", "create", "-d", "macvlan", *self.f("--subnet", sub),
                      *r.choice((["-o", "parent", parent], ["-o", f"parent:{parent}"], ["-o", "parent"],
                                 ["-o", f"parent {parent}"], ["-o", f"parent={parent}", "-o", "macvlan_mode"])), name)
        elif topic == "styles":
            self.emit("network", "create", "--driver=macvlan", f"--subnet={sub}", "--gateway", sub[1],
                      f"--opt=parent={parent}", name)
        elif topic == "remove_spelling":
            self.emit(*base, name)
            self.emit("network", r.choice(("remove", "rm", "delete", "rm -f")).split()[0], name)
        elif topic == "ip_on_create":
            self.emit(*base, "--ip", sub[5], name)
        else:  # run flags: a malformed --ip or --mac-address, --ip with a CIDR suffix
            # (not `--ip` without --network: that lands on the default bridge, which the lab's
            # dockerd runs without, so its answer would be the lab's, not a host's)
            self.emit(*base, name)
            ctr = self.ctr_name()
            shape = r.choice((["--network", name, "--ip", "not-an-ip"],
                              ["--network", name, "--mac-address", "02:42:zz:00:00:01"],
                              ["--network", name, "--ip", f"{sub[5]}/24"],
                              ["--network=" + name, "--ip=" + str(sub[6])]))
            self.emit("run", "-d", "--name", ctr, *shape, IMAGE, "sleep", "600")
            self.ctrs.append(ctr)
        # then usually the corrected command, as people retry
        if topic not in ("styles", "remove_spelling", "run_flags") and self.chance(0.7):
            self.emit(*base, name + "x" if self.chance(0.3) else name)
        return topic


def generate_script(rng: random.Random, category: str) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """(topic, commands) of one script of a category."""
    if category == "create":
        g = _Gen(rng)
        n = rng.choice((1, 2, 3, 4, 5, 2, 3))
        return "random", tuple(g.command() for _ in range(n))
    s = _Script(rng)
    topic = getattr(s, "cat_" + category)()
    return topic, tuple(s.cmds)


def generate(seed: int, count: int, categories: Sequence[str] | None = None) -> list[Scenario]:
    """count scenarios from seed, categories drawn by WEIGHTS; the same arguments always give the
    same scenarios."""
    rng = random.Random(seed)
    cats = list(categories or WEIGHTS)
    weights = [WEIGHTS.get(c, 1) for c in cats]
    out = []
    for i in range(count):
        cat = rng.choices(cats, weights)[0]
        topic, cmds = generate_script(rng, cat)
        out.append(Scenario(seed, i, cmds, cat, topic))
    return out


# --------------------------------------------------------------------------- running


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What the daemon did with one command."""

    accepted: bool
    error: str | None  # Docker's message without "Error response from daemon: ", ids as <id>
    raw: str  # what the CLI printed (stderr, else stdout); for an accepted command its stderr
    rc: int = 0




def _recordings():
    """tests/recordings.py: one normalisation of Docker's printed text for live runs and
    recordings alike (it lives beside the recorded corpora it was written for)."""
    import importlib
    import os
    import sys
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if here not in sys.path:
        sys.path.insert(0, here)
    return importlib.import_module("recordings")


def normalise_error(stderr: str) -> str:
    """Docker's printed text as macplan's `docker_error` spells it (tests/recordings.normalise)."""
    return _recordings().normalise(stderr)


def run_command(argv: Sequence[str], docker_host: str, cli: str = "/usr/bin/docker",
                timeout: float = 60) -> Outcome:
    """Run one docker argv (starting with "docker") against docker_host."""
    full = [cli, "-H", docker_host, *argv[1:]]
    p = subprocess.run(full, capture_output=True, text=True, timeout=timeout)
    if p.returncode == 0:
        return Outcome(True, None, p.stderr, 0)
    raw = p.stderr if p.stderr.strip() else p.stdout
    return Outcome(False, normalise_error(raw), raw, p.returncode)


def remove_all_networks(docker_host: str, cli: str = "/usr/bin/docker") -> bool:
    """Remove every container and every user-defined network; True when none is left."""
    def docker(*a, timeout=120):
        return subprocess.run([cli, "-H", docker_host, *a], capture_output=True, text=True, timeout=timeout)

    ids = docker("ps", "-aq", "--no-trunc").stdout.split()
    if ids:
        docker("rm", "-f", *ids)
    for _ in range(3):  # config-only networks go once their config-from users are gone
        nets = docker("network", "ls", "-q", "--no-trunc", "--filter", "type=custom").stdout.split()
        if not nets:
            return True
        docker("network", "rm", *nets)
    return False


clean_engine = remove_all_networks


# Error texts after which a 20.10 daemon may keep an IPAM pool it should have released
# (lab.md section 2): restart the engine before the next scenario.
LEAKY_ERRORS = ("must belong to the master pool",)


def needs_restart(outcomes: Iterable[Outcome]) -> bool:
    return any(o.error and any(s in o.error for s in LEAKY_ERRORS) for o in outcomes)


# --------------------------------------------------------------------------- predicting


@dataclasses.dataclass(frozen=True)
class Prediction:
    """What macplan says Docker will do with one command (accepted None: macplan gave no verdict)."""

    accepted: bool | None
    error: str | None
    rule: str | None  # the rule behind the refusal (None when accepted)


def predict(scenario: Scenario, interfaces: Sequence[str], kernel_lacks: Iterable[str],
            engine: str) -> list[Prediction]:
    """macplan's verdict for every command of the scenario, in order, from `macplan check --json`:
    the n-th network create meets `networks[n]`, the n-th network rm `removals[n]`, the n-th
    run / create / network connect `endpoints[n]` (tests/recordings.py matches the same way)."""
    try:
        rc, report, err = check_json(scenario.script(), engine, interfaces, kernel_lacks)
    except Exception as exc:  # a crash is a disagreement on every command, not a lost scenario
        rule = f"crash: {type(exc).__name__}: {exc}"[:200]
        return [Prediction(None, f"<macplan raised {type(exc).__name__}>", rule) for _ in scenario.commands]
    if report is None:
        why = "unreadable: " + re.sub(r"^macplan: \S+:\d+: ", "", err.splitlines()[-1] if err else f"exit {rc}")
        why = why.split(": docker ")[0].split(" (line")[0]
        return [Prediction(None, None, why[:120]) for _ in scenario.commands]
    pools = {k: list(report.get(k) or []) for k in ("networks", "removals", "endpoints")}
    pools["other"] = []
    out = []
    for argv in scenario.commands:
        key = report_key(op_of(argv))
        entry = pools[key].pop(0) if pools[key] else None
        if entry is None:
            out.append(Prediction(None, None, f"no {key} entry in the report"))
        elif entry.get("accepted"):
            out.append(Prediction(True, None, None))
        else:
            err_, rule = entry_error(entry)
            out.append(Prediction(False, err_, rule or "?"))
    return out


def entry_error(entry: dict) -> tuple[str | None, str | None]:
    """(docker_error, rule) of one report entry: a removal or endpoint may carry its own
    `docker_error`; a network quotes Docker in its first error finding that does."""
    if "docker_error" in entry and not entry.get("findings"):
        return entry["docker_error"], entry.get("rule") or "docker_error"
    f = next((f for f in entry.get("findings", ()) if f.get("severity") == "error" and f.get("docker_error")),
             None)
    if f is None:
        return entry.get("docker_error"), entry.get("rule")
    return f["docker_error"], f.get("rule")


def check_json(script: str, engine: str, interfaces, kernel_lacks) -> tuple[int, dict | None, str]:
    """`macplan check SCRIPT --engine E --interfaces ... --kernel-lacks ... --json`, in-process:
    (exit code, report or None, stderr)."""
    import contextlib
    import io
    import json
    import os
    import tempfile

    from macplan.cli import main

    fd, path = tempfile.mkstemp(suffix=".sh", prefix="macplan-diff-")
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(script)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(["check", path, "--engine", release_line(engine), "--interfaces", ",".join(interfaces),
                       "--kernel-lacks", ",".join(kernel_lacks), "--json"])
    finally:
        os.unlink(path)
    try:
        report = json.loads(out.getvalue()) if rc in (0, 1) else None
    except ValueError:
        report = None
    return rc, report, err.getvalue().strip()


def agrees(p: Prediction, o: Outcome) -> bool:
    """Same verdict, and for a refusal one of the texts Docker's output stands for (`docker run`
    prints a daemon text with or without its own final '.' alike: recordings.variants)."""
    if p.accepted != o.accepted:
        return False
    return o.accepted or p.error == o.error or p.error in _recordings().variants(o.raw)


# Re-runs allowed for an order-sensitive scenario. Go (before 1.24) starts a small map's walk at a
# random one of 8 slots, so a less likely order shows up about 1 run in 8.
ORDER_RETRIES = 12


def order_sensitive(argv: Sequence[str]) -> bool:
    """Docker itself is not deterministic here: the CLI builds IPAM.Config from a Go map (random
    order for several subnets of one family) and the daemon walks aux-addresses in map order, so
    with several of either, which error is reported first can change from run to run."""
    fams = {4: 0, 6: 0}
    aux = 0
    for i, a in enumerate(argv):
        v = None
        if a == "--subnet" and i + 1 < len(argv):
            v = argv[i + 1]
        elif a.startswith("--subnet="):
            v = a.split("=", 1)[1]
        if v is not None:
            fams[6 if ":" in v else 4] += 1
        if a == "--aux-address" or a.startswith("--aux-address="):
            aux += 1
    return fams[4] > 1 or fams[6] > 1 or aux > 1


# --------------------------------------------------------------------------- the CLI


def release_line(version: str) -> str:
    """'20.10.24+dfsg1' -> '20.10', '26.1.5+dfsg1' -> '26'."""
    parts = re.split(r"[.+~-]", version)
    return ".".join(parts[:2]) if parts[0] == "20" else parts[0]


def engine_cli(server_version: str, candidates: Sequence[str] = ()) -> str | None:
    """A docker CLI of the engine's own release line (the CLI's client-side checks differ by
    version, so /usr/local/bin/docker 28 must not stand in for Debian's 20.10)."""
    import os
    for path in (*candidates, os.environ.get("MACPLAN_DOCKER_CLI", ""), "/usr/bin/docker"):
        if not path or not os.path.exists(path):
            continue
        p = subprocess.run([path, "--version"], capture_output=True, text=True)
        m = re.search(r"version (\S+?),", p.stdout)
        if m and release_line(m.group(1)) == release_line(server_version):
            return path
    return None


def play(scenario: Scenario, docker_host: str, cli: str) -> list[Outcome]:
    """Run the scenario's commands in order; the caller gives a fresh engine."""
    return [run_command(c, docker_host, cli) for c in scenario.commands]


# --------------------------------------------------------------------------- figures


class Figures:
    """Agreement figures: commands tried, agreed, disagreed by rule, per category and command kind."""

    def __init__(self):
        self.tried = 0
        self.agreed = 0
        self.after_retry = 0  # agreed only on a re-run (fresh daemon / Docker's map order)
        self.scenarios = 0
        self.seconds = 0.0
        self.by_rule: dict[str, int] = {}
        self.examples: dict[str, list[str]] = {}
        self.by_category: dict[str, list[int]] = {}  # category -> [scenarios, commands, agreed]
        self.by_op: dict[str, list[int]] = {}  # op -> [commands, agreed]

    def add(self, scenario: Scenario, preds: Sequence[Prediction], outs: Sequence[Outcome],
            retried: bool = False) -> list[str]:
        """Count one scenario; return a line per disagreeing command."""
        self.scenarios += 1
        cat = self.by_category.setdefault(scenario.category, [0, 0, 0])
        cat[0] += 1
        lines = []
        for i, (argv, p, o) in enumerate(zip(scenario.commands, preds, outs)):
            self.tried += 1
            cat[1] += 1
            op = self.by_op.setdefault(op_of(argv), [0, 0])
            op[0] += 1
            if agrees(p, o):
                self.agreed += 1
                cat[2] += 1
                op[1] += 1
                self.after_retry += retried
                continue
            key = p.rule or "predicted-accepted"
            self.by_rule[key] = self.by_rule.get(key, 0) + 1
            line = (f"{scenario.id} [{scenario.category}/{scenario.topic}] #{i} {shlex.join(argv)}\n"
                    f"    macplan: accepted={p.accepted} rule={p.rule} error={p.error!r}\n"
                    f"    docker:  accepted={o.accepted} error={o.error!r}")
            self.examples.setdefault(key, []).append(line)
            lines.append(line)
        return lines

    def category_table(self) -> str:
        rows = ["  category   scenarios  commands  agreed"]
        for cat in sorted(self.by_category):
            n, c, a = self.by_category[cat]
            rows.append(f"  {cat:<10} {n:>9} {c:>9} {a:>7} ({100.0 * a / c if c else 0:5.1f} %)")
        rows.append("  command    commands  agreed")
        for op in sorted(self.by_op):
            c, a = self.by_op[op]
            rows.append(f"  {op:<16} {c:>5} {a:>7} ({100.0 * a / c if c else 0:5.1f} %)")
        return "\n".join(rows)

    def report(self, engine: str, examples: int = 2) -> str:
        out = [f"differential vs engine {engine}: {self.scenarios} scenarios, {self.tried} commands tried, "
               f"{self.agreed} agreed ({self.after_retry} of them on a re-run), "
               f"{self.tried - self.agreed} disagreed"
               + (f"; {self.seconds:.0f} s, {self.seconds / self.scenarios:.2f} s per scenario"
                  if self.seconds and self.scenarios else "")]
        out.append(self.category_table())
        for rule, n in sorted(self.by_rule.items(), key=lambda kv: -kv[1]):
            out.append(f"  disagreed {n:4d}  {rule}")
            for ex in self.examples[rule][:examples]:
                out.append("      " + ex.replace("\n", "\n      "))
        return "\n".join(out)


# --------------------------------------------------------------------------- hand-picked


def _s(index: int, *lines: str) -> Scenario:
    return Scenario(-1, index, tuple(tuple(shlex.split("docker network create " + ln)) for ln in lines))


# Edge cases worth running every time, whatever the seed draws (inputs only: the daemon decides).
HANDPICKED = [
    _s(0, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 a", "-d macvlan -o parent=eth0 --subnet 10.9.1.0/24 b"),
    _s(1, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 a", "-d ipvlan -o parent=eth0 --subnet 10.9.1.0/24 b"),
    _s(2, "-d ipvlan -o parent=eth1 --subnet 10.9.0.0/24 a", "-d ipvlan -o parent=eth1 --subnet 10.9.1.0/24 b"),
    _s(3, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 a", "-d macvlan -o parent=eth0.50 --subnet 10.9.1.0/24 b"),
    _s(4, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 a",
       "-d macvlan -o parent=eth1 --subnet 10.9.0.0/16 --ip-range 10.9.1.0/24 b"),
    _s(5, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/16 --ip-range 10.9.1.0/24 a",
       "-d macvlan -o parent=eth1 --subnet 10.9.0.0/24 b"),
    _s(6, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 --ip-range 10.9.0.0/25 --gateway 10.9.0.1 a",
       "-d macvlan -o parent=eth1 --subnet 10.9.0.0/24 --ip-range 10.9.0.128/25 --gateway 10.9.0.1 b"),
    _s(7, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 --ip-range 10.9.0.0/25 a",
       "-d macvlan -o parent=eth1 --subnet 10.9.0.0/24 --ip-range 10.9.0.0/25 b"),
    _s(8, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 a", "-d macvlan -o parent=eth1 --subnet 10.9.0.0/24 a"),
    _s(9, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 host", "-d macvlan -o parent=eth0 bridge",
       "-d ipvlan -o parent=eth0 none", "-d macvlan -o parent=eth0 default"),
    _s(10, "-d macvlan -o parent=eth9 --subnet 10.9.0.0/24 a", "-d macvlan -o parent=eth9.77 --subnet 10.9.0.0/24 b",
       "-d ipvlan -o parent=eth9.77 --subnet 10.9.0.0/24 c", "-d macvlan -o parent=eth0.77 --subnet 10.9.0.0/24 d",
       "-d macvlan -o parent=eth0.abc --subnet 10.9.0.0/24 e", "-d macvlan -o parent=eth0.5000 f",
       "-d ipvlan -o parent=a.b.c g", "-d macvlan -o parent=lo h", "-d ipvlan -o parent=lo i",
       "-d macvlan j", "-d ipvlan --internal k", "-d macvlan -o parent= l"),
    _s(11, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/31 a", "-d macvlan -o parent=eth0 --subnet 10.9.0.2/31 "
       "--gateway 10.9.0.2 b", "-d macvlan -o parent=eth0 --subnet 10.9.0.4/32 c",
       "-d macvlan -o parent=eth0 --subnet 10.9.0.8/30 --ip-range 10.9.0.11/32 d",
       "-d macvlan -o parent=eth0 --subnet 10.9.0.12/30 --gateway 10.9.0.12 e",
       "-d macvlan -o parent=eth0 --subnet 10.9.0.16/30 --gateway 10.9.0.19 f",
       "-d macvlan -o parent=eth0 --subnet 10.9.0.20/30 --aux-address r=10.9.0.21 g"),
    _s(12, "-d macvlan -o parent=eth0 --ipv6 --subnet 10.9.0.0/24 --subnet fd00:9::/56 --ip-range fd00:9::/58 a",
       "-d macvlan -o parent=eth1 --ipv6 --subnet 10.9.1.0/24 --subnet fd00:9:1::/48 --ip-range fd00:9:1::/64 b",
       "-d macvlan -o parent=eth0.50 --ipv6 --subnet 10.9.2.0/24 --subnet fd00:9:2::/48 --ip-range fd00:9:2::/65 c"),
    _s(13, "-d macvlan -o parent=eth0 --ipv6 --subnet 10.9.0.0/24 --subnet fd00:9::/48 --gateway fd00:9:0:1::5 "
       "--aux-address a=fd00:9::5 a",
       "-d macvlan -o parent=eth1 --ipv6 --subnet 10.9.1.0/24 --subnet fd00:9:1::/64 "
       "--gateway fd00:9:1::ffff:ffff:ffff:ffff b",
       "-d macvlan -o parent=eth0.50 --ipv6 --subnet 10.9.2.0/24 --subnet fd00:9:2::/64 "
       "--aux-address a=fd00:9:2::ffff:ffff:ffff:ffff c",
       "-d ipvlan -o parent=eth0 --ipv6 --subnet 10.9.3.0/24 --subnet fd00:9:3::/48 --gateway fd00:9:3:1:: d"),
    _s(14, "-d macvlan -o parent=eth0 --subnet fd00:9::/64 a", "-d macvlan -o parent=eth1 --ipv6 b",
       "-d macvlan -o parent=eth0.50 --subnet 10.9.0.0/24 --subnet fd00:9::/64 --gateway fd00:9::1 c"),
    _s(15, "-d macvlan -o parent=eth0 --subnet 10.9.0.5/24 --gateway 10.9.0.5 a",
       "-d macvlan -o parent=eth1 --subnet 10.9.0.0/24 --ip-range 10.9.0.130/25 b",
       "-d macvlan -o parent=eth0.50 --subnet 10.9.1.0/24 --ip-range 10.9.0.0/16 c"),
    _s(16, "-d macvlan -o parent=eth0 -o macvlan_mode=passthru --subnet 10.9.0.0/24 a",
       "-d macvlan -o parent=eth0 -o macvlan_mode=bridge --subnet 10.9.1.0/24 b",
       "-d ipvlan -o parent=eth1 -o ipvlan_mode=l3s --subnet 10.9.2.0/24 c",
       "-d ipvlan -o parent=eth1 -o ipvlan_flag=private --subnet 10.9.3.0/24 d",
       "-d macvlan -o parent=eth0.50 -o com.docker.network.driver.mtu=9000 -o Parent=eth9 --subnet 10.9.4.0/24 e"),
    _s(17, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 --subnet 10.9.0.0/25 a",
       "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 --gateway 10.9.0.1 --gateway 10.9.0.2 b",
       "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 --ip-range 10.9.1.0/25 c",
       "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 --aux-address a=10.9.1.1 d",
       "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 --aux-address a=10.9.0.1 e",
       "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 --gateway 10.9.0.1 --aux-address a=10.9.0.1 f"),
    _s(18, "-d macvlan -o parent=eth0 --internal --subnet 10.9.0.0/24 a",
       "-d macvlan -o parent=eth1 --subnet 10.9.0.0/24 b",
       "-d macvlan -o parent=eth1 --subnet 10.9.0.128/25 c"),
    # aux-addresses on a pool that is already full, repeated aux names, aux named out of order
    _s(19, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/30 --gateway 10.9.0.1 --aux-address a=10.9.0.2 "
       "--aux-address b=10.9.0.2 x"),
    _s(20, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/30 --gateway 10.9.0.1 --aux-address a=10.9.0.2 "
       "--aux-address b=10.9.0.3 x"),
    _s(21, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/30 --aux-address a=10.9.0.2 --aux-address b=10.9.0.0 x"),
    _s(22, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 --aux-address router=10.9.0.1 "
       "--aux-address router=10.9.0.77 x", "-d macvlan -o parent=eth1 --subnet 10.10.0.0/24 "
       "--aux-address router=10.10.0.77 --aux-address router=10.10.0.1 y"),
    _s(23, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/24 --aux-address b=10.9.0.1 --aux-address a=10.9.0.1 x"),
    _s(24, "-d macvlan -o parent=eth0 --subnet 10.9.0.0/30 --ip-range 10.9.0.0/31 --gateway 10.9.0.2 a1",
       "-d macvlan -o parent=eth1 --subnet 10.9.0.0/30 --ip-range 10.9.0.2/31 --gateway 10.9.0.1 a2",
       "-d macvlan -o parent=eth0.50 --subnet 10.9.0.0/30 --ip-range 10.9.0.2/31 --gateway 10.9.0.2 a3"),
]


def scenarios(seed: int, count: int) -> list[Scenario]:
    """The hand-picked edge cases followed by count generated scenarios."""
    return HANDPICKED + generate(seed, count)
