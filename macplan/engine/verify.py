"""Prove a plan on the wire: probe containers on each applied network, and what reaches them.

Run after ``macplan apply``. On every planned network that the engine has, two short-lived probe
containers start (from an image the engine already has; verify never pulls) and verify reports
each probe's address and MAC against macplan's prediction (the first free addresses of the pool,
``macplan.predict_mac``), whether the probes reach each other, the planned gateway, and whether
the host reaches them — with ``--shim`` also through a temporary shim built from ``macplan
shim``'s own commands. It explains what fails: a parent that is down, an underlay that drops
frames from extra MAC addresses, a kernel without ipvlan or 802.1q.

    macplan verify PLAN [--docker-host H] [--host NAME] [--image IMAGE] [--shim] [--json]

Exit 0: every probe got its predicted address (and MAC), probes reach each other and the planned
gateway. Exit 1: something the plan promises does not hold (the findings say what and why). Exit
2: could not verify (plan unreadable, engine unreachable, image absent, not root).

"The host" is where dockerd's network namespace is: on the sandbox lab (``macplan lab up``) the
lab's namespace, where verify also puts a LAN side (``macplan.lab.lan``) that answers as each
network's gateway; elsewhere the machine verify runs on, which must be the engine's host for the
host checks to mean anything.

Ownership: probes are named ``macplan-verify-<run>-<n>`` and labelled ``io.macplan.engine.verify=<run>``;
shims are links named ``mpshim-<run>``. Verify removes exactly those, also after a failure,
SIGINT or SIGTERM, and never touches anything else. A run notes itself in ``/run/macplan-verify``;
a later run removes the leftovers of one that was killed (-9) and never came back. The logic talks to the engine through a
small transport (``ProbeTransport``) so the core imports no docker SDK.
"""
from __future__ import annotations

import dataclasses
import ipaddress
import json
import os
import re
import secrets
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Protocol

from macplan.docker.cli import ipam_groups
from macplan.errors import VerifyError

__all__ = ["LABEL", "PROBE_PREFIX", "SHIM_PREFIX", "Probe", "NetworkResult", "Result", "Verifier", "verify", "ProbeTransport", "DockerProbeTransport", "VerifyError"]


LABEL = "io.macplan.engine.verify"


PROBE_PREFIX = "macplan-verify-"


SHIM_PREFIX = "mpshim-"


PROBES = 2


PROBE_SECONDS = 300          # a probe outlives no run by more than this, even after kill -9


# what a probe prints about itself (its own eth0, as the kernel sees it), then it waits
REPORT = "cat /sys/class/net/eth0/address; ip -o addr show dev eth0; echo READY; exec sleep {seconds}"


class ProbeTransport(Protocol):
    """What verify asks of an engine, on top of ``macplan.engine.transport.Transport``."""

    def version(self) -> dict: ...
    def networks(self) -> list[dict]: ...
    def has_image(self, image: str) -> bool: ...
    def run_probe(self, name: str, image: str, network: str, command: list[str], labels: dict) -> str: ...
    def logs(self, cid: str) -> str: ...
    def exec(self, cid: str, argv: list[str]) -> tuple[int, str]: ...
    def remove(self, cid: str) -> None: ...
    def probes(self, status: Optional[str] = None) -> list[dict]: ...
    def close(self) -> None: ...


def _transport_class():
    from macplan.engine.transport import DockerTransport
    from macplan.errors import EngineRefused

    class DockerProbeTransport(DockerTransport):
        """The docker SDK's low-level client: containers for probes, nothing else."""

        def has_image(self, image: str) -> bool:
            try:
                self._call(f"inspect image {image}", self.api.inspect_image, image)
                return True
            except EngineRefused as exc:
                if exc.status == 404:
                    return False
                raise

        def run_probe(self, name, image, network, command, labels) -> str:
            api = self.api
            host_config = api.create_host_config(network_mode=network, auto_remove=True)
            c = self._call(f"create probe on {network}", api.create_container, image, command=command,
                           name=name, labels=labels, host_config=host_config, detach=True)
            cid = c["Id"]
            try:
                self._call(f"start probe on {network}", api.start, cid)
            except Exception:
                self.remove(cid)
                raise
            return cid

        def logs(self, cid: str) -> str:
            out = self._call("probe logs", self.api.logs, cid, stdout=True, stderr=True)
            return out.decode(errors="replace") if isinstance(out, bytes) else str(out)

        def exec(self, cid: str, argv: list[str]) -> tuple[int, str]:
            api = self.api
            ex = self._call("exec in probe", api.exec_create, cid, argv)
            out = self._call("exec in probe", api.exec_start, ex["Id"])
            rc = self._call("exec in probe", api.exec_inspect, ex["Id"]).get("ExitCode")
            return (rc if rc is not None else -1), (out.decode(errors="replace") if isinstance(out, bytes) else out)

        def remove(self, cid: str) -> None:
            try:
                self._call("remove probe", self.api.remove_container, cid, force=True)
            except EngineRefused as exc:
                if exc.status not in (404, 409):  # gone already / auto-remove under way
                    raise

        def probes(self, status: Optional[str] = None) -> list[dict]:
            filters = {"label": LABEL}
            if status:
                filters["status"] = status
            return self._call("list probes", self.api.containers, all=True, filters=filters)

    return DockerProbeTransport


