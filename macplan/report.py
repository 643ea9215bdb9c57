"""Check a plan the way Docker would: commands in order, per host, first refusal wins; and
the report that says so, with the capacity it implies (`check`, `recheck`, `capacity`)."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, TypedDict, Union, cast

from macplan.docker.cli import Refusal, create_usage, remove_usage, usage_text
from macplan.docker.daemon import Created, Daemon
from macplan.model import Endpoint, Network, Plan, Removal
from macplan.pools import network_capacity
from macplan.profile import Profile

# importing the rule modules registers every rule id in RULES
from macplan.rules import hints  # noqa: F401
from macplan.rules import plan as _plan_rules  # noqa: F401
from macplan.rules import refusals as _refusals  # noqa: F401
from macplan.rules.catalog import RULES, Check, Finding, Rule
from macplan.rules.multihost import cross_host as _cross_host

if TYPE_CHECKING:      # imported where used (pools and macs import the daemon): only the types here
    from macplan.macs import ParentMacs, ParentMacsDict, PortMacsDict, VlanMacs, VlanMacsDict
    from macplan.pools import NetworkCapacity, NetworkCapacityDict

__all__ = ["check", "recheck", "simulate", "capacity", "Report", "Capacity", "NetworkResult", "RemovalResult",
           "EndpointResult"]

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

#: what Finding.to_dict gives, one per finding
FindingDict = dict[str, Optional[str]]
#: an engine as check takes it: a release line, a daemon version or a Profile (None: the plan's)
EngineArg = Union[str, Profile, None]


class NetworkResultDict(TypedDict):
    index: int
    name: str
    host: str
    accepted: bool
    findings: list[FindingDict]


class RemovalResultDict(TypedDict):
    index: int
    line: Optional[int]
    names: list[str]
    removed: list[str]
    accepted: bool
    docker_error: Optional[str]
    findings: list[FindingDict]


class EndpointResultDict(TypedDict):
    index: int
    line: Optional[int]
    container: str
    network: str
    ip: Optional[str]
    ip6: Optional[str]
    mac: Optional[str]
    accepted: bool
    docker_error: Optional[str]
    findings: list[FindingDict]


class CapacityDict(TypedDict):
    engine: str
    networks: list[NetworkCapacityDict]
    parents: list[ParentMacsDict]
    vlans: list[VlanMacsDict]
    ports: list[PortMacsDict]


class ReportDict(TypedDict):
    engine: str
    networks: list[NetworkResultDict]
    removals: list[RemovalResultDict]
    endpoints: list[EndpointResultDict]
    plan: list[FindingDict]


def _finding_dicts(findings: list[Finding]) -> list[FindingDict]:
    """`Finding.to_dict` for many, without dataclasses.asdict's deep copies (the JSON output
    of a 4,094-network check makes thousands)."""
    return [{"rule": f.rule, "severity": f.severity, "message": f.message, "docker_error": f.docker_error,
             "link": f.link} for f in findings]


@contextmanager
def _no_gc() -> Iterator[None]:
    """A check allocates many small objects and frees none in cycles: the cyclic collector's
    full passes over them would cost a quarter of the time, so it waits until the end."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@dataclass
class NetworkResult:
    index: int
    name: str
    host: str
    accepted: bool
    findings: list[Finding] = field(default_factory=list)
    created: Optional[Created] = None
    capacity: Optional[NetworkCapacity] = None

    def to_dict(self) -> NetworkResultDict:
        return {"index": self.index, "name": self.name, "host": self.host, "accepted": self.accepted,
                "findings": _finding_dicts(self.findings)}


@dataclass
class RemovalResult:
    """One `docker network rm` of a script: which names Docker removed, and what it printed."""
    index: int
    line: Optional[int]
    names: tuple[str, ...]
    host: str
    accepted: bool = True
    removed: list[str] = field(default_factory=list)
    docker_error: Optional[str] = None
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> RemovalResultDict:
        return {"index": self.index, "line": self.line, "names": list(self.names), "removed": list(self.removed),
                "accepted": self.accepted, "docker_error": self.docker_error,
                "findings": _finding_dicts(self.findings)}


