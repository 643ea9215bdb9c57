"""Check a plan the way Docker would: commands in order, per host, first refusal wins."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..model import Plan
from . import errors as _errors  # noqa: F401  (registers the refusal ids)
from . import hints
from .catalog import RULES, Finding
from .cli import Refusal
from .daemon import Created, Engine
from .multihost import cross_host as _cross_host
from .profile import LINES, Profile, UnknownEngine

__all__ = ["check", "recheck", "simulate", "Report", "NetworkResult", "Finding", "Profile", "RULES", "LINES", "UnknownEngine"]

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class NetworkResult:
    index: int
    name: str
    host: str
    accepted: bool
    findings: list[Finding] = field(default_factory=list)
    created: Optional[Created] = None
    capacity: object = None

    def to_dict(self) -> dict:
        return {"index": self.index, "name": self.name, "host": self.host, "accepted": self.accepted,
                "findings": [f.to_dict() for f in self.findings]}


@dataclass
class Report:
    engine: str
    profile: Profile
    networks: list[NetworkResult]
    plan_findings: list[Finding] = field(default_factory=list)
    parents: list = field(default_factory=list)
    vlans: list = field(default_factory=list)
    ports: list = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for n in self.networks for f in n.findings] + self.plan_findings

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return {"engine": self.engine, "networks": [n.to_dict() for n in self.networks],
                "plan": [f.to_dict() for f in self.plan_findings]}


def _refused(r: Refusal, name: str) -> Finding:
    spec = RULES[r.rule]
    said = " / ".join(line.lstrip("* ") for line in r.text.splitlines()[1:]) if "\n" in r.text else r.text
    return spec.finding(r.message or f"Docker refuses {name} ({said}): {spec.advice}", r.text)


def _create(eng: Engine, net, index: int) -> NetworkResult:
    """One network's `docker network create` on a simulated daemon, with its capacity."""
    from ..pools import network_capacity
    result = NetworkResult(index, net.name, net.host, True)
    try:
        result.created = eng.create(net, index)
    except Refusal as r:
        result.accepted = False
        result.findings.append(_refused(r, net.name))
    else:
        result.capacity = network_capacity(result.created)
    return result


def _advise(plan: Plan, eng: Engine, result: NetworkResult) -> None:
    """The warning and info rules, for a network Docker accepts."""
    if not result.accepted:
        return
    ctx = hints.Context(plan, eng, result.created, result.capacity)
    for r in _advice_rules():
        message = r.check(ctx)
        if message:
            result.findings.append(r.finding(message))
    result.findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])


def _advice_rules() -> list:
    """The rules with a check function (warnings and notes), in catalog order."""
    global _ADVICE
    if _ADVICE is None or len(_ADVICE[0]) != len(RULES):
        _ADVICE = (dict(RULES), [r for r in RULES.values() if r.check is not None])
    return _ADVICE[1]


_ADVICE = None


def _finish(plan: Plan, profile: Profile, results: list[NetworkResult]) -> Report:
    """The plan-wide parts: several hosts on one segment, MAC counts against limits."""
    from ..macs import count_macs
    plan_findings = _cross_host(plan, profile, results)
    created = [r.created for r in results if r.created is not None]
    caps = {id(r.created): r.capacity for r in results if r.created is not None}
    parents, vlans, ports = count_macs(created, plan, caps)
    plan_findings += _mac_limits(vlans, ports)
    plan_findings += _unchecked_parents(plan, results)
    return Report(profile.line, profile, results, plan_findings, parents, vlans, ports)


def _unchecked_parents(plan: Plan, results) -> list[Finding]:
    """Hosts whose interfaces are unknown: parents are assumed to exist, so say so once."""
    hosts = sorted({r.host for r in results if r.created is not None and r.created.network.parent
                    and not plan.host(r.host).interfaces_known})
    if not hosts:
        return []
    return [RULES["parents-unchecked"].finding(
        f"the interfaces of {', '.join(hosts)} are not known, so macplan assumed every parent exists; "
        f"pass --interfaces (or list interfaces: in the plan) to check them.")]


def simulate(plan: Plan, engine=None) -> tuple[Profile, dict[str, Engine], list[NetworkResult]]:
    """Run every network's create on a simulated daemon per host, in order."""
    profile = Profile.of(engine if engine is not None else plan.engine)
    engines: dict[str, Engine] = {}
    results: list[Optional[NetworkResult]] = [None] * len(plan.networks)
    # the order commands and apply use: config-only networks first, then the plan's order
    for index in _creation_order(plan.networks):
        net = plan.networks[index]
        eng = engines.get(net.host)
        if eng is None:
            eng = engines[net.host] = Engine(plan.host(net.host), profile)
        results[index] = _create(eng, net, index)
    return profile, engines, results


def _creation_order(networks) -> list[int]:
    """Indices in `emit.ordered`'s order (config-only networks before those created from them)."""
    return sorted(range(len(networks)), key=lambda i: (not networks[i].config_only, i))


def check(plan: Plan, engine=None) -> Report:
    """Every finding for every network, errors first within each network."""
    profile, engines, results = simulate(plan, engine)
    for res in results:
        _advise(plan, engines[res.host], res)
    return _finish(plan, profile, results)


def recheck(report: Report, plan: Plan, indices) -> Report:
    """`check` after an edit, re-simulating only `indices`: networks of one host that are the
    only ones the edit can affect (same name, parent or overlapping pools; the caller knows).
    Results of the other networks are reused from `report`."""
    wanted = set(indices)
    indices = [i for i in _creation_order(plan.networks) if i in wanted]
    host = plan.networks[indices[0]].host
    assert all(plan.networks[j].host == host for j in indices), "recheck takes networks of one host"
    eng = Engine(plan.host(host), report.profile)
    fresh = {j: _create(eng, plan.networks[j], j) for j in indices}
    for res in fresh.values():
        _advise(plan, eng, res)
    results = [fresh.get(j, r) for j, r in enumerate(report.networks)]
    return _finish(plan, report.profile, results)


def _mac_limits(vlans, ports) -> list[Finding]:
    out = []
    for v in vlans:
        if v.limit is not None and v.macs > v.limit:
            out.append(RULES["mac-limit"].finding(
                f"VLAN {v.vlan if v.vlan is not None else 'untagged'} will see {v.macs} MAC addresses, above its "
                f"limit of {v.limit}; use ipvlan or fewer containers per VLAN."))
    for p in ports:
        if p.get("limit") is not None and p["macs"] > p["limit"]:
            out.append(RULES["mac-limit"].finding(
                f"switch port of {p['host']} {p['interface']} will see {p['macs']} MAC addresses, above its "
                f"port-security limit of {p['limit']}; use ipvlan or raise the limit."))
    return out


from .catalog import Rule as _Rule  # noqa: E402

RULES["parents-unchecked"] = _Rule(
    "parents-unchecked", "info", "driver", "List the host's interfaces (--interfaces eth0,eth1 or interfaces:).",
    "Docker refuses a parent that does not exist (or creates a VLAN sub-interface for name.vid); "
    "without the host's interface list macplan cannot tell, and assumes every parent exists.", None)
RULES["mac-limit"] = _Rule(
    "mac-limit", "warning", "lan", "Use ipvlan, fewer containers per VLAN, or a higher limit.",
    "Each macvlan container is a MAC the switch must learn; port security and CAM limits drop the excess.",
    None)
