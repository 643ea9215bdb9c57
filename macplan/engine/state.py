"""The pure part of acting on an engine: the network body a plan asks for, what an engine's
answer means (normalised, checked: a malformed answer is `EngineMalformed`), differences,
config hashes, and the ownership labels that say which plan created a network."""
from __future__ import annotations

import hashlib
import json
import os
import socket
from typing import Optional

from macplan.engine.transport import _safe
from macplan.errors import EngineMalformed
from macplan.model import LAN_DRIVERS

LABEL_PLAN = "io.macplan.plan"


LABEL_HASH = "io.macplan.hash"


LABEL_ORIGIN = "io.macplan.origin"


LABEL_MEMBER = "io.macplan.member."


IMPORT_DRIVERS = LAN_DRIVERS    # `import` adopts only the networks macplan plans


def _norm_net(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    import ipaddress

    try:
        return str(ipaddress.ip_interface(text)) if "/" in text else str(ipaddress.ip_address(text))
    except ValueError:
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


def desired_body(network) -> dict:
    """The POST /networks/create body for a plan network, labels not yet added."""
    from macplan.emit import api_payload

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