@dataclass
class EndpointResult:
    """One container endpoint of a script (`docker run|create --network`, `network connect`):
    the addresses it gets, or why the daemon refuses it when the container starts."""
    index: int
    line: Optional[int]
    container: str
    network: str
    host: str
    ip: Optional[str] = None
    ip6: Optional[str] = None
    mac: Optional[str] = None
    accepted: bool = True
    docker_error: Optional[str] = None
    findings: list[Finding] = field(default_factory=list)
    #: the container runs on the network now (False: `docker create`, or connect of a stopped one)
    started: bool = False

    def to_dict(self) -> EndpointResultDict:
        return {"index": self.index, "line": self.line, "container": self.container, "network": self.network,
                "ip": self.ip, "ip6": self.ip6, "mac": self.mac, "accepted": self.accepted,
                "docker_error": self.docker_error, "findings": _finding_dicts(self.findings)}


@dataclass
class Report:
    engine: str
    profile: Profile
    networks: list[NetworkResult]
    plan_findings: list[Finding] = field(default_factory=list)
    parents: list[ParentMacs] = field(default_factory=list)
    vlans: list[VlanMacs] = field(default_factory=list)
    ports: list[PortMacsDict] = field(default_factory=list)
    removals: list[RemovalResult] = field(default_factory=list)
    endpoints: list[EndpointResult] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for n in self.networks for f in n.findings] + \
            [f for r in self.removals for f in r.findings] + [f for e in self.endpoints for f in e.findings] + \
            self.plan_findings

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> ReportDict:
        return {"engine": self.engine, "networks": [n.to_dict() for n in self.networks],
                "removals": [r.to_dict() for r in self.removals],
                "endpoints": [e.to_dict() for e in self.endpoints],
                "plan": _finding_dicts(self.plan_findings)}


def _refused(r: Refusal, name: str) -> Finding:
    spec = RULES[r.rule]
    said = " / ".join(line.lstrip("* ") for line in r.text.splitlines()[1:]) if "\n" in r.text else r.text
    return spec.finding(r.message or f"Docker refuses {name} ({said}): {spec.advice}", r.text)


def _create(eng: Daemon, net: Network, index: int) -> NetworkResult:
    """One network's `docker network create` on a simulated daemon, with its capacity."""
    result = NetworkResult(index, net.name, net.host, True)
    try:
        usage = create_usage(net, eng.profile)
        if usage is not None:
            raise usage
        result.created = eng.create(net, index)
    except Refusal as r:
        result.accepted = False
        result.findings.append(_refused(r, net.name))
    else:
        result.capacity = network_capacity(result.created)
    return result


def _advise(plan: Plan, eng: Daemon, result: NetworkResult) -> None:
    """The warning and info rules, for a network Docker accepts."""
    created = result.created
    if not result.accepted or created is None:       # an accepted network was created
        return
    ctx = hints.Context(plan, eng, created, result.capacity)
    findings = result.findings
    earlier = len(findings)
    for r, rule_check in _advice_rules(ctx.kind):
        message = rule_check(ctx)
        if message:
            findings.append(hints.finding(r.id, message))
    # The rules run warnings first, so their findings come in order; findings made before (none
    # for a network just created) still need the stable sort that puts errors first.
    if earlier and len(findings) > earlier:
        findings.sort(key=_severity_rank)


def _severity_rank(f: Finding) -> int:
    return SEVERITY_ORDER[f.severity]


def _advice_rules(kind: Optional[hints.KindTuple] = None) -> list[tuple[Rule, Check]]:
    """The rules with a check function (warnings and notes) that can say anything about a
    network of this kind (see hints.Kind; None: every one), by severity, then in catalog order:
    the order a network's findings are reported in."""
    global _ADVICE
    if _ADVICE is None or len(_ADVICE[0]) != len(RULES):
        checked = [(r, r.check) for r in RULES.values() if r.check is not None]
        checked.sort(key=lambda rc: SEVERITY_ORDER[rc[0].severity])     # stable: catalog order within
        _ADVICE = (dict(RULES), checked, {})
    if kind is None:
        return _ADVICE[1]
    rules = _ADVICE[2].get(kind)
    if rules is None:
        rules = _ADVICE[2][kind] = [(r, c) for r, c in _ADVICE[1] if hints.applies(c, kind)]
    return rules