def DockerProbeTransport(docker_host: Optional[str] = None, timeout: int = 60, context: Optional[str] = None):
    """A ``ProbeTransport`` on a real daemon (the docker SDK is imported only here)."""
    return _transport_class()(docker_host, timeout=timeout, context=context)


class HostNet:
    """Runs ``ip`` and ``ping`` where dockerd's network namespace is: the lab's netns, or here."""

    def __init__(self, netns: Optional[str] = None):
        self.netns = netns

    def _wrap(self, argv: list[str]) -> list[str]:
        if self.netns is None:
            return argv
        if argv[0] == "ip":
            return ["ip", "-n", self.netns, *argv[1:]]
        return ["nsenter", f"--net=/var/run/netns/{self.netns}", *argv]

    def run(self, argv: list[str], timeout: float = 30) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(self._wrap(argv), capture_output=True, text=True, timeout=timeout)
        except FileNotFoundError as exc:
            return subprocess.CompletedProcess(argv, 127, "", f"{argv[0]}: not found ({exc.filename})")
        except subprocess.TimeoutExpired:
            return subprocess.CompletedProcess(argv, 124, "", f"{argv[0]}: timed out")

    def link(self, name: str) -> Optional[dict]:
        res = self.run(["ip", "-j", "link", "show", "dev", name])
        if res.returncode != 0:
            return None
        try:
            links = json.loads(res.stdout or "[]")
        except ValueError:
            return None
        return links[0] if links else None

    def route_dev(self, address: str) -> tuple[Optional[str], str]:
        """(device, text) of the host's route to ``address``; (None, why) when it has none."""
        res = self.run(["ip", "route", "get", address])
        if res.returncode != 0:
            return None, (res.stderr.strip().splitlines() or ["no route"])[-1]
        m = re.search(r"\bdev (\S+)", res.stdout)
        return (m.group(1) if m else None), res.stdout.strip().splitlines()[0]

    def ping(self, address: str) -> bool:
        ping = ["ping"] if shutil.which("ping") else ["busybox", "ping"]
        flag = ["-6"] if ":" in address and ping == ["ping"] else []
        return self.run([*ping, *flag, "-c", "2", "-W", "2", address], timeout=15).returncode == 0


def finding(rule: str, severity: str, message: str, docker_error: Optional[str] = None) -> dict:
    """The shape of ``macplan check --json``'s findings."""
    return {"rule": rule, "severity": severity, "message": message, "docker_error": docker_error}


@dataclass
class Probe:
    ip: Optional[str]
    mac: Optional[str]
    predicted_ip: Optional[str]
    predicted_mac: Optional[str]
    name: str = ""

    def to_dict(self) -> dict:
        return {"ip": self.ip, "mac": self.mac, "predicted_ip": self.predicted_ip,
                "predicted_mac": self.predicted_mac}


@dataclass
class NetworkResult:
    name: str
    driver: str = ""
    parent: Optional[str] = None
    gateway: Optional[str] = None
    probes: list = field(default_factory=list)
    peer_reach: Optional[bool] = None
    gateway_reach: Optional[bool] = None
    host_reach: Optional[bool] = None
    host_reach_with_shim: Optional[bool] = None
    findings: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f["severity"] == "error" for f in self.findings)

    def to_dict(self) -> dict:
        return {"name": self.name, "probes": [p.to_dict() for p in self.probes], "peer_reach": self.peer_reach,
                "gateway_reach": self.gateway_reach, "host_reach": self.host_reach,
                "host_reach_with_shim": self.host_reach_with_shim, "findings": list(self.findings)}


