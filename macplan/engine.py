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

import argparse
import hashlib
import json
import os
import re
import socket
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Protocol
from .model import creation_order

__all__ = [
    "LABEL_PLAN",
    "LABEL_HASH",
    "LABEL_ORIGIN",
    "EngineMalformed",
    "NotOwned",
    "DestroyResult",
    "plan_origin",
    "EngineError",
    "EngineUnreachable",
    "EngineRefused",
    "PlanRefused",
    "Transport",
    "DockerTransport",
    "Engine",
    "Action",
    "Diff",
    "ApplyResult",
    "normalise",
    "config_hash",
    "cli",
]

LABEL_PLAN = "io.macplan.plan"
LABEL_HASH = "io.macplan.hash"
LABEL_ORIGIN = "io.macplan.origin"
LABEL_MEMBER = "io.macplan.member."
IMPORT_DRIVERS = ("macvlan", "ipvlan")


# ---- exceptions -------------------------------------------------------------------------------

class EngineError(RuntimeError):
    """Something went wrong talking to the engine; ``str()`` is one line for the user."""


class EngineUnreachable(EngineError):
    """No answer: socket missing, permission denied, daemon gone, timeout.

    ``sent`` is False when the request certainly never reached a daemon (no socket, connection
    refused): then it did not happen. Otherwise the daemon may have acted before it went away.
    """

    def __init__(self, message: str, sent: bool = True):
        super().__init__(message)
        self.sent = sent


class EngineMalformed(EngineError):
    """The engine answered, but not with what its API promises (missing keys, wrong types)."""


class EngineRefused(EngineError):
    """The daemon answered with an error; ``docker_error`` is its own text."""

    def __init__(self, message: str, status: Optional[int] = None, docker_error: str = ""):
        super().__init__(message)
        self.status, self.docker_error = status, docker_error


class PlanRefused(EngineError):
    """macplan refuses to act: error findings, conflicts, or containers that were not named."""


class NotOwned(PlanRefused):
    """A network another plan (or nobody) created would be removed or replaced; see ``--adopt``."""


# ---- transport seam ---------------------------------------------------------------------------

class Transport(Protocol):
    """The few engine calls macplan makes; a real daemon behind ``DockerTransport``."""

    def version(self) -> dict: ...
    def networks(self) -> list[dict]: ...
    def create_network(self, body: dict) -> str: ...
    def remove_network(self, net_id: str) -> None: ...
    def disconnect(self, net_id: str, container: str) -> None: ...
    def close(self) -> None: ...


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:400] or type(exc).__name__


# C0/C1 controls and the bidi overrides that reorder a terminal line
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _safe(text) -> str:
    """``text`` fit for a terminal: control characters written as escapes (``\\x1b``)."""
    text = str(text)
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", text)


def _not_sent(exc: BaseException) -> bool:
    """True when the request never reached a daemon (so it certainly did nothing)."""
    seen = set()
    e: Optional[BaseException] = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, (ConnectionRefusedError, FileNotFoundError)) or "Connection refused" in str(e) \
                or "No such file or directory" in str(e):
            return True
        e = e.__cause__ or e.__context__ or (e.args[0] if e.args and isinstance(e.args[0], BaseException) else None)
    return False


def _unreachable_reason(exc: BaseException) -> str:
    seen = set()
    e: Optional[BaseException] = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, PermissionError) or "Permission denied" in str(e):
            return "permission denied"
        if isinstance(e, FileNotFoundError) or "No such file or directory" in str(e):
            return "no such socket"
        if isinstance(e, ConnectionRefusedError) or "Connection refused" in str(e):
            return "connection refused (daemon not running?)"
        if isinstance(e, (ConnectionResetError, BrokenPipeError)) or "Connection aborted" in str(e):
            return "connection lost (daemon gone?)"
        if "timed out" in str(e).lower():
            return "timed out"
        e = e.__cause__ or e.__context__ or (e.args[0] if e.args and isinstance(e.args[0], BaseException) else None)
    return _one_line(exc)