_ADVICE: Optional[tuple[dict[str, Rule], list[tuple[Rule, Check]],
                        dict[hints.KindTuple, list[tuple[Rule, Check]]]]] = None


def _finish(plan: Plan, profile: Profile, results: list[NetworkResult]) -> Report:
    """The plan-wide parts: several hosts on one segment, MAC counts against limits."""
    from macplan.macs import count_macs
    # One pass over the results for what the rules across hosts and the note on unknown
    # interfaces ask: the hosts that created networks, each with whether one has a parent
    # (once a host has, its other networks need not be looked at).
    with_parent: dict[str, bool] = {}
    for r in results:
        if r.created is not None and not with_parent.get(r.host):
            with_parent[r.host] = bool(r.created.network.parent)
    # every rule across hosts pairs two hosts
    plan_findings = _cross_host(plan, profile, results) if len(with_parent) > 1 else []
    parents, vlans, ports = count_macs(results, plan)
    plan_findings += _mac_limits(vlans, ports)
    plan_findings += _unchecked_parents(plan, [host for host, parent in with_parent.items() if parent])
    return Report(profile.line, profile, results, plan_findings, parents, vlans, ports)


def _unchecked_parents(plan: Plan, hosts_with_parents: list[str]) -> list[Finding]:
    """Hosts whose interfaces are unknown: parents are assumed to exist, so say so once."""
    hosts = sorted(h for h in hosts_with_parents if not plan.host(h).interfaces_known)
    if not hosts:
        return []
    return [RULES["parents-unchecked"].finding(
        f"the interfaces of {', '.join(hosts)} are not known, so macplan assumed every parent exists; "
        f"pass --interfaces (or list interfaces: in the plan) to check them.")]


def simulate(plan: Plan, engine: EngineArg = None) -> tuple[Profile, dict[str, Daemon], list[NetworkResult]]:
    """Run every network's create on a simulated daemon per host, in order."""
    profile, engines, results, _, _ = _simulate(plan, engine)
    return profile, engines, results