@dataclass
class Result:
    engine: str
    plan: str
    lab: Optional[str]
    networks: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(n.ok for n in self.networks)

    def to_dict(self) -> dict:
        return {"networks": [n.to_dict() for n in self.networks]}

    def render(self) -> str:
        yes = {True: "yes", False: "NO", None: "-"}
        where = f"lab {self.lab} (host = its network namespace)" if self.lab else "this host"
        lines = [f"verify plan {self.plan} on engine {self.engine}, {where}"]
        lines += [f"note: {n}" for n in self.notes]
        for n in self.networks:
            lines.append("")
            lines.append(f"{n.name}" + (f" ({n.driver} on {n.parent})" if n.driver and n.parent else
                                        f" ({n.driver})" if n.driver else ""))
            for i, p in enumerate(n.probes, 1):
                same = (p.ip == p.predicted_ip) and (p.predicted_mac is None or p.mac == p.predicted_mac)
                lines.append(f"  probe {i}: {p.ip or '-':<16} {p.mac or '-':<18} predicted "
                             f"{p.predicted_ip or '-'} {p.predicted_mac or '(random MAC)'}"
                             f"{'  ok' if same and p.ip else ''}")
            if not n.probes:
                for f in n.findings:
                    lines.append(f"  {f['severity']:<7} [{f['rule']}] {f['message']}"
                                 + (f" (Docker: {f['docker_error']})" if f["docker_error"] else ""))
                continue
            lines.append(f"  probes reach each other:   {yes[n.peer_reach]}")
            lines.append(f"  probes reach the gateway:  {yes[n.gateway_reach]}"
                         + (f" ({n.gateway})" if n.gateway else " (the plan names none)"))
            lines.append(f"  host reaches the probes:   {yes[n.host_reach]}")
            lines.append(f"  ... through a shim:        {yes[n.host_reach_with_shim]}")
            for f in n.findings:
                lines.append(f"  {f['severity']:<7} [{f['rule']}] {f['message']}"
                             + (f" (Docker: {f['docker_error']})" if f["docker_error"] else ""))
        bad = [n.name for n in self.networks if not n.ok]
        lines.append("")
        lines.append("verified: everything the plan promises holds" if not bad else
                     f"NOT verified: {', '.join(bad)}")
        return "\n".join(lines)


def predict(created, taken: list[str], count: int = PROBES) -> tuple[Optional[str], list[Optional[str]], Optional[str]]:
    """(family of the probed subnet, the next ``count`` addresses Docker hands out, the gateway
    the plan names) for a simulated network, with ``taken`` (addresses already in use on the
    engine's network) marked. The first IPv4 subnet is probed, else the first subnet."""

    allocs = list(created.allocations)
    a = next((x for x in allocs if x.family == 4), allocs[0] if allocs else None)
    if a is None:
        return None, [None] * count, None
    pool = a.pool.copy()
    for t in taken:
        try:
            addr = ipaddress.ip_address(t.split("/")[0])
        except ValueError:
            continue
        if addr in a.pool.subnet:
            pool.taken[int(addr)] = "endpoint"
    out: list[Optional[str]] = []
    for _ in range(count):
        nxt, _why = pool.pick(a.slots)       # the allocator's next bit, as an address
        if nxt is None:
            out.append(None)
            continue
        pool.taken[nxt] = "probe"
        out.append(str(ipaddress.ip_address(nxt)))
    gateway = a.group.gateway if a.group.gateway else None
    return a.family, out, gateway


def _read_probe(text: str, family: int) -> tuple[Optional[str], Optional[str]]:
    lines = text.splitlines()
    mac = lines[0].strip().lower() if lines and re.fullmatch(r"[0-9a-fA-F:]{17}", lines[0].strip()) else None
    if family == 6:
        v6 = [a for a in re.findall(r"inet6 ([0-9a-f:]+)/\d+", text) if not a.startswith("fe80")]
        return (str(ipaddress.ip_address(v6[0])) if v6 else None), mac
    v4 = re.findall(r"inet (\d+\.\d+\.\d+\.\d+)/\d+", text)
    return (v4[0] if v4 else None), mac