class DockerTransport:
    """The docker SDK's low-level APIClient on ``docker_host`` (unix, tcp or ssh URL)."""

    def __init__(self, docker_host: Optional[str] = None, timeout: int = 60):
        import docker  # lazy: `macplan check` never pays for it

        self._docker = docker
        self.docker_host = docker_host or os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"
        try:
            self.api = docker.APIClient(base_url=self.docker_host, version="auto", timeout=timeout)
        except Exception as exc:  # version negotiation talks to the daemon already
            raise EngineUnreachable(f"cannot reach the engine at {self.docker_host}: {_unreachable_reason(exc)}") from None

    def _call(self, what: str, fn, *args, **kwargs):
        docker = self._docker
        try:
            return fn(*args, **kwargs)
        except docker.errors.APIError as exc:
            status = exc.response.status_code if exc.response is not None else None
            text = exc.explanation or str(exc)
            if isinstance(text, bytes):
                text = text.decode(errors="replace")
            raise EngineRefused(f"{what}: {text}", status, str(text)) from None
        except ValueError as exc:  # JSONDecodeError: it answered, with something else than JSON
            raise EngineMalformed(f"{what}: the engine at {self.docker_host} answered with something "
                                  f"that is not JSON: {_one_line(exc)}") from None
        except Exception as exc:
            raise EngineUnreachable(f"{what}: engine at {self.docker_host} not answering: "
                                    f"{_unreachable_reason(exc)}", sent=not _not_sent(exc)) from None

    def version(self) -> dict:
        return self._call("version", self.api.version)

    def networks(self) -> list[dict]:
        out = []
        listed = self._call("list networks", self.api.networks)
        if not isinstance(listed, list):
            raise EngineMalformed(f"list networks: the engine answered {type(listed).__name__}, not a list")
        for i, n in enumerate(listed):
            if not isinstance(n, dict) or not isinstance(n.get("Id"), str) or not n["Id"]:
                raise EngineMalformed(f"list networks: entry {i} has no network id")
            try:
                out.append(self._call(f"inspect {_safe(str(n.get('Name')))}", self.api.inspect_network, n["Id"]))
            except EngineRefused as exc:
                if exc.status != 404:  # removed meanwhile: fine
                    raise
        return out

    def create_network(self, body: dict) -> str:
        api = self.api
        url = api._url("/networks/create")
        res = self._call(f"create {body.get('Name')}", lambda: api._result(api._post_json(url, data=body), json=True))
        if not isinstance(res, dict) or not isinstance(res.get("Id"), str) or not res["Id"]:
            raise EngineMalformed(f"create {body.get('Name')}: the engine's answer has no network id")
        return res["Id"]

    def remove_network(self, net_id: str) -> None:
        self._call(f"remove {net_id[:12]}", self.api.remove_network, net_id)

    def disconnect(self, net_id: str, container: str) -> None:
        self._call(f"disconnect {container} from {net_id[:12]}", self.api.disconnect_container_from_network,
                   container, net_id, force=True)

    def close(self) -> None:
        try:
            self.api.close()
        except Exception:
            pass


# ---- normal form ------------------------------------------------------------------------------