def _simulate(plan: Plan, engine: EngineArg = None) -> tuple[
        Profile, dict[str, Daemon], list[NetworkResult], list[RemovalResult], list[EndpointResult]]:
    """Every docker command on a simulated daemon per host: creates, and for scripts the
    `network rm` and container endpoints between them, in script order."""
    profile = Profile.of(engine if engine is not None else plan.engine)
    engines: dict[str, Daemon] = {}

    def engine_of(host: str) -> Daemon:
        eng = engines.get(host)
        if eng is None:
            eng = engines[host] = Daemon(plan.host(host), profile)
        return eng

    results: list[Optional[NetworkResult]] = [None] * len(plan.networks)
    removals: list[Optional[RemovalResult]] = [None] * len(plan.removals)
    endpoints: list[Optional[EndpointResult]] = [None] * len(plan.endpoints)
    if not plan.steps and not plan.removals and not plan.endpoints and not plan.detaches:
        # the order commands and apply use: config-only networks first, then the plan's order
        for index in plan.creation_order():
            net = plan.networks[index]
            results[index] = _create(engine_of(net.host), net, index)
        # creation_order names every network once: no slot is left None
        return profile, engines, cast("list[NetworkResult]", results), [], []
    from macplan.model import Step
    # a plan built in Python with removals or containers but no steps: by line where written,
    # else creates, containers, detaches, then removals
    steps = plan.steps or [step for _, _, step in sorted(
        [(n.line or float("inf"), 0, Step("create", i, n.line or 0)) for i, n in enumerate(plan.networks)] +
        [(e.line or float("inf"), 1, Step("endpoint", i, e.line or 0)) for i, e in enumerate(plan.endpoints)] +
        [(d.line or float("inf"), 2, Step("detach", i, d.line or 0)) for i, d in enumerate(plan.detaches)] +
        [(r.line or float("inf"), 3, Step("rm", i, r.line or 0)) for i, r in enumerate(plan.removals)],
        key=lambda t: (t[0], t[1]))]
    macs: dict[tuple[str, str, str], str] = {}
    last_ok = True
    stopped: Optional[int] = None
    res: Union[NetworkResult, RemovalResult, EndpointResult]
    for step in steps:
        if stopped is not None:
            skip = f"not run: with set -e the script stops at line {stopped}, where Docker refuses a command"
        elif step.when == "ok" and not last_ok:
            skip = "not run: the command before && fails"
        elif step.when == "fail" and last_ok:
            skip = "not run: the command before || succeeds"
        else:
            skip = None
        if step.kind == "create":
            net = plan.networks[step.index]
            if skip:
                res = NetworkResult(step.index, net.name, net.host, False, [RULES["script-not-run"].finding(skip)])
            else:
                res = _create(engine_of(net.host), net, step.index)
            results[step.index] = res
        elif step.kind == "detach":
            # stop / kill / rm -f / network disconnect: no entry of its own in the report; a
            # container macplan does not know is no matter (it may come from elsewhere)
            if not skip:
                gone = plan.detaches[step.index]
                for container in gone.containers:
                    engine_of(gone.host).detach(container, gone.network, gone.command)
            continue
        elif step.kind == "rm":
            rm = plan.removals[step.index]
            res = RemovalResult(step.index, rm.line, rm.names, rm.host)
            if skip:
                res.accepted = False
                res.findings.append(RULES["script-not-run"].finding(skip))
            else:
                _remove(engine_of(rm.host), rm, res)
            removals[step.index] = res
        else:
            ep = plan.endpoints[step.index]
            res = EndpointResult(step.index, ep.line, ep.container, ep.network, ep.host, ep.ip or None,
                                 ep.ip6 or None, ep.mac or None)
            if skip:
                res.accepted = False
                res.findings.append(RULES["script-not-run"].finding(skip))
            else:
                _attach(engine_of(ep.host), ep, res, macs)
            endpoints[step.index] = res
        if skip is None:
            last_ok = res.accepted
            if not res.accepted and step.errexit:
                stopped = step.line
    # a script's steps name every network, removal and endpoint once: no slot is left None
    return (profile, engines, cast("list[NetworkResult]", results), cast("list[RemovalResult]", removals),
            cast("list[EndpointResult]", endpoints))


def _remove(eng: Daemon, rm: Removal, res: RemovalResult) -> None:
    """`docker network rm A B ...`: the CLI removes each name in turn, prints each failure on
    its own line and exits 1 if any failed."""
    usage = remove_usage(rm, eng.profile)
    if usage is not None:
        res.accepted, res.docker_error = False, usage.text
        res.findings.append(_refused(usage, "the rm command"))
        return
    lines: list[str] = []
    for name in rm.names:
        try:
            eng.remove(name)
        except Refusal as r:
            if r.rule == "rm-missing" and rm.force:
                continue            # -f: a missing network is no error (CLI 23+)
            res.findings.append(_refused(r, name))
            # every line but the first keeps the CLI's prefix, as Docker prints it
            lines.append(r.text if not lines or r.text.startswith("Error:") else
                         "Error response from daemon: " + r.text)
        else:
            res.removed.append(name)
    if lines:
        res.accepted, res.docker_error = False, "\n".join(lines)


