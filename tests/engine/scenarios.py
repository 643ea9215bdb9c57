"""Random scripts of `docker network create` commands, and a runner that plays them on a real engine.

A scenario is a few create commands applied in order on a fresh engine. The generator is seeded
and uses only the standard library (`random`, `ipaddress`), so it never shares arithmetic with
the code under test: expected outcomes come from the daemon, not from macplan.

Coverage: macvlan and ipvlan; valid and invalid modes (l3s, new in 23); parents present, missing,
missing VLAN sub-interfaces (eth0.77, eth9.77, eth0.abc, eth0.5000, a.b.c), absent, empty, `lo`;
overlapping and nested subnets across commands and within one; gateways, ip-ranges and
aux-addresses in and out of their subnets; gateway on the network / broadcast address; aux equal
to the gateway; IPv6 with and without --ipv6; /31 and /32; duplicate and predefined names; unknown
-o keys; two networks on one parent; macvlan + ipvlan on one parent; --internal.
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
    """A few create commands meant to run in order on a fresh engine."""

    seed: int
    index: int
    commands: tuple[tuple[str, ...], ...]  # each starts with "docker", "network", "create"

    @property
    def id(self) -> str:
        return f"hand-{self.index}" if self.seed < 0 else f"s{self.seed}-{self.index}"

    @property
    def argvs(self) -> list[list[str]]:
        return [list(c) for c in self.commands]

    def script(self) -> str:
        """The scenario as the shell script a user would paste."""
        return "".join(shlex.join(c) + "\n" for c in self.commands)


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


def generate(seed: int, count: int, max_commands: int = 5) -> list[Scenario]:
    """count scenarios from seed; the same arguments always give the same scenarios."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        g = _Gen(rng)
        n = rng.choice(tuple(range(1, max_commands + 1)) + (2, 3))
        out.append(Scenario(seed, i, tuple(g.command() for _ in range(n))))
    return out


# --------------------------------------------------------------------------- running


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What the daemon did with one command."""

    accepted: bool
    error: str | None  # Docker's message without "Error response from daemon: ", ids as <id>
    raw: str


def normalise_error(stderr: str) -> str:
    text = stderr
    if text.endswith("\n"):
        text = text[:-1]
    if text.startswith(DAEMON_PREFIX):
        text = text[len(DAEMON_PREFIX):]
    return _ID_RE.sub(lambda m: (m.group(1) or "") + "<id>", text)


def run_command(argv: Sequence[str], docker_host: str, cli: str = "/usr/bin/docker",
                timeout: float = 60) -> Outcome:
    """Run one `docker network create` argv (starting with "docker") against docker_host."""
    full = [cli, "-H", docker_host, *argv[1:]]
    p = subprocess.run(full, capture_output=True, text=True, timeout=timeout)
    if p.returncode == 0:
        return Outcome(True, None, p.stdout)
    return Outcome(False, normalise_error(p.stderr), p.stderr)


def remove_all_networks(docker_host: str, cli: str = "/usr/bin/docker") -> None:
    """Remove every user-defined network (containers must be gone)."""
    p = subprocess.run([cli, "-H", docker_host, "network", "ls", "-q", "--no-trunc",
                        "--filter", "type=custom"], capture_output=True, text=True, timeout=60)
    ids = p.stdout.split()
    if ids:
        subprocess.run([cli, "-H", docker_host, "network", "rm", *ids], capture_output=True, text=True,
                       timeout=120)


# Error texts after which a 20.10 daemon may keep an IPAM pool it should have released
# (lab.md section 2): restart the engine before the next scenario.
LEAKY_ERRORS = ("must belong to the master pool",)


def needs_restart(outcomes: Iterable[Outcome]) -> bool:
    return any(o.error and any(s in o.error for s in LEAKY_ERRORS) for o in outcomes)


# --------------------------------------------------------------------------- predicting


@dataclasses.dataclass(frozen=True)
class Prediction:
    """What macplan says Docker will do with one command."""

    accepted: bool
    error: str | None
    rule: str | None  # the rule behind the refusal (None when accepted)


def predict(scenario: Scenario, interfaces: Sequence[str], kernel_lacks: Iterable[str],
            engine: str) -> list[Prediction]:
    """macplan's verdict for every command of the scenario, in order."""
    import macplan

    try:
        return _predict(macplan, scenario, interfaces, kernel_lacks, engine)
    except Exception as exc:  # a crash is a disagreement on every command, not a lost scenario
        rule = f"crash: {type(exc).__name__}: {exc}"[:200]
        return [Prediction(False, f"<macplan raised {type(exc).__name__}>", rule) for _ in scenario.commands]


def _predict(macplan, scenario, interfaces, kernel_lacks, engine) -> list[Prediction]:
    plan = macplan.parse_script(scenario.script(), source=scenario.id, interfaces=tuple(interfaces),
                                kernel_lacks=tuple(kernel_lacks))
    report = macplan.check(plan, engine=engine)
    out = []
    for res in report.networks:
        refusal = next((f for f in res.findings if f.severity == "error" and f.docker_error), None)
        if res.accepted:
            out.append(Prediction(True, None, None))
        else:
            out.append(Prediction(False, refusal.docker_error if refusal else None,
                                  refusal.rule if refusal else "?"))
    return out


def agrees(p: Prediction, o: Outcome) -> bool:
    return p.accepted == o.accepted and p.error == o.error


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
    """Agreement figures: commands tried, agreed, disagreed by rule."""

    def __init__(self):
        self.tried = 0
        self.agreed = 0
        self.after_retry = 0  # agreed only on a re-run (fresh daemon / Docker's map order)
        self.scenarios = 0
        self.by_rule: dict[str, int] = {}
        self.examples: dict[str, list[str]] = {}

    def add(self, scenario: Scenario, preds: Sequence[Prediction], outs: Sequence[Outcome],
            retried: bool = False) -> list[str]:
        """Count one scenario; return a line per disagreeing command."""
        self.scenarios += 1
        lines = []
        for i, (argv, p, o) in enumerate(zip(scenario.commands, preds, outs)):
            self.tried += 1
            if agrees(p, o):
                self.agreed += 1
                self.after_retry += retried
                continue
            key = p.rule or "predicted-accepted"
            self.by_rule[key] = self.by_rule.get(key, 0) + 1
            line = (f"{scenario.id} #{i} {shlex.join(argv)}\n"
                    f"    macplan: accepted={p.accepted} rule={p.rule} error={p.error!r}\n"
                    f"    docker:  accepted={o.accepted} error={o.error!r}")
            self.examples.setdefault(key, []).append(line)
            lines.append(line)
        return lines

    def report(self, engine: str, examples: int = 2) -> str:
        out = [f"differential vs engine {engine}: {self.scenarios} scenarios, {self.tried} commands tried, "
               f"{self.agreed} agreed ({self.after_retry} of them on a re-run), "
               f"{self.tried - self.agreed} disagreed"]
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