def _norm_net(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    try:
        import netaddr

        return str(netaddr.IPNetwork(text)) if "/" in text else str(netaddr.IPAddress(text))
    except Exception:
        return text


def _family(text: Optional[str]) -> int:
    return 6 if text and ":" in text else 4


def normalise(body: dict) -> dict:
    """One normal form for a create body and for ``GET /networks/{id}`` output.

    Docker's own labels (io.macplan.*) are left out; so is everything the daemon fills in that
    the create body cannot say (Id, Created, Containers, ...).
    """
    config_only = bool(body.get("ConfigOnly"))
    ipam = body.get("IPAM") or {}
    pools = []
    for c in ipam.get("Config") or []:
        aux = c.get("AuxiliaryAddresses") or c.get("AuxAddress") or {}
        pools.append({
            "subnet": _norm_net(c.get("Subnet")),
            "ip_range": _norm_net(c.get("IPRange")),
            "gateway": _norm_net(c.get("Gateway")),
            "aux": {k: _norm_net(v) for k, v in sorted(aux.items())},
        })
    cf = body.get("ConfigFrom") or {}
    return {
        "driver": "null" if config_only else (body.get("Driver") or "bridge"),
        "scope": body.get("Scope") or "local",
        "options": {k: v for k, v in sorted((body.get("Options") or {}).items()) if v is not None},
        "ipam_driver": ipam.get("Driver") or "default",
        "ipam_options": dict(sorted((ipam.get("Options") or {}).items())),
        "pools": pools,
        "ipv6": bool(body.get("EnableIPv6")),
        "ipv4": body.get("EnableIPv4"),
        "internal": bool(body.get("Internal")),
        "attachable": bool(body.get("Attachable")),
        "ingress": bool(body.get("Ingress")),
        "config_only": config_only,
        "config_from": cf.get("Network") or None,
        "labels": {k: v for k, v in sorted((body.get("Labels") or {}).items()) if not k.startswith("io.macplan.")},
    }


def config_hash(desired: dict) -> str:
    """A short stable hash of a normalised create body."""
    blob = json.dumps(desired, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def differences(desired: dict, observed: dict) -> list[str]:
    """What differs, in words; empty when the engine has what the plan says.

    Tolerant where the daemon fills in what the plan left open: a gateway it picked, a default
    pool of a family the plan gave no subnet for, IPAM of a network built --config-from another.
    """
    out = []
    for key in ("driver", "scope", "internal", "attachable", "ingress", "config_only", "config_from", "ipv6"):
        if desired[key] != observed[key]:
            out.append(f"{key} {observed[key]} -> {desired[key]}")
    if desired["ipv4"] is not None and observed["ipv4"] is not None and desired["ipv4"] != observed["ipv4"]:
        out.append(f"ipv4 {observed['ipv4']} -> {desired['ipv4']}")
    if desired["config_from"]:
        return out  # labels, options and IPAM come from the config network
    if desired["labels"] != observed["labels"]:
        out.append(f"labels {observed['labels']} -> {desired['labels']}")
    dopts = {k: v for k, v in desired["options"].items() if not k.startswith("com.docker.network.enable_ipv")}
    oopts = {k: v for k, v in observed["options"].items() if not k.startswith("com.docker.network.enable_ipv")}
    if dopts != oopts:
        for k in sorted(set(dopts) | set(oopts)):
            if dopts.get(k) != oopts.get(k):
                out.append(f"-o {k} {oopts.get(k)} -> {dopts.get(k)}")
    if desired["ipam_driver"] != observed["ipam_driver"]:
        out.append(f"ipam driver {observed['ipam_driver']} -> {desired['ipam_driver']}")
    for fam in (4, 6):
        dp = [p for p in desired["pools"] if _family(p["subnet"]) == fam]
        op = [p for p in observed["pools"] if _family(p["subnet"]) == fam]
        if not dp:
            continue  # the daemon's default pool, not something the plan said
        if len(dp) != len(op):
            out.append(f"IPv{fam} subnets {[p['subnet'] for p in op]} -> {[p['subnet'] for p in dp]}")
            continue
        for d, o in zip(dp, op):
            for k in ("subnet", "ip_range", "gateway", "aux"):
                if k == "gateway" and d[k] is None:
                    continue
                if d[k] != o[k] and not (k == "aux" and not d[k] and not o[k]):
                    out.append(f"{k.replace('_', '-')} {o[k] or 'none'} -> {d[k] or 'none'}")
    return out


# ---- plan -> create body ----------------------------------------------------------------------

def desired_body(network) -> dict:
    """The POST /networks/create body for a plan network, labels not yet added."""
    from .emit import api_payload

    body = dict(api_payload(network))
    body.pop("CheckDuplicate", None)  # set per API version by the engine
    # Go decodes {} as a non-nil map: the daemon then refuses a --config-from network with "user
    # specified configurations are not supported ...". Send what the CLI sends: nothing.
    ipam = dict(body.get("IPAM") or {})
    if not ipam.get("Options"):
        ipam.pop("Options", None)
    if body.get("ConfigFrom") and not ipam.get("Config") and ipam.get("Driver") in (None, "", "default"):
        body.pop("IPAM", None)
    elif ipam:
        body["IPAM"] = ipam
    if not body.get("Options"):
        body.pop("Options", None)
    return body


def _owned_labels(plan_name: str, origin: str, h: str, user: dict) -> dict:
    labels = dict(user or {})
    labels[LABEL_PLAN] = plan_name
    labels[LABEL_ORIGIN] = origin
    labels[LABEL_HASH] = h
    return labels


# ---- results ----------------------------------------------------------------------------------

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


# ---- the engine -------------------------------------------------------------------------------

def plan_origin(plan, origin: Optional[str] = None) -> str:
    """Where a plan comes from: ``<machine>:<absolute path>`` (half of its identity; see above),
    or ``origin`` when the user gives one (``--origin``: a CI checkout whose path changes)."""
    if origin:
        return origin
    src = str(getattr(plan, "source", "") or "<input>")
    if not (src.startswith("<") or src == "-"):
        src = os.path.realpath(src)
    return f"{socket.gethostname()}:{src}"


def _malformed(what: str, problem: str) -> EngineMalformed:
    return EngineMalformed(f"the engine sent a malformed answer: {_safe(what)} {problem}")


def _check_map(value, what: str, key: str, values=(str,)) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        raise _malformed(what, f"has {key} of type {type(value).__name__}, not an object")
    for k, v in value.items():
        if not isinstance(k, str) or not isinstance(v, values):
            raise _malformed(what, f"has a {key} entry {_safe(k)!s} of type {type(v).__name__}")


def _check_network(n, i: int) -> dict:
    """``n`` when it has the shape of ``GET /networks/{id}``; else EngineMalformed."""
    if not isinstance(n, dict):
        raise _malformed(f"network #{i}", f"is {type(n).__name__}, not an object")
    for key in ("Name", "Id"):
        if not isinstance(n.get(key), str) or not n[key]:
            raise _malformed(f"network #{i}", f"has no {key}" if n.get(key) is None
                             else f"has {key} of type {type(n[key]).__name__}")
    what = f"network {n['Name']}"
    for key in ("Driver", "Scope", "Created"):
        if n.get(key) is not None and not isinstance(n[key], str):
            raise _malformed(what, f"has {key} of type {type(n[key]).__name__}")
    for key in ("EnableIPv6", "EnableIPv4", "Internal", "Attachable", "Ingress", "ConfigOnly"):
        if n.get(key) is not None and not isinstance(n[key], bool):
            raise _malformed(what, f"has {key} of type {type(n[key]).__name__}")
    _check_map(n.get("Labels"), what, "Labels")
    _check_map(n.get("Options"), what, "Options")
    _check_map(n.get("Containers"), what, "Containers", (dict, type(None)))
    for c in (n.get("Containers") or {}).values():
        if c and c.get("Name") is not None and not isinstance(c["Name"], str):
            raise _malformed(what, "has a container whose Name is not a string")
    cf = n.get("ConfigFrom")
    if cf is not None and (not isinstance(cf, dict) or not isinstance(cf.get("Network") or "", str)):
        raise _malformed(what, "has a ConfigFrom that is not {\"Network\": name}")
    ipam = n.get("IPAM")
    if ipam is not None:
        if not isinstance(ipam, dict):
            raise _malformed(what, f"has IPAM of type {type(ipam).__name__}")
        if ipam.get("Driver") is not None and not isinstance(ipam["Driver"], str):
            raise _malformed(what, "has an IPAM Driver that is not a string")
        _check_map(ipam.get("Options"), what, "IPAM Options")
        cfg = ipam.get("Config")
        if cfg is not None and not isinstance(cfg, list):
            raise _malformed(what, f"has IPAM Config of type {type(cfg).__name__}")
        for c in cfg or []:
            if not isinstance(c, dict):
                raise _malformed(what, "has an IPAM Config entry that is not an object")
            for key in ("Subnet", "IPRange", "Gateway"):
                if c.get(key) is not None and not isinstance(c[key], str):
                    raise _malformed(what, f"has an IPAM {key} of type {type(c[key]).__name__}")
            _check_map(c.get("AuxiliaryAddresses"), what, "AuxiliaryAddresses")
    return n


def _short(name: str) -> str:
    return name.lstrip("/")


def _attached(inspect: dict) -> list[str]:
    return sorted(_short((c or {}).get("Name") or cid[:12]) for cid, c in (inspect.get("Containers") or {}).items())


def _member_key(name: str) -> str:
    return f"{LABEL_MEMBER}{name}"


def _ownership(inspect: dict, index: dict) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(plan name, origin, config hash) of a network; (None, None, None) when it is not macplan's.

    Docker refuses labels on a --config-from network, so its ownership and hash are labels on
    the config-only network it uses (``io.macplan.member.<name>=<hash>``).
    """
    labels = inspect.get("Labels") or {}
    cf = (inspect.get("ConfigFrom") or {}).get("Network")
    if not cf:
        if LABEL_PLAN not in labels:
            return None, None, None
        return labels[LABEL_PLAN], labels.get(LABEL_ORIGIN), labels.get(LABEL_HASH)
    # a local config-from network inherits its config network's labels; look there too
    key = _member_key(inspect["Name"])
    cfgs = index.get(cf, [])
    for cl in [labels] + ([cfgs[0].get("Labels") or {}] if len(cfgs) == 1 and cfgs[0].get("ConfigOnly") else []):
        if key in cl and LABEL_PLAN in cl:
            return cl[LABEL_PLAN], cl.get(LABEL_ORIGIN), cl[key]
    return None, None, None


def _identity(inspect: dict, index: dict) -> tuple[Optional[str], Optional[str]]:
    return _ownership(inspect, index)[:2]


def _whose(owner: tuple) -> str:
    """Who a network belongs to, in words, for a refusal."""
    name, origin = owner[0], owner[1]
    if name is None:
        return "exists without macplan's label"
    if origin is None:
        return f"carries plan {_safe(name)}'s label but no origin (made by hand or by an older macplan)"
    return f"belongs to plan {_safe(name)} from {_safe(origin)}"


def _index(current: list) -> dict:
    out: dict = {}
    for n in current:
        out.setdefault(n["Name"], []).append(n)
    return out


def _owner(inspect: dict, index: dict) -> Optional[str]:
    return _ownership(inspect, index)[0]



def _body_from_inspect(inspect: dict) -> dict:
    """A create body that recreates an inspected network (rollback and import)."""
    body = {"Name": inspect["Name"], "Driver": inspect.get("Driver"), "Scope": inspect.get("Scope"),
            "Options": inspect.get("Options") or {}, "Labels": inspect.get("Labels") or {},
            "IPAM": inspect.get("IPAM") or {}, "EnableIPv6": bool(inspect.get("EnableIPv6")),
            "Internal": bool(inspect.get("Internal")), "Attachable": bool(inspect.get("Attachable")),
            "ConfigOnly": bool(inspect.get("ConfigOnly"))}
    if (inspect.get("ConfigFrom") or {}).get("Network"):
        body["ConfigFrom"] = {"Network": inspect["ConfigFrom"]["Network"]}
        body.pop("IPAM"), body.pop("Options")
    if body["ConfigOnly"]:
        body.pop("Driver")
    return body


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
        from .rules.profile import Profile

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
                raise PlanRefused(f"plan {plan.name} has networks for hosts {', '.join(hosts)}: pass --host")
            host = hosts[0] if hosts else None
        nets = [n for n in plan.networks if n.host == host]
        names = [n.name for n in nets]
        dup = sorted({x for x in names if names.count(x) > 1})
        if dup:
            raise PlanRefused(f"plan {plan.name} names {', '.join(dup)} more than once for host {host}")
        return host, nets

    def _check(self, plan, host: Optional[str]):
        from . import check

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
        from .model import Host, Interface, Network, Plan

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


# ---- CLI --------------------------------------------------------------------------------------

class _ArgError(Exception):
    pass


def _parser(command: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"macplan {command}")
    if command == "import":
        p.add_argument("output", nargs="?", help="write the YAML plan here (default: stdout)")
        p.add_argument("--name", help="plan name (default: the plan label they share, else 'imported')")
        p.add_argument("--plan", dest="only_plan", help="only networks labelled with this plan name")
        p.add_argument("--host", default="host", help="host name to put in the plan")
    else:
        p.add_argument("plan", help="YAML plan or script of docker network create commands")
        p.add_argument("--host", help="which of the plan's hosts this engine is")
        p.add_argument("--origin", help="identify the plan by this text instead of MACHINE:PATH of the plan file "
                                        "(for checkouts whose path or machine changes, e.g. CI)")
    p.add_argument("--docker-host", help="engine URL (default: $DOCKER_HOST)")
    if command in ("apply", "destroy"):
        p.add_argument("--disconnect", action="append", default=[], metavar="CONTAINER",
                       help="allow disconnecting this container (repeat for each)")
        p.add_argument("--adopt", action="append", default=[], metavar="NETWORK",
                       help="take over this network although another plan (or nobody) created it: "
                            "it is removed (and, by apply, re-created with this plan's labels); repeat for each")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    if command == "apply":
        p.add_argument("--no-rollback", action="store_true", help="keep what this run created when it fails")
    if command == "diff":
        p.add_argument("--json", action="store_true")
    p.error = lambda msg: (_ for _ in ()).throw(_ArgError(msg))  # type: ignore[method-assign]
    return p


def _load(path: str):
    from . import load

    return load(path)


def _err(command: str, msg: str, code: int = 2) -> int:
    print(_safe(f"macplan {command}: {' '.join(str(msg).split())}"), file=sys.stderr)
    return code


def cli(command: str, argv: list[str]) -> int:
    """``macplan apply|diff|import|destroy ...``; returns the exit code."""
    if command not in ("apply", "diff", "import", "destroy"):
        return _err(command, "unknown command")
    try:
        args = _parser(command).parse_args(argv)
    except _ArgError as exc:
        return _err(command, str(exc))
    except SystemExit as exc:  # --help
        return int(exc.code or 0)

    def progress(msg: str) -> None:
        if not getattr(args, "quiet", False):
            print(msg, file=sys.stderr, flush=True)

    engine = None
    try:
        plan = None
        if command != "import":
            try:
                plan = _load(args.plan)
            except OSError as exc:
                return _err(command, f"{args.plan}: {exc.strerror or exc}")
            except ValueError as exc:  # PlanError and friends: already name file and line
                return _err(command, str(exc))
        engine = Engine(args.docker_host, progress=progress)
        if command == "diff":
            d = engine.diff(plan, args.host, origin=args.origin)
            print(json.dumps(d.to_dict(), indent=1) if args.json else d.render())
            # --exit-code convention (git diff, kubectl diff): 1 = there are differences
            return 1 if d.changes or d.by_kind("conflict") else 0
        if command == "apply":
            progress(f"engine {_safe(engine.version)} (rules {engine.profile or 'default'})")
            res = engine.apply(plan, args.host, disconnect=args.disconnect, rollback=not args.no_rollback,
                               adopt=args.adopt, origin=args.origin)
            if res.ok:
                if not res.diff.changes:
                    print(f"nothing to do: {len(res.diff.by_kind('keep'))} networks up to date")
                else:
                    print(_safe(f"applied plan {plan.name}: created {len(res.created)}, removed {len(res.removed)}, "
                          f"unchanged {len(res.diff.by_kind('keep'))}"))
                return 0
            _report_state(res)
            maybe = [n for op, n in res.in_flight if op == "create"]
            gone = [n for op, n in res.in_flight if op == "remove"]
            return _err(command, f"stopped: {res.error}"
                        + (f"; rolled back {', '.join(res.rolled_back)}" if res.rolled_back else "")
                        + (f"; removed by this run: {', '.join(res.removed)}" if res.removed else "")
                        + (f"; left from this run: {', '.join(res.created + [n + ' (maybe)' for n in maybe])}"
                           if res.created or maybe else "")
                        + (f"; maybe removed: {', '.join(gone)}" if gone else "")
                        + ("; the engine is not answering, so what exists now is unknown"
                           if any(v == "unknown" for v in res.state.values()) else ""),
                        1 if not any(v == "unknown" for v in res.state.values()) else 2)
        if command == "destroy":
            res = engine.destroy(plan, disconnect=args.disconnect, adopt=args.adopt, origin=args.origin)
            for name, whose in res.skipped:
                progress(_safe(f"not touched: {name} {whose} (--adopt {name} takes it)"))
            if res.ok:
                print(_safe(f"removed {len(res.removed)} network(s) of plan {plan.name}"
                            + (f": {', '.join(res.removed)}" if res.removed else "")))
                return 0
            _report_destroy(res)
            unknown = any(v == "unknown" for v in res.state.values())
            return _err(command, f"stopped: {res.error}; removed by this run: {', '.join(res.removed) or 'none'}"
                        + (f"; maybe removed: {', '.join(res.in_flight)}" if res.in_flight else "")
                        + (f"; not removed: {', '.join(res.pending)}" if res.pending else "")
                        + ("; the engine is not answering, so what exists now is unknown" if unknown else ""),
                        2 if unknown else 1)
        # import
        from . import emit

        p = engine.import_plan(args.name, only_plan=args.only_plan, host=args.host)
        text = emit.dump_yaml(p)
        if args.output:
            with open(args.output, "w") as fh:
                fh.write(text)
            print(_safe(f"imported {len(p.networks)} network(s) into {args.output}: "
                        + ", ".join(n.name for n in p.networks)), file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0
    except NotOwned as exc:
        return _err(command, f"refused: {exc}", 2)
    except PlanRefused as exc:
        return _err(command, f"refused: {exc}", 1)
    except EngineError as exc:
        return _err(command, str(exc))
    except OSError as exc:
        return _err(command, f"{exc.filename or ''} {exc.strerror or exc}".strip())
    except KeyboardInterrupt:
        return _err(command, "interrupted")
    except Exception as exc:  # never a traceback; name the kind so a bug is still recognisable
        return _err(command, f"unexpected {type(exc).__name__}: {_one_line(exc)}")
    finally:
        if engine is not None:
            engine.close()


def _report_state(res: ApplyResult) -> None:
    """What exists now, network by network: nothing half-applied goes unreported."""
    unknown = any(v == "unknown" for v in res.state.values())
    print("state of the plan's networks on the engine now"
          + (" (unknown: the engine is not answering, so macplan cannot re-read it):" if unknown else ":"))
    flight = dict((name, op) for op, name in res.in_flight)
    for name, st in res.state.items():
        note = ""
        if name in flight:
            note = (" (being created when the engine stopped answering: it may exist)" if flight[name] == "create"
                    else " (being removed when the engine stopped answering: it may be gone)")
        elif name in res.created:
            note = " (created by this run)"
        elif name in res.rolled_back:
            note = " (rolled back)"
        elif name in res.removed:
            note = " (removed by this run)"
        print(_safe(f"  {name:<20} {st}{note}"))


def _report_destroy(res: DestroyResult) -> None:
    unknown = any(v == "unknown" for v in res.state.values())
    print("state of the plan's networks on the engine now"
          + (" (unknown: the engine is not answering, so macplan cannot re-read it):" if unknown else ":"))
    for name, st in res.state.items():
        note = (" (removed by this run)" if name in res.removed
                else " (being removed when the engine stopped answering: it may be gone)" if name in res.in_flight
                else " (not removed by this run)")
        print(_safe(f"  {name:<20} {st}{note}"))