def _attach(eng: Daemon, ep: Endpoint, res: EndpointResult, macs: dict[tuple[str, str, str], str]) -> None:
    """A container command as the daemon answers it: `docker create` stores the container (no
    address yet), `docker run` creates and starts it, `docker network connect` joins a running
    container now and only records the network for a stopped one."""
    import ipaddress

    def join_check(target: Created, mac: str) -> None:
        # Join: the runtime hook sets the MAC in the sandbox (after IPAM and the driver)
        if mac and target.parent and target.network.driver == "macvlan":
            owner = macs.get((ep.host, target.parent, mac))
            held = eng.container(owner) if owner is not None else None
            if held is not None and not any(j[0].parent == target.parent for j in held.joined.values()):
                owner = None         # that container has stopped, left the parent's network or is gone
            elif held is None and owner is not None and not owner.startswith("the container of line"):
                owner = None
            if owner is not None:
                # the runtime's words through the daemon (the lab's 20.10.24 with Debian 12's containerd
                # and runc); the veth name and the hook's log time are new on every run, written as
                # tests/recordings.py normalises them
                said = ('failed to create shim task: OCI runtime create failed: runc create failed: unable to '
                        'start container process: error during container init: error running hook #0: error '
                        'running hook: exit status 1, stdout: , stderr: time="<time>" level=fatal msg="failed to '
                        'add interface veth<id> to sandbox: error setting interface \\"veth<id>\\" MAC to '
                        f'\\"{mac}\\": address already in use": unknown')
                raise Refusal("endpoint-mac-in-use", said,
                              f"{ep.container or 'this container'} asks for MAC {mac}, which {owner} already "
                              f"has on parent {target.parent}: the kernel refuses a second macvlan interface with "
                              f"one MAC (EADDRINUSE) when the container starts.")

    try:
        if ep.cli_error is not None:
            raise Refusal("cli-usage", usage_text(ep.cli_error, eng.profile))
        if ep.command == "connect":
            created, taken, started = eng.connect(ep.container, ep.network, ep.ip, ep.ip6, join_check)
        elif ep.command == "start":
            c = eng.container(ep.container)
            res.network = c.network if c is not None else ""
            try:
                created, taken = eng.start_named(ep.container, join_check)
            except Refusal as r:
                # the CLI prints each failure, then one line naming the containers that failed
                # (cli/command/container/start.go; the lab's 20.10.24)
                raise Refusal(r.rule, f"{r.text}\nError: failed to start containers: {ep.container}", r.message) from None
            started = True
        else:
            c = eng.create_container(ep.container, ep.network, ep.ip, ep.ip6, ep.mac, ep.auto_remove)
            if ep.command == "create":
                res.started = False
                return
            created, taken = eng.start(c, join_check)
            started = True
    except Refusal as r:
        res.accepted, res.docker_error = False, r.text
        res.findings.append(_refused(r, ep.container or f"the container of line {ep.line}"))
        return
    res.started = started
    if 4 in taken:
        res.ip = str(ipaddress.IPv4Address(taken[4]))
    if 6 in taken:
        res.ip6 = str(ipaddress.IPv6Address(taken[6]))
    held = eng.container(ep.container) if ep.container else None
    mac = ep.mac or (held.mac if held is not None and created is not None
                     and created.network.name == held.network else "")
    if started and mac and created is not None and created.parent:
        macs[(ep.host, created.parent, mac)] = ep.container or f"the container of line {ep.line}"


def check(plan: Plan, engine: EngineArg = None) -> Report:
    """Every finding for every network, errors first within each network."""
    with _no_gc():
        return _check(plan, engine)


def _check(plan: Plan, engine: EngineArg = None, warnings: bool = True) -> Report:
    profile, engines, results, removals, endpoints = _simulate(plan, engine)
    for res in results:
        if warnings and res.host in engines:
            _advise(plan, engines[res.host], res)
    _count_endpoints(results, endpoints)
    report = _finish(plan, profile, results)
    report.removals, report.endpoints = removals, endpoints
    report.plan_findings += [RULES["script-line-skipped"].finding(
        f"line {line}: `{text}` is not a docker command macplan reads; skipped.") for line, text in plan.skipped]
    # a compose file's services and networks macplan leaves aside (bridge, external, network_mode)
    report.plan_findings += [RULES["compose-skipped"].finding(note) for note in getattr(plan, "notes", ())]
    return report


