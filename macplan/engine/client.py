"""Acting on a real Docker engine: diff, apply, import and destroy a plan's networks.

The engine sits behind a small transport (``DockerTransport``: the docker SDK's low-level
client, raw ``POST /networks/create`` for every create so ConfigOnly, ConfigFrom, EnableIPv4
and EnableIPv6=false go through as planned), the way httpx puts I/O behind a transport: the
logic here never knows whether it talks to a daemon, and tests swap nothing but the socket.
Every answer is checked before it is used: a malformed one (missing keys, wrong types, nulls)
is an ``EngineMalformed`` error, one line, never a traceback.

Ownership. Every network apply creates carries ``io.macplan.plan=<plan name>``,
``io.macplan.origin=<machine>:<absolute path of the plan file>`` and ``io.macplan.hash=<config
hash>``. A plan's identity is the pair (name, origin), and apply, diff and destroy only ever
remove or replace networks whose labels carry this exact pair. Why the origin and not a new
``id:`` key in the plan: a name is whatever the file is called (``siteA/plan.yaml`` and
``siteB/plan.yaml`` are both ``plan``), an ``id:`` key is one more thing people copy from one
plan to the next (so two plans share it by accident, the very bug), and scripts of ``docker
network create`` commands have nowhere to put one. Where a plan lives is something two
different plans cannot share; when a plan file moves, or is applied from another machine, the
networks it made look foreign and macplan refuses, saying where they came from: ``--adopt
NAME`` takes such a network over explicitly (it is removed and re-created with this plan's
labels). Where the path is not stable by nature (a CI checkout), ``--origin TEXT`` names the
plan's origin instead. Networks without macplan's labels, or with a plan name but no origin (made by hand or
by an older macplan), are foreign too. Refusals of this kind exit 2.

Faults. When a run stops (daemon gone, Docker refused, a container attached meanwhile), macplan
re-reads the engine and prints, network by network, what exists now; when the engine cannot be
read it says so and lists what this run did for certain, and what was in flight when the engine
stopped answering (it may or may not have happened).

    macplan diff PLAN [--docker-host H] [--host NAME] [--origin TEXT] [--json]
    macplan apply PLAN [--docker-host H] [--host NAME] [--origin TEXT] [--disconnect CONTAINER]...
                       [--adopt NAME]... [--no-rollback] [-q]
    macplan destroy PLAN [--docker-host H] [--origin TEXT] [--disconnect CONTAINER]... [--adopt NAME]... [-q]
    macplan import [FILE] [--docker-host H] [--name NAME] [--plan LABEL]

Exit codes: 0 done (or nothing to do; for diff: no changes), 1 refused (error findings, a
conflict Docker would raise, Docker refused a create and the run was rolled back, containers
attached and not named; for diff: there are changes, as ``git diff --exit-code``), 2 could not
act (plan unreadable, engine unreachable or answering nonsense, permission denied, daemon gone
mid-run, a network another plan or nobody created would be removed or replaced). Errors are one
line, and names that come from the engine are printed with control characters escaped.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from macplan.engine.state import (
    IMPORT_DRIVERS,
    _attached,
    _body_from_inspect,
    _check_network,
    _identity,
    _index,
    _member_key,
    _owned_labels,
    _owner,
    _ownership,
    _whose,
    config_hash,
    desired_body,
    differences,
    normalise,
    plan_origin,
)
from macplan.engine.transport import DockerTransport, Transport, _safe
from macplan.errors import EngineError, EngineMalformed, EngineUnreachable, NotOwned, PlanRefused
from macplan.model import creation_order

__all__ = ["DestroyResult", "Engine", "Action", "Diff", "ApplyResult"]


@dataclass
class Action:
    """One line of a diff: what apply would do to one network name."""

    kind: str                      # create | recreate | remove | keep | conflict
    name: str
    network: object = None         # the plan's Network (None for remove)
    current: Optional[dict] = None  # the engine's inspect output
    changes: list = field(default_factory=list)
    containers: list = field(default_factory=list)  # names attached, disconnected by recreate/remove
    body: Optional[dict] = None     # what apply posts (labels included)
    reason: str = ""
    foreign: bool = False           # a conflict because another plan (or nobody) made it

    def to_dict(self) -> dict:
        return {"action": self.kind, "name": self.name, "changes": list(self.changes),
                "containers": list(self.containers), "reason": self.reason,
                "id": (self.current or {}).get("Id")}


@dataclass
class Diff:
    engine: str
    profile: str
    plan: str
    host: Optional[str]
    actions: list

    def by_kind(self, kind: str) -> list:
        return [a for a in self.actions if a.kind == kind]

    @property
    def changes(self) -> list:
        return [a for a in self.actions if a.kind in ("create", "recreate", "remove")]

    def to_dict(self) -> dict:
        return {"engine": self.engine, "profile": self.profile, "plan": self.plan, "host": self.host,
                "actions": [a.to_dict() for a in self.actions]}

    def render(self) -> str:
        sym = {"create": "+", "recreate": "~", "remove": "-", "keep": "=", "conflict": "!"}
        lines = [f"engine {self.engine} (rules {self.profile}); plan {self.plan}"
                 + (f", host {self.host}" if self.host else "")]
        for a in self.actions:
            text = {"keep": "unchanged" + (f" ({a.reason})" if a.reason else ""), "create": "create", "remove": "remove (no longer in the plan)",
                    "recreate": "recreate: " + "; ".join(a.changes), "conflict": "conflict: " + a.reason}[a.kind]
            if a.containers:
                text += f"; disconnects {', '.join(a.containers)}"
            lines.append(f"  {sym[a.kind]} {a.name:<20} {text}")
        # names and texts come from the engine: never let them drive the terminal
        lines = [_safe(line) for line in lines]
        counts = [f"{len(self.by_kind(k))} to {k}" for k in ("create", "recreate", "remove") if self.by_kind(k)]
        if self.by_kind("conflict"):
            counts.append(f"{len(self.by_kind('conflict'))} conflicting")
        lines.append(", ".join(counts + [f"{len(self.by_kind('keep'))} unchanged"]) if counts
                     else f"nothing to do: {len(self.by_kind('keep'))} networks up to date")
        return "\n".join(lines)


@dataclass
class ApplyResult:
    diff: Diff
    created: list = field(default_factory=list)    # names created by this run (still there)
    removed: list = field(default_factory=list)    # names removed by this run
    rolled_back: list = field(default_factory=list)
    error: Optional[str] = None
    state: dict = field(default_factory=dict)      # name -> "present" | "absent" | "unknown" after the run
    in_flight: list = field(default_factory=list)  # (op, name) the engine may or may not have done

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class DestroyResult:
    """What destroy did; after a failure, ``state`` is what the engine holds now."""

    plan: str
    removed: list = field(default_factory=list)    # names removed by this run, for certain
    pending: list = field(default_factory=list)    # names this run meant to remove and did not
    in_flight: list = field(default_factory=list)  # names whose removal may or may not have happened
    skipped: list = field(default_factory=list)    # (name, whose) labelled with this plan's name, not ours
    error: Optional[str] = None
    state: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    def __str__(self) -> str:  # print(engine.destroy(plan)) reads like the list it used to be
        return _safe(", ".join(self.removed) or "nothing") + (f" (stopped: {_safe(self.error)})" if self.error else "")


class Engine:
    """A Docker engine as macplan sees it. ``Engine(docker_host)`` or ``Engine(transport=...)``."""

    def __init__(self, docker_host: Optional[str] = None, *, transport: Optional[Transport] = None,
                 progress: Optional[Callable[[str], None]] = None):
        self.transport = transport or DockerTransport(docker_host)
        self.progress = progress or (lambda msg: None)
        info = self.transport.version()
        if not isinstance(info, dict) or not isinstance(info.get("Version"), str) \
                or not isinstance(info.get("ApiVersion", ""), str):
            raise EngineMalformed("the engine sent a malformed answer: GET /version has no Version string")
        self.version: str = info["Version"]
        self.api_version: str = info.get("ApiVersion", "")
        from macplan.profile import Profile

        try:
            self.profile = Profile.of(self.version).line
        except ValueError:
            self.profile = None  # outside 20.10..29: check with the default profile

    def close(self) -> None:
        self.transport.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- helpers --
    def _check_duplicate(self) -> bool:
        # up to API 1.43 the daemon creates a second network of the same name unless asked
        try:
            major, minor = (int(x) for x in self.api_version.split(".")[:2])
            return (major, minor) < (1, 44)
        except ValueError:
            return True

    @staticmethod
    def _select(plan, host: Optional[str]) -> tuple[Optional[str], list]:
        hosts = sorted({n.host for n in plan.networks})
        if host is None:
            if len(hosts) > 1:
                raise PlanRefused(f"plan {plan.name} has networks for hosts {', '.join(hosts)}: pass --plan-host")
            host = hosts[0] if hosts else None
        nets = [n for n in plan.networks if n.host == host]
        names = [n.name for n in nets]
        dup = sorted({x for x in names if names.count(x) > 1})
        if dup:
            raise PlanRefused(f"plan {plan.name} names {', '.join(dup)} more than once for host {host}")
        return host, nets

    def _check(self, plan, host: Optional[str]):
        from macplan import check

        report = check(plan, engine=self.version if self.profile else None)
        errors = []
        for res, net in zip(report.networks, plan.networks):
            if host is not None and getattr(net, "host", host) != host:
                continue
            for f in res.findings:
                if f.severity == "error":
                    errors.append(f"{res.name}: {f.docker_error or f.message}")
        return report, errors

    def _networks(self) -> list[dict]:
        """Every network on the engine, each checked for the shape macplan relies on."""
        raw = self.transport.networks()
        if not isinstance(raw, list):
            raise EngineMalformed(f"the engine sent a malformed answer: the network list is {type(raw).__name__}")
        return [_check_network(n, i) for i, n in enumerate(raw)]

    # -- diff --
    def diff(self, plan, host: Optional[str] = None, *, adopt: Iterable[str] = (),
             origin: Optional[str] = None) -> Diff:
        host, nets = self._select(plan, host)
        me = (plan.name, plan_origin(plan, origin))
        adopt = set(adopt)
        current = self._networks()
        by_name = _index(current)
        planned = {n.name: n for n in nets}
        desired = {}
        for net in nets:
            body = desired_body(net)
            want = normalise(body)
            desired[net.name] = [body, want, config_hash(want)]
        # a config-only network carries its members' ownership (Docker refuses their labels)
        members: dict = {}
        for net in nets:
            if net.config_from and net.config_from in planned and planned[net.config_from].config_only:
                members.setdefault(net.config_from, {})[net.name] = desired[net.name][2]
        for cfg, mem in members.items():
            body, want, _ = desired[cfg]
            desired[cfg][2] = config_hash({"network": want, "members": dict(sorted(mem.items()))})
            body["Labels"] = {**(body.get("Labels") or {}), **{_member_key(k): v for k, v in mem.items()}}
        actions = []
        for net in [nets[i] for i in creation_order(nets, plan.as_written)]:
            body, want, h = desired[net.name]
            if not net.config_from:
                body["Labels"] = _owned_labels(plan.name, me[1], h, body.get("Labels") or {})
            body["Name"] = net.name
            if self._check_duplicate():
                body["CheckDuplicate"] = True
            if net.config_from and net.name not in members.get(net.config_from, {}):
                actions.append(Action("conflict", net.name, net, body=body, reason=(
                    f"--config-from {net.config_from}: Docker refuses labels on such a network, so "
                    f"macplan owns it through its config-only network, which must be in the plan")))
                continue
            found = by_name.get(net.name, [])
            if not found:
                actions.append(Action("create", net.name, net, body=body))
                continue
            if len(found) > 1:
                actions.append(Action("conflict", net.name, net, current=found[0], body=body,
                                      reason=f"{len(found)} networks named {net.name} on the engine"))
                continue
            cur = found[0]
            owner = _ownership(cur, by_name)
            if owner[:2] != me:
                if net.name in adopt:
                    actions.append(Action("recreate", net.name, net, current=cur, body=body,
                                          changes=[f"taken over (--adopt): it {_whose(owner)}"],
                                          containers=_attached(cur)))
                    continue
                if owner[0] is not None and not differences(want, normalise(cur)):
                    # already as planned: leaving it alone removes and replaces nothing
                    actions.append(Action("keep", net.name, net, current=cur, body=body,
                                          reason=f"not this plan's: it {_whose(owner)}"))
                    continue
                actions.append(Action("conflict", net.name, net, current=cur, body=body, foreign=True,
                                      reason=f"{_whose(owner)} (id {cur['Id'][:12]}); apply never touches it "
                                             f"unless told: --adopt {net.name}"))
                continue
            old_hash = owner[2]
            changes = differences(want, normalise(cur))
            if not changes and old_hash != h:
                changes = [f"config hash {old_hash} -> {h}"]
            if changes:
                actions.append(Action("recreate", net.name, net, current=cur, body=body, changes=changes,
                                      containers=_attached(cur)))
            else:
                actions.append(Action("keep", net.name, net, current=cur, body=body))
        # a recreated config-only network takes its members with it
        redone = {a.name for a in actions if a.kind == "recreate" and a.network.config_only}
        for a in actions:
            if a.kind == "keep" and a.network.config_from in redone:
                a.kind, a.changes = "recreate", [f"its config network {a.network.config_from} is recreated"]
                a.containers = _attached(a.current)
        # only networks with this plan's identity (name and origin) are ever removed
        gone = [n for n in current if _identity(n, by_name) == me and n["Name"] not in planned]
        # config-from networks go before the config-only network they use
        for cur in sorted(gone, key=lambda n: 1 if n.get("ConfigOnly") else 0):
            actions.append(Action("remove", cur["Name"], None, current=cur, containers=_attached(cur)))
        return Diff(self.version, self.profile or "default", plan.name, host, actions)

    # -- apply --
    def apply(self, plan, host: Optional[str] = None, *, disconnect: Iterable[str] = (),
              rollback: bool = True, check: bool = True, adopt: Iterable[str] = (),
              origin: Optional[str] = None) -> ApplyResult:
        if check:
            _, errors = self._check(plan, host)
            if errors:
                raise PlanRefused(f"plan has {len(errors)} error finding(s), first: {errors[0]}")
        d = self.diff(plan, host, adopt=adopt, origin=origin)
        stray = sorted(set(adopt) - {a.name for a in d.actions if a.kind != "remove"})
        if stray:
            raise NotOwned(f"--adopt {', '.join(stray)}: not a network this plan creates"
                           + (f" for host {d.host}" if d.host else ""))
        result = ApplyResult(d)
        foreign = [a for a in d.by_kind("conflict") if a.foreign]
        if foreign:
            raise NotOwned("; ".join(f"{_safe(a.name)} {a.reason}" for a in foreign))
        conflicts = d.by_kind("conflict")
        if conflicts:
            raise PlanRefused("; ".join(f"{_safe(a.name)}: {a.reason}" for a in conflicts))
        allowed = set(disconnect)
        blocked = [a for a in d.actions if a.kind in ("recreate", "remove") and not set(a.containers) <= allowed]
        if blocked:
            a = blocked[0]
            missing = [c for c in a.containers if c not in allowed]
            raise PlanRefused(f"{a.kind} {_safe(a.name)} would disconnect {', '.join(missing)}; "
                              f"name them with --disconnect to allow it")
        steps = ([("remove", a) for a in d.by_kind("remove")]
                 + [("remove", a) for a in reversed(d.by_kind("recreate"))]
                 + [("create", a) for a in d.actions if a.kind in ("create", "recreate")])
        created: list[tuple[str, Optional[str]]] = []   # (name, id)
        removed: list[dict] = []             # inspect of what we removed
        total = len(steps)
        names = [x.name for x in d.actions]
        for i, (op, a) in enumerate(steps, 1):
            t = time.monotonic()
            self.progress(f"[{i}/{total}] {op} {_safe(a.name)}")
            try:
                if op == "remove":
                    for cid in (a.current.get("Containers") or {}):
                        self.transport.disconnect(a.current["Id"], cid)
                    self.transport.remove_network(a.current["Id"])
                    removed.append(a.current)
                    result.removed.append(a.name)
                else:
                    nid = self.transport.create_network(a.body)
                    if not isinstance(nid, str) or not nid:
                        # it was created, but we do not know its id: find it by name for rollback
                        created.append((a.name, None))
                        result.created.append(a.name)
                        raise EngineMalformed(f"create {_safe(a.name)}: the engine's answer has no network id")
                    created.append((a.name, nid))
                    result.created.append(a.name)
            except EngineError as exc:
                result.error = str(exc)
                if isinstance(exc, EngineUnreachable) and exc.sent:
                    result.in_flight.append((op, a.name))
                self.progress(f"[{i}/{total}] {op} {_safe(a.name)}: failed: {_safe(exc)}")
                if rollback:
                    self._rollback(created, removed, result, me=(plan.name, plan_origin(plan, origin)),
                                   flying=a.current if op == "remove" else None)
                result.state = self._state(names)
                self._settle_in_flight(result)
                return result
            self.progress(f"[{i}/{total}] {op} {_safe(a.name)}: ok ({time.monotonic() - t:.2f}s)")
        result.state = self._state(names) if steps else {a.name: "present" for a in d.actions}
        return result

    @staticmethod
    def _settle_in_flight(result) -> None:
        """With the engine re-read, an in-flight step either happened or did not."""
        if not result.state or "unknown" in result.state.values():
            return
        for op, name in result.in_flight:
            if op == "create" and result.state.get(name) == "present" and name not in result.created:
                result.created.append(name)   # the daemon made it before it stopped answering
            elif op == "remove" and result.state.get(name) == "absent" and name not in result.removed:
                result.removed.append(name)
        result.in_flight = []

    def _rollback(self, created, removed, result: ApplyResult, me=None, flying: Optional[dict] = None) -> None:
        if any(nid is None for _, nid in created) or result.in_flight:
            # a step whose answer was lost may have happened: look before undoing
            try:
                have = self._networks()
                by_name = _index(have)
                for op, name in list(result.in_flight):
                    mine = [n for n in by_name.get(name, []) if _identity(n, by_name) == me]
                    if op == "create" and len(mine) == 1:
                        created.append((name, mine[0]["Id"]))
                        result.created.append(name)
                        result.in_flight.remove((op, name))
                    elif op == "remove" and flying is not None:
                        if not any(n["Id"] == flying["Id"] for n in have):
                            removed.append(flying)       # it went: re-create it below
                            result.removed.append(name)
                        result.in_flight.remove((op, name))
                created[:] = [(name, nid or next((n["Id"] for n in by_name.get(name, [])
                                                  if _identity(n, by_name) == me), None))
                              for name, nid in created]
            except EngineError:
                pass
        for name, nid in reversed(created):
            if nid is None:
                self.progress(f"rollback: could not find {_safe(name)} to remove it")
                continue
            try:
                self.transport.remove_network(nid)
                result.rolled_back.append(name)
                result.created.remove(name)
                self.progress(f"rollback: removed {_safe(name)}")
            except EngineError as exc:
                self.progress(f"rollback: could not remove {_safe(name)}: {_safe(exc)}")
        for cur in reversed(removed):
            try:
                self.transport.create_network(_body_from_inspect(cur))
                result.rolled_back.append(cur["Name"])
                result.removed.remove(cur["Name"])
                self.progress(f"rollback: re-created {_safe(cur['Name'])} (containers stay disconnected)")
            except EngineError as exc:
                self.progress(f"rollback: could not re-create {_safe(cur['Name'])}: {_safe(exc)}")

    def _state(self, names: list[str]) -> dict:
        try:
            present = {n["Name"] for n in self._networks()}
        except EngineError:
            return {n: "unknown" for n in names}
        return {n: ("present" if n in present else "absent") for n in names}

    # -- destroy --
    def destroy(self, plan, *, disconnect: Iterable[str] = (), adopt: Iterable[str] = (),
                origin: Optional[str] = None) -> DestroyResult:
        """Remove every network with this plan's identity (name and origin), and those named in
        ``adopt`` (planned, or labelled with this plan's name); refuse if containers are unnamed.

        A failure midway is not raised: the result says what was removed, what was in flight,
        and (re-read from the engine) what exists now.
        """
        me = (plan.name, plan_origin(plan, origin))
        adopt = set(adopt)
        current = self._networks()
        index = _index(current)
        planned = {n.name for n in plan.networks}
        result = DestroyResult(plan.name)
        mine = []
        for n in current:
            owner = _ownership(n, index)
            if owner[:2] == me:
                mine.append(n)
            elif n["Name"] in adopt and (n["Name"] in planned or owner[0] == plan.name):
                mine.append(n)
            elif owner[0] == plan.name:
                result.skipped.append((n["Name"], _whose(owner)))
        unknown = adopt - {n["Name"] for n in mine}
        if unknown:
            raise NotOwned(f"--adopt {', '.join(_safe(x) for x in sorted(unknown))}: no such network of plan "
                              f"{_safe(plan.name)} (neither in the plan nor labelled with its name)")
        allowed = set(disconnect)
        for cur in mine:
            missing = [c for c in _attached(cur) if c not in allowed]
            if missing:
                raise PlanRefused(f"remove {_safe(cur['Name'])} would disconnect {', '.join(missing)}; "
                                  f"name them with --disconnect to allow it")
        # config-from networks before the config-only network they use; else by name
        mine.sort(key=lambda n: (1 if n.get("ConfigOnly") else 0, n["Name"]))
        result.pending = [n["Name"] for n in mine]
        for i, cur in enumerate(mine, 1):
            self.progress(f"[{i}/{len(mine)}] remove {_safe(cur['Name'])}")
            try:
                for cid in (cur.get("Containers") or {}):
                    self.transport.disconnect(cur["Id"], cid)
                self.transport.remove_network(cur["Id"])
            except EngineError as exc:
                result.error = str(exc)
                result.pending.remove(cur["Name"])
                if isinstance(exc, EngineUnreachable) and exc.sent:
                    result.in_flight.append(cur["Name"])
                else:
                    result.pending.insert(0, cur["Name"])
                self.progress(f"[{i}/{len(mine)}] remove {_safe(cur['Name'])}: failed: {_safe(exc)}")
                names = [n["Name"] for n in mine]
                result.state = self._state(names)
                if "unknown" not in result.state.values():
                    for name in list(result.in_flight):  # re-read: it happened or it did not
                        result.in_flight.remove(name)
                        (result.removed if result.state[name] == "absent" else result.pending).append(name)
                return result
            result.pending.remove(cur["Name"])
            result.removed.append(cur["Name"])
        return result

    # -- import --
    def import_plan(self, name: Optional[str] = None, *, only_plan: Optional[str] = None,
                    host: str = "host"):
        """The engine's macvlan/ipvlan networks (and the config-only networks they use) as a Plan."""
        from macplan.model import Host, Interface, Network, Plan

        current = self._networks()
        index = _index(current)
        picked = [n for n in current if (n.get("Driver") in IMPORT_DRIVERS or n.get("ConfigOnly"))
                  and (only_plan is None or _owner(n, index) == only_plan)]
        picked.sort(key=lambda n: (0 if n.get("ConfigOnly") else 1, n.get("Created") or "", n["Name"]))
        networks, parents = [], []
        for n in picked:
            opts = dict(n.get("Options") or {})
            ipam = n.get("IPAM") or {}
            subnets, ranges, gateways, aux = [], [], [], []
            for c in ipam.get("Config") or []:
                if not c.get("Subnet"):
                    continue
                subnets.append(c["Subnet"])
                if c.get("IPRange"):
                    ranges.append(c["IPRange"])
                if c.get("Gateway"):
                    gateways.append(c["Gateway"])
                aux.extend((c.get("AuxiliaryAddresses") or {}).items())
            if not n.get("EnableIPv6"):
                # the daemon adds a default IPv4 pool to a v6-only request; keep what was asked
                pass
            cf = (n.get("ConfigFrom") or {}).get("Network")
            if opts.get("parent") and opts["parent"] not in parents:
                parents.append(opts["parent"])
            labels = () if cf else tuple(sorted(  # a config-from network shows its config's labels
                (k, v) for k, v in (n.get("Labels") or {}).items() if not k.startswith("io.macplan.")))
            networks.append(Network(
                name=n["Name"],
                driver="macvlan" if n.get("ConfigOnly") else n.get("Driver"),
                host=host,
                options=tuple(opts.items()) if not cf else (),
                subnets=tuple(subnets) if not cf else (),
                ip_ranges=tuple(ranges) if not cf else (),
                gateways=tuple(gateways) if not cf else (),
                aux=tuple(aux) if not cf else (),
                ipv6=True if n.get("EnableIPv6") else None,
                internal=bool(n.get("Internal")),
                attachable=bool(n.get("Attachable")),
                scope=n.get("Scope") if n.get("Scope") not in (None, "", "local") else None,
                config_only=bool(n.get("ConfigOnly")),
                config_from=cf or None,
                labels=labels,
            ))
        owners = {_owner(n, index) for n in picked} - {None}
        plan_name = name or only_plan or (owners.pop() if len(owners) == 1 and all(_owner(n, index) for n in picked)
                                          else "imported")
        hosts = (Host(name=host, interfaces=tuple(Interface(p) for p in parents)),)
        return Plan(name=plan_name, hosts=hosts, networks=tuple(networks), engine=self.profile)