def _locally_administered_unicast(mac: str) -> bool:
    first = int(mac.split(":")[0], 16)
    return bool(first & 0b10) and not first & 1


_RUNS = Path("/run/macplan-verify") if os.path.isdir("/run") else Path("/tmp/macplan-verify")


def _start_time(pid: int) -> Optional[str]:
    """A process's start time (clock ticks since boot), so a reused pid is not taken for it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


class _Stop(BaseException):
    """SIGTERM, turned into an exception so the cleanup in ``finally`` runs."""


def _run_id() -> str:
    return secrets.token_hex(4)


class Verifier:
    """Probes a plan's networks on one engine. ``Verifier(docker_host).run(plan)``; always
    cleans up what it made (``cleanup()`` again is harmless)."""

    def __init__(self, docker_host: Optional[str] = None, *, transport: Optional[ProbeTransport] = None,
                 image: Optional[str] = None, netns: Optional[str] = "auto", lan: bool = True,
                 lan_one_mac: bool = False, context: Optional[str] = None,
                 progress: Optional[Callable[[str], None]] = None, wait: float = 20.0):
        from macplan.engine.transport import resolve_endpoint
        from macplan.lab import lan as lanmod

        # the engine `docker` itself would talk to, as apply/diff find it: --docker-host,
        # --context, DOCKER_HOST, DOCKER_CONTEXT, the current context, the local socket (the
        # transport resolved it already; an injected one may not say)
        self.transport = transport or DockerProbeTransport(docker_host, context=context)
        self.docker_host = docker_host or getattr(self.transport, "docker_host", None) \
            or resolve_endpoint(None, context).host
        info = self.transport.version()
        self.version: str = info.get("Version", "")
        self.lab = lanmod.lab_netns(self.docker_host) if netns == "auto" else netns
        self.host = HostNet(self.lab)
        #: host checks mean something only where dockerd's network is: here, or the lab's netns
        self.local = self.lab is not None or self.docker_host.startswith("unix://")
        from macplan.lab import IMAGE

        self.image = image or (IMAGE if self.lab else None)
        self.want_lan = lan and self.lab is not None
        self.lan_one_mac = lan_one_mac
        self.progress = progress or (lambda msg: None)
        self.wait = wait
        self.run_id = _run_id()
        self._probes: list[str] = []       # container ids this run started
        self._shims: list[str] = []        # link names this run created
        self._lan = None
        self._n = 0

    # -- cleanup: exactly what this run made --
    def cleanup(self) -> list[str]:
        """Remove this run's probes and shims and the lab's LAN side; returns what it removed."""
        done = []
        for cid in list(self._probes):
            try:
                self.transport.remove(cid)
                done.append(cid[:12])
            except Exception as exc:  # keep going: the rest still has to go
                self.progress(f"could not remove probe {cid[:12]}: {exc}")
            self._probes.remove(cid)
        try:  # anything with this run's label (a probe created but not yet recorded)
            for c in self.transport.probes():
                if (c.get("Labels") or {}).get(LABEL) == self.run_id:
                    self.transport.remove(c["Id"])
                    done.append(c["Id"][:12])
        except Exception as exc:
            self.progress(f"could not list probes: {exc}")
        for link in list(self._shims):
            self.host.run(["ip", "link", "del", link])
            self._shims.remove(link)
            done.append(link)
        if self._lan is not None:
            self._lan.down()
            self._lan = None
        return done

    def close(self) -> None:
        try:
            self.cleanup()
        finally:
            _RUNS.joinpath(self.run_id).unlink(missing_ok=True)
            self.transport.close()

    def _register(self) -> None:
        """Note this run (pid, its start time, engine, netns) so a later run can tell whether it
        died without cleaning up (kill -9) and remove exactly what it had made."""
        try:
            _RUNS.mkdir(parents=True, exist_ok=True)
            _RUNS.joinpath(self.run_id).write_text(json.dumps(
                {"pid": os.getpid(), "start": _start_time(os.getpid()), "docker_host": self.docker_host,
                 "netns": self.lab}))
        except OSError as exc:  # not root: the run still cleans up after itself, only not after kill -9
            self.progress(f"cannot note this run in {_RUNS}: {exc.strerror or exc}")

    def _sweep_dead(self) -> None:
        """Leftovers of runs that died without cleaning up: their probes (by label, this engine
        only) and their shim link; probes that exited are removed whatever run made them."""
        try:
            runs = sorted(_RUNS.iterdir()) if _RUNS.is_dir() else []
        except OSError:
            runs = []
        live = {self.run_id}
        for f in runs:
            if not re.fullmatch(r"[0-9a-f]{8}", f.name):
                continue
            try:
                info = json.loads(f.read_text())
                pid, start = int(info["pid"]), info.get("start")
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if f.name == self.run_id or (start is not None and _start_time(pid) == start):
                live.add(f.name)
                continue                                    # this run, or one still alive
            if info.get("docker_host") != self.docker_host:
                continue                                    # another engine's: its own runs sweep it
            try:
                for c in self.transport.probes():
                    if (c.get("Labels") or {}).get(LABEL) == f.name:
                        self.transport.remove(c["Id"])
            except Exception:
                continue
            host = HostNet(info.get("netns"))
            link = SHIM_PREFIX + f.name
            if host.link(link) is not None:
                host.run(["ip", "link", "del", link])
            f.unlink(missing_ok=True)
            self.progress(f"removed the leftovers of verify run {f.name} (pid {pid}, gone)")
        try:  # a live run's probe is "created" for a moment before it starts: leave those alone
            for status in ("exited", "created", "dead"):
                for c in self.transport.probes(status):
                    if (c.get("Labels") or {}).get(LABEL) not in live:
                        self.transport.remove(c["Id"])
        except Exception:
            pass

    # -- the run --
    def run(self, plan, host: Optional[str] = None, *, shim: bool = False) -> Result:
        from macplan.engine.client import Engine
        from macplan.report import check

        if self.image is None:
            raise VerifyError("no probe image: pass --image with an image the engine already has "
                              "(verify never pulls)")
        if not self.transport.has_image(self.image):
            raise VerifyError(f"image {self.image} is not on the engine at {self.docker_host}; verify never "
                              f"pulls: pass --image with one it has")
        host, nets = Engine._select(plan, host)
        report = check(plan, engine=self.version or None)
        results = {id(n): r for n, r in zip(plan.networks, report.networks)}
        self._register()
        self._sweep_dead()                  # before reading the networks: leftovers hold addresses
        current = {n["Name"]: n for n in self.transport.networks()}
        result = Result(self.version, plan.name, self.lab)
        todo = [n for n in nets if not n.config_only]
        if self.want_lan:
            self._lan_up(todo, results, current, result)
        for net in todo:
            self.progress(f"verify {net.name}")
            result.networks.append(self._network(net, results[id(net)], current.get(net.name), shim))
        return result

    def _lan_up(self, nets, results, current, result: Result) -> None:
        from macplan.lab.lan import Lan

        gateways: dict[str, list[str]] = {}
        for net in nets:
            res = results[id(net)]
            if net.name not in current or res.created is None or not net.parent:
                continue
            for a in res.created.allocations:
                if a.group.gateway:
                    gateways.setdefault(net.parent, []).append(f"{a.group.gateway}/{a.pool.subnet.prefixlen}")
        if not gateways:
            return
        self._lan = Lan(self.lab, gateways, one_mac=self.lan_one_mac)
        self._lan.up()
        result.notes.append(f"LAN side {self._lan.name}: answers as "
                            + ", ".join(f"{' '.join(a.split('/')[0] for a in v)} on {p}" for p, v in gateways.items())
                            + (" to the parents' own MACs only (like a VM NIC without promiscuous mode)"
                               if self.lan_one_mac else ""))
        result.notes.extend(self._lan.notes)

    def _network(self, net, res, current: Optional[dict], shim: bool) -> NetworkResult:
        out = NetworkResult(net.name, net.driver, net.parent)
        groups = ipam_groups(net) or ()
        out.gateway = next((g.gateway for g in groups if g.gateway and ":" not in g.gateway),
                           next((g.gateway for g in groups if g.gateway), None))
        if current is None:
            why = ""
            if res is not None and not res.accepted:
                err = next((f for f in res.findings if f.severity == "error"), None)
                if err is not None and "operation not supported" in (err.docker_error or ""):
                    out.findings.append(finding(
                        "verify-not-here", "error",
                        f"{net.name} cannot be created or verified here: the kernel lacks {self._lacks(net)}; "
                        f"verify it on a host whose kernel has it", err.docker_error))
                    return out
                if err is not None:
                    why = f": Docker refuses it here ({err.docker_error or err.message})"
            out.findings.append(finding("verify-network-missing", "error",
                                        f"{net.name} is not on the engine{why}; nothing to probe. "
                                        f"Run `macplan apply` first, or fix what check reports."))
            return out
        if res is None or res.created is None:
            out.findings.append(finding("verify-no-prediction", "error",
                                        f"{net.name} exists on the engine but macplan's simulation refuses it; "
                                        f"run `macplan check` against this engine"))
            return out
        if current.get("Scope") == "swarm":
            out.findings.append(finding("verify-swarm", "info",
                                        "a swarm-scoped network takes no standalone containers; verify "
                                        "probes local networks only (probe the nodes' config-only networks' users)"))
            return out
        taken = [c.get("IPv4Address") or c.get("IPv6Address") or "" for c in (current.get("Containers") or {}).values()]
        family, predicted, gateway = predict(res.created, taken)
        out.gateway = gateway
        # the parent, seen from the host
        parent_state = None
        if net.parent and self.local:
            link = self.host.link(net.parent)
            if link is None:
                parent_state = "missing"
                out.findings.append(finding("verify-parent-missing", "error",
                                            f"parent {net.parent} does not exist on the host "
                                            f"{'(lab ' + self.lab + ')' if self.lab else ''}".rstrip()))
            else:
                flags = set(link.get("flags") or ())
                if "UP" not in flags:
                    parent_state = "down"
                    out.findings.append(finding(
                        "verify-parent-down", "error",
                        f"parent {net.parent} is administratively down (ip link set {net.parent} up): "
                        f"its macvlan/ipvlan children have no carrier, nothing reaches the probes"))
                elif "LOWER_UP" not in flags:
                    parent_state = "no-carrier"
                    out.findings.append(finding(
                        "verify-parent-down", "error",
                        f"parent {net.parent} has no carrier (cable, switch port, or the VM's NIC is "
                        f"disconnected): nothing reaches the probes"))
        # the probes
        probes: list[tuple[str, Probe]] = []
        for i in range(PROBES):
            self._n += 1
            name = f"{PROBE_PREFIX}{self.run_id}-{self._n}"
            want_ip = predicted[i] if i < len(predicted) else None
            want_mac = None
            if want_ip and family == 4 and net.driver == "macvlan":
                from macplan.macs import predict_mac

                want_mac = predict_mac(want_ip, self.version or None)
            try:
                cid = self.transport.run_probe(name, self.image, current["Name"],
                                               ["sh", "-c", REPORT.format(seconds=PROBE_SECONDS)],
                                               {LABEL: self.run_id, f"{LABEL}.network": net.name})
            except Exception as exc:
                out.findings.append(self._start_failure(net, exc))
                break
            self._probes.append(cid)
            text = self._wait_ready(cid)
            ip, mac = _read_probe(text, family or 4)
            probes.append((cid, Probe(ip, mac, want_ip, want_mac, name)))
        out.probes = [p for _, p in probes]
        if not probes:
            return out
        for _, p in probes:
            if p.ip is None:
                out.findings.append(finding("verify-probe-no-address", "error",
                                            f"probe {p.name} has no address on {net.name}"))
            elif p.predicted_ip and p.ip != p.predicted_ip:
                out.findings.append(finding(
                    "verify-address-mismatch", "error",
                    f"probe got {p.ip}, macplan predicted {p.predicted_ip}: the engine's pool is not what the "
                    f"plan says (an aux-address or gateway missing, a changed ip-range, addresses held by "
                    f"containers macplan does not see); compare with `macplan diff`"))
            if p.mac and p.predicted_mac and p.mac != p.predicted_mac:
                out.findings.append(finding("verify-mac-mismatch", "error",
                                            f"probe {p.ip} has MAC {p.mac}, macplan predicted {p.predicted_mac}"))
            elif p.mac and net.driver == "macvlan" and p.predicted_mac is None and not _locally_administered_unicast(p.mac):
                out.findings.append(finding("verify-mac-mismatch", "error",
                                            f"probe {p.ip} has MAC {p.mac}, not a locally administered unicast one"))
        if net.driver == "macvlan" and probes[0][1].predicted_mac is None and probes[0][1].ip:
            out.findings.append(finding("verify-random-mac", "info",
                                        f"engine {self.version} gives macvlan endpoints random MACs (docker/cli#5861); "
                                        f"pin them with --mac-address where a switch or DHCP reservation needs them"))
        a_id, a = probes[0]
        # peers
        if len(probes) > 1 and a.ip and probes[1][1].ip:
            out.peer_reach = self._probe_ping(a_id, probes[1][1].ip)
            mode = net.mode or ("bridge" if net.driver == "macvlan" else "l2")
            if not out.peer_reach:
                if net.driver == "macvlan" and mode == "private":
                    out.findings.append(finding("verify-peers-private", "info",
                                                "macvlan mode private: containers on one parent never talk to each "
                                                "other, as planned"))
                elif net.driver == "macvlan" and mode == "vepa":
                    out.findings.append(finding("verify-peers-unreachable", "error",
                                                "macvlan mode vepa sends container-to-container frames to the switch: "
                                                "it must reflect them (hairpin / reflective relay on the port)"))
                elif parent_state is None:
                    out.findings.append(finding("verify-peers-unreachable", "error",
                                                f"the probes got addresses on {net.parent} but do not reach each other"))
        # gateway
        if gateway is not None and a.ip:
            out.gateway_reach = self._probe_ping(a_id, gateway)
            if not out.gateway_reach and parent_state is None:
                if out.peer_reach:
                    why = (f"the probes reach each other (inside the kernel) but nothing answers for {gateway} on "
                           f"{net.parent}. Likely the underlay drops frames from the containers' extra MAC "
                           f"addresses: a VM NIC without promiscuous mode / forged transmits (VMware, Hyper-V MAC "
                           f"spoofing, VirtualBox allow-all), a cloud network, Docker Desktop or a Wi-Fi parent "
                           f"(use ipvlan there); or {gateway} is not on this segment / VLAN")
                else:
                    why = (f"nothing answers for {gateway} on {net.parent}: the gateway is absent from this "
                           f"segment, or the underlay drops frames from extra MAC addresses")
                if self.lab and not (self._lan and net.parent in self._lan.moved):
                    why += " (the lab's LAN side is not set up for this parent)"
                out.findings.append(finding("verify-gateway-unreachable", "error", why))
        elif gateway is None and res.created.allocations:
            out.findings.append(finding("verify-no-gateway", "info",
                                        "the plan names no gateway: Docker reserved one itself, nothing on the LAN "
                                        "is promised to answer there, so it is not probed"))
        # the host
        if a.ip and not self.local:
            out.findings.append(finding("verify-host-remote", "info",
                                        f"the engine at {self.docker_host} is not on this machine: the host's "
                                        f"reach and its parents are not checked (run verify on the Docker host)"))
        elif a.ip:
            out.host_reach = self.host.ping(a.ip)
            if not out.host_reach and parent_state is None:
                out.findings.append(self._host_finding(net, a.ip))
            if shim:
                self._try_shim(plan_net=net, out=out, target=a.ip)
        return out

    def _start_failure(self, net, exc) -> dict:
        text = getattr(exc, "docker_error", "") or str(exc)
        if "operation not supported" in text:
            return finding("verify-not-here", "error",
                           f"cannot run here: the host's kernel lacks {self._lacks(net)}, so no container can join "
                           f"{net.name}; verify it on a host whose kernel has it", text)
        return finding("verify-probe-failed", "error", f"a probe could not start on {net.name}", text)

    @staticmethod
    def _lacks(net) -> str:
        if net.driver == "ipvlan":
            return "ipvlan"
        if net.vlan is not None:
            return f"802.1q (Docker creates {net.parent} as a VLAN link)"
        return "dummy links (Docker gives a network without a parent a dummy one)"

    def _wait_ready(self, cid: str) -> str:
        import time

        deadline = time.monotonic() + self.wait
        text = ""
        while time.monotonic() < deadline:
            try:
                text = self.transport.logs(cid)
            except Exception:
                text = ""
            if "READY" in text:
                break
            time.sleep(0.1)
        return text

    def _probe_ping(self, cid: str, address: str) -> bool:
        flag = ["-6"] if ":" in address else []
        try:
            rc, _ = self.transport.exec(cid, ["ping", *flag, "-c", "2", "-W", "2", address])
        except Exception:
            return False
        return rc == 0

    def _host_finding(self, net, address: str) -> dict:
        dev, text = self.host.route_dev(address)
        where = f"the lab's namespace {self.lab}" if self.lab else "this host"
        if net.driver == "ipvlan":
            return finding("verify-host-isolation", "info",
                           f"{where} does not reach {address}: expected, an ipvlan parent does not pass traffic "
                           f"between the host and its own ipvlan children; give the host an ipvlan link of its own "
                           f"on {net.parent} to reach them")
        if dev is None:
            how = f"it has no route to {address} ({text}), {net.parent} carries no host address"
        elif dev == net.parent:
            how = f"its packets to {address} leave through {net.parent} itself"
        else:
            how = f"it routes {address} through {dev}"
        return finding("verify-host-isolation", "info",
                       f"{where} does not reach the probes: expected macvlan behaviour (moby/moby#21735): "
                       f"{how}, and a macvlan parent never hands the host's own frames to its macvlan children. "
                       f"A host-side macvlan link on {net.parent} (a \"shim\") fixes it: `macplan shim PLAN "
                       f"{net.name}` prints its commands; `macplan verify --shim` tries one")

    # -- the shim --
    def _try_shim(self, plan_net, out: NetworkResult, target: str) -> None:
        from macplan.emit import shim as shimmod
        from macplan.model import Plan

        if plan_net.driver != "macvlan":
            out.findings.append(finding("verify-shim-skipped", "info",
                                        f"--shim: `macplan shim` makes macvlan shims; {plan_net.driver} has none"))
            return
        if out.host_reach:
            out.findings.append(finding("verify-shim-skipped", "info",
                                        "--shim: the host reaches the probes already (a shim is in place?); "
                                        "no temporary shim made"))
            return
        try:
            one = Plan(name="verify", hosts=(), networks=(plan_net,))
            reserved = shimmod.reserve(one, plan_net.name, hosts=[plan_net.host])
            s = shimmod.shims(reserved, plan_net.name, plan_net.host)[0]
        except (shimmod.ShimError, IndexError, ValueError) as exc:
            out.host_reach_with_shim = False
            out.findings.append(finding("verify-shim-failed", "error", f"--shim: no shim can be planned: {exc}"))
            return
        link = SHIM_PREFIX + self.run_id        # one shim at a time per run; 15 characters
        s = dataclasses.replace(s, ifname=link)
        failed = None
        for command in s.commands():
            argv = shlex.split(command)
            res = self.host.run(argv)
            if argv[:3] == ["ip", "link", "add"] and res.returncode == 0:
                self._shims.append(link)
            if res.returncode != 0:
                failed = f"`{command}`: {(res.stderr.strip().splitlines() or ['exit ' + str(res.returncode)])[-1]}"
                break
        try:
            if failed:
                out.host_reach_with_shim = False
                hint = ""
                if "route add" in failed and "File exists" in failed:
                    hint = (f"; the host already routes {', '.join(s.routes)} (its own address on {s.parent}?): "
                            f"give {plan_net.name} an --ip-range so the shim routes only the containers' part")
                out.findings.append(finding("verify-shim-failed", "error",
                                            f"the shim's own commands failed on the host: {failed}{hint}"))
                return
            out.host_reach_with_shim = self.host.ping(target)
            if out.host_reach_with_shim:
                out.findings.append(finding("verify-shim-ok", "info",
                                            f"through a temporary shim ({s.address} on {s.parent}, route "
                                            f"{', '.join(s.routes)}) the host reaches the probes: `macplan shim` "
                                            f"makes it permanent"))
            else:
                out.findings.append(finding("verify-shim-failed", "error",
                                            f"even through a temporary shim ({s.address} on {s.parent}) the host "
                                            f"does not reach {target}"))
        finally:
            if link in self._shims:
                self.host.run(["ip", "link", "del", link])
                self._shims.remove(link)


def verify(plan, docker_host: Optional[str] = None, *, host: Optional[str] = None, shim: bool = False,
           image: Optional[str] = None, lan: bool = True, lan_one_mac: bool = False) -> Result:
    """Verify ``plan`` on the engine at ``docker_host`` and clean up, whatever happens."""
    v = Verifier(docker_host, image=image, lan=lan, lan_one_mac=lan_one_mac)
    try:
        return v.run(plan, host, shim=shim)
    finally:
        v.close()