def _count_endpoints(results: list[NetworkResult], endpoints: list[EndpointResult]) -> None:
    """A script's containers take addresses (and MACs): each network's capacity and MAC count
    see the endpoints accepted on it."""
    on: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for e in endpoints:
        if e.accepted and e.started:
            on.setdefault((e.host, e.network), []).append((e.ip or "", e.mac or ""))
    if not on:
        return
    for res in results:
        if res.created is None:
            continue
        key = (res.host, res.name)
        if key in on:
            res.created.network = res.created.network.with_(endpoints=res.created.network.endpoints + tuple(on[key]))
        res.capacity = network_capacity(res.created)


def recheck(report: Report, plan: Plan, indices: Iterable[int]) -> Report:
    """`check` after an edit, re-simulating only `indices`: networks of one host that are the
    only ones the edit can affect (same name, parent or overlapping pools; the caller knows).
    Results of the other networks are reused from `report`."""
    with _no_gc():
        return _recheck(report, plan, indices)


def _recheck(report: Report, plan: Plan, indices: Iterable[int]) -> Report:
    wanted = set(indices)
    order = [i for i in plan.creation_order() if i in wanted]
    host = plan.networks[order[0]].host
    assert all(plan.networks[j].host == host for j in order), "recheck takes networks of one host"
    eng = Daemon(plan.host(host), report.profile)
    fresh = {j: _create(eng, plan.networks[j], j) for j in order}
    for res in fresh.values():
        _advise(plan, eng, res)
    results = [fresh.get(j, r) for j, r in enumerate(report.networks)]
    return _finish(plan, report.profile, results)


def _mac_limits(vlans: list[VlanMacs], ports: list[PortMacsDict]) -> list[Finding]:
    out: list[Finding] = []
    for v in vlans:
        if v.limit is not None and v.macs > v.limit:
            out.append(RULES["mac-limit"].finding(
                f"VLAN {v.vlan if v.vlan is not None else 'untagged'} will see {v.macs} MAC addresses, above its "
                f"limit of {v.limit}; use ipvlan or fewer containers per VLAN."))
    for p in ports:
        limit = p["limit"]
        if limit is not None and p["macs"] > limit:
            out.append(RULES["mac-limit"].finding(
                f"switch port of {p['host']} {p['interface']} will see {p['macs']} MAC addresses, above its "
                f"port-security limit of {limit}; use ipvlan or raise the limit."))
    return out




@dataclass
class Capacity:
    engine: str
    networks: list[NetworkCapacity] = field(default_factory=list)     # accepted networks only
    parents: list[ParentMacs] = field(default_factory=list)
    vlans: list[VlanMacs] = field(default_factory=list)
    ports: list[PortMacsDict] = field(default_factory=list)
    report: Optional[Report] = None

    def network(self, name: str, host: Optional[str] = None) -> NetworkCapacity:
        return next(n for n in self.networks if n.name == name and (host is None or n.host == host))

    def to_dict(self) -> CapacityDict:
        return {"engine": self.engine,
                "networks": [n.to_dict() for n in self.networks],
                "parents": [p.to_dict() for p in self.parents],
                "vlans": [v.to_dict() for v in self.vlans],
                "ports": list(self.ports)}


def capacity(plan: Plan, engine: EngineArg = None, report: Optional[Report] = None, *,
             warnings: bool = True) -> Capacity:
    """Capacity of every network Docker would create (refused ones hold nothing).
    Pass the `report` of `check(plan, engine)` to reuse its simulation.  With
    `warnings=False` the warning and info rules are not run: no figure depends on them (they
    only read the simulation), and `Capacity.report` then holds Docker's refusals and the
    plan-wide findings only (`macplan capacity` prints figures, not findings)."""
    if report is None:
        with _no_gc():
            report = _check(plan, engine, warnings)
    nets = [r.capacity for r in report.networks if r.capacity is not None]
    return Capacity(report.engine, nets, report.parents, report.vlans, report.ports, report)
