"""Emission: `docker network create` commands (shell-safe), Engine API payloads, YAML plans."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Mapping, Optional, Sequence, TypedDict, Union

import yaml

from macplan.docker.cli import ipam_groups
from macplan.errors import PlanError
from macplan.model import IpamGroup, Network, Plan, creation_order
from macplan.quoting import shell as _quote_argv
from macplan.quoting import visible

if TYPE_CHECKING:      # report.py imports emit's callers, not emit: only the type is needed
    from macplan.report import Report

__all__ = ["create_argv", "remove_argv", "commands", "api_payload", "dump_yaml", "ordered", "ApiPayload"]


class ApiIpam(TypedDict, total=False):
    Driver: str
    Config: list[dict[str, Union[str, dict[str, str]]]]
    Options: dict[str, str]


class _ApiPayloadBase(TypedDict):
    Name: str
    Driver: str
    IPAM: ApiIpam


class ApiPayload(_ApiPayloadBase, total=False):
    """The body of POST /networks/create as `api_payload` builds it (Engine API field names)."""
    CheckDuplicate: bool
    Options: dict[str, str]
    Labels: dict[str, str]
    EnableIPv6: bool
    EnableIPv4: bool
    Internal: bool
    Attachable: bool
    Ingress: bool
    ConfigOnly: bool
    Scope: str
    ConfigFrom: dict[str, str]


#: a value of a YAML plan as `dump_yaml` writes it
YamlValue = Union[str, int, bool, None, Sequence["YamlValue"], Mapping[str, "YamlValue"], Mapping[int, "YamlValue"]]
YamlMap = dict[str, YamlValue]


def create_argv(n: Network) -> list[str]:
    """The argv that creates `n`, flags in the CLI's own vocabulary."""
    argv = ["docker", "network", "create"]
    if n.config_only:
        argv.append("--config-only")
    if n.driver != "bridge" or not n.config_only:
        argv += ["-d", n.driver]
    if n.scope:
        argv += ["--scope", n.scope]
    if n.config_from is not None:
        argv += ["--config-from", n.config_from]
    for s in n.subnets:
        argv.append(f"--subnet={s}")
    for r in n.ip_ranges:
        argv.append(f"--ip-range={r}")
    for g in n.gateways:
        argv.append(f"--gateway={g}")
    for k, v in n.aux:
        argv.append(f"--aux-address={k}={v}")
    if n.ipam_driver is not None:
        argv.append(f"--ipam-driver={n.ipam_driver}")
    for k, v in n.ipam_options:
        argv.append(f"--ipam-opt={k}={v}")
    for flag, value in (("ipv4", n.ipv4), ("ipv6", n.ipv6)):
        if value is True:
            argv.append(f"--{flag}")
        elif value is False:
            argv.append(f"--{flag}=false")
    for flag, value in (("internal", n.internal), ("attachable", n.attachable), ("ingress", n.ingress)):
        if value:
            argv.append(f"--{flag}")
    for k, v in n.options:
        argv += ["-o", f"{k}={v}"]
    for k, v in n.labels:
        argv.append(f"--label={k}={v}" if v != "" else f"--label={k}")
    if n.name.startswith("-"):
        argv.append("--")
    argv.append(n.name)
    return argv


def remove_argv(n: Network) -> list[str]:
    # as for create: a name that starts with "-" would be read as a flag without the "--"
    return ["docker", "network", "rm"] + (["--"] if n.name.startswith("-") else []) + [n.name]


def ordered(networks: Iterable[Network], as_written: bool = False) -> list[Network]:
    """The networks in `model.creation_order`: a config-only network before those created from
    it; otherwise the plan's order (which decides shared pools and parents, as Docker would)."""
    nets = list(networks)
    return [nets[i] for i in creation_order(nets, as_written)]


def _shell(argv: list[str]) -> str:
    return _quote_argv(argv)


def commands(plan: Plan, remove: bool = False, host: Optional[str] = None,
             notes: Optional[Mapping[int, str]] = None) -> str:
    """One shell-safe command per line (grouped per host when the plan has several).
    `notes` maps a network's index in the plan to a comment written above its command."""
    lines: list[str] = []
    by_host: dict[str, list[int]] = {}
    for i, n in enumerate(plan.networks):
        by_host.setdefault(n.host, []).append(i)
    declared = [h.name for h in plan.hosts]
    known = set(declared)
    hosts = declared + [h for h in by_host if h not in known]
    if host is not None:
        hosts = [host]
    many = len(by_host) > 1
    notes = notes or {}
    for h in hosts:
        indices = by_host.get(h)
        if not indices:
            continue
        if many:
            lines.append(f"# on host {visible(h)}")     # a newline in a name must not end the comment
        wanted = set(indices)
        order = [i for i in plan.creation_order() if i in wanted]
        if remove:
            lines += [_shell(remove_argv(plan.networks[i])) for i in reversed(order)]
            continue
        for i in order:
            if i in notes:
                lines.append("# " + visible(notes[i]))
            lines.append(_shell(create_argv(plan.networks[i])))
    return "\n".join(lines) + ("\n" if lines else "")


def refusal_notes(report: "Report") -> dict[int, str]:
    """The comment written above each command Docker would refuse, by the network's index in the
    checked plan: ``Docker 20.10 refuses this: <Docker's words>``. `macplan commands` and the
    planner both use it, so a script carries the same marks wherever it was made."""
    from macplan.profile import Profile

    line = Profile.of(report.engine).line
    notes: dict[int, str] = {}
    for res in report.networks:
        err = next((f for f in res.findings if f.severity == "error"), None)
        if err is not None:
            words = (err.docker_error or err.message).strip().splitlines() or [err.rule]
            notes[res.index] = f"Docker {line} refuses this: {words[-1]}"
    return notes


def checked_commands(plan: Plan, report: "Report") -> tuple[str, int]:
    """The plan's create commands with :func:`refusal_notes` above the refused ones, and how
    many were refused. A command the docker CLI itself refuses never reaches Docker and is
    left out (a cleaned-up version of it would create what the script never did)."""
    keep = [i for i, n in enumerate(plan.networks) if n.cli_error is None]
    notes = refusal_notes(report)
    renumber = {old: new for new, old in enumerate(keep)}
    sub = plan.with_(networks=tuple(plan.networks[i] for i in keep), steps=(), removals=(), endpoints=(),
                     detaches=())
    marks = {renumber[i]: text for i, text in notes.items() if i in renumber}
    return commands(sub, notes=marks), len(marks)


def api_payload(n: Network) -> ApiPayload:
    """The body of POST /networks/create (Engine API field names; docker-py lacks ConfigOnly,
    ConfigFrom, EnableIPv4 and EnableIPv6=false, so callers post this raw)."""
    groups: Iterable[IpamGroup] = ipam_groups(n) or ()
    config = [g.to_dict("Subnet", "IPRange", "Gateway", "AuxiliaryAddresses") for g in groups]
    body: ApiPayload = {"Name": n.name, "Driver": n.driver, "CheckDuplicate": True,
                        "IPAM": {"Driver": n.ipam_driver or "default", "Config": config}}
    # empty maps are left out: Go decodes {} as a set map, and config-from networks refuse any
    if n.options:
        body["Options"] = dict(n.options)
    if n.labels:
        body["Labels"] = dict(n.labels)
    if n.ipam_options:
        body["IPAM"]["Options"] = dict(n.ipam_options)
    if n.ipv6 is not None:
        body["EnableIPv6"] = n.ipv6
    if n.ipv4 is not None:
        body["EnableIPv4"] = n.ipv4
    if n.internal:
        body["Internal"] = True
    if n.attachable:
        body["Attachable"] = True
    if n.ingress:
        body["Ingress"] = True
    if n.config_only:
        body["ConfigOnly"] = True
    if n.scope:
        body["Scope"] = n.scope
    if n.config_from is not None:
        body["ConfigFrom"] = {"Network": n.config_from}
    return body


def _network_yaml(n: Network) -> YamlMap:
    out: YamlMap = {}
    if n.driver != "macvlan":
        out["driver"] = n.driver
    opts = dict(n.options)
    if "parent" in opts:
        out["parent"] = opts.pop("parent")
    mode_key = "ipvlan_mode" if n.driver == "ipvlan" else "macvlan_mode"
    if mode_key in opts:
        out["mode"] = opts.pop(mode_key)
    if n.driver == "ipvlan" and "ipvlan_flag" in opts:
        out["flag"] = opts.pop("ipvlan_flag")
    groups = ipam_groups(n)
    regrouped = None
    if groups is not None:
        # only group when flattening the groups gives back exactly the same flags
        flat = (tuple(g.subnet for g in groups), tuple(g.ip_range for g in groups if g.ip_range),
                tuple(g.gateway for g in groups if g.gateway), tuple(a for g in groups for a in g.aux))
        if flat == (n.subnets, n.ip_ranges, n.gateways, n.aux):
            regrouped = groups
    if regrouped:
        out["subnets"] = [g.to_dict() for g in regrouped]
    elif n.subnets or n.ip_ranges or n.gateways or n.aux:
        for key, vals in (("subnet", n.subnets), ("gateway", n.gateways), ("ip_range", n.ip_ranges)):
            if vals:
                out[key] = list(vals)
        if n.aux:
            out["aux"] = dict(n.aux)
    for key, flag in (("ipv6", n.ipv6), ("ipv4", n.ipv4)):
        if flag is not None:
            out[key] = flag
    for key, on in (("internal", n.internal), ("attachable", n.attachable), ("ingress", n.ingress),
                    ("config_only", n.config_only)):
        if on:
            out[key] = True
    for key, text in (("scope", n.scope), ("config_from", n.config_from), ("ipam_driver", n.ipam_driver)):
        if text is not None:
            out[key] = text
    if n.ipam_options:
        out["ipam_options"] = dict(n.ipam_options)
    if opts:
        out["options"] = dict(opts)
    if n.labels:
        out["labels"] = dict(n.labels)
    if n.containers is not None:
        out["containers"] = n.containers
    if n.endpoints:
        out["endpoints"] = [{k: v for k, v in (("ip", ip), ("mac", mac)) if v} for ip, mac in n.endpoints]
    return out


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s,
                                                                  style='"' if _needs_quotes(s) else None))


def _needs_quotes(s: str) -> bool:
    return s == "" or s.strip() != s or s.lower() in ("yes", "no", "on", "off", "true", "false", "null", "~") \
        or s[:1] in "!&*{}[]|>%@`#,?:-'\"" or ": " in s or " #" in s


def dump_yaml(plan: Plan) -> str:
    """The plan as YAML that `load_yaml_text` reads back to an equal plan. Networks that
    share a name on several hosts are written once per host (`name@host` is not used: the
    mapping key is the name, so the second host's copy goes to a `hosts:` list when equal)."""
    doc: YamlMap = {"name": plan.name}
    if plan.engine:
        doc["engine"] = plan.engine
    hosts: YamlMap = {}
    for h in plan.hosts:
        spec: YamlMap = {}
        if h.interfaces_known:
            ifaces: YamlMap = {}
            for i in h.interfaces:
                ispec: YamlMap = {}
                if i.kind != "ethernet":
                    ispec["kind"] = i.kind
                if i.mac is not None:       # mac: "" is a value too (it must read back)
                    ispec["mac"] = i.mac
                if i.mac_limit is not None:
                    ispec["mac_limit"] = i.mac_limit
                ifaces[i.name] = ispec or None
            # a plain list when no interface has settings of its own
            spec["interfaces"] = ifaces if any(ifaces.values()) else list(ifaces)
        if h.kernel_lacks:
            spec["kernel_lacks"] = sorted(h.kernel_lacks)
        if h.swarm != "inactive":
            spec["swarm"] = h.swarm
        hosts[h.name] = spec or None
    if not (len(plan.hosts) == 1 and plan.hosts[0].name == "host" and not hosts["host"]):
        doc["hosts"] = hosts
    if plan.dhcp:
        doc["dhcp"] = [{"first": d.first, "last": d.last, "name": d.name} for d in plan.dhcp]
    if plan.vlan_limits:
        doc["vlans"] = {vid: {"mac_limit": lim} for vid, lim in plan.vlan_limits}
    nets: dict[str, YamlMap] = {}
    as_list = False

    def rest(d: YamlMap) -> YamlMap:
        return {k: v for k, v in d.items() if k not in ("host", "hosts")}

    for n in plan.networks:
        body = _network_yaml(n)
        if len(plan.hosts) > 1:
            body = {"host": n.host, **body}
        prev = nets.get(n.name)
        if prev is None:
            nets[n.name] = body
            continue
        had = prev.get("hosts")
        on_hosts: list[YamlValue] = list(had) if isinstance(had, list) and had else [prev.get("host")]
        if rest(prev) == rest(body) and n.host not in on_hosts and "host" in body:
            prev.pop("host", None)
            prev["hosts"] = on_hosts + [n.host]
            continue
        as_list = True
        break
    if as_list:   # a name repeated with other settings: keep every network, in order
        doc["networks"] = [{"name": n.name, **({"host": n.host} if len(plan.hosts) > 1 else {}), **_network_yaml(n)}
                           for n in plan.networks]
    else:
        doc["networks"] = nets
    text = str(yaml.dump(doc, Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=100))
    _reads_back(plan, text)
    return text


def _reads_back(plan: Plan, text: str) -> None:
    """Refuse to write YAML that does not read back to the same plan. A script may hold what a
    YAML plan cannot (`--subnet foo`: Docker refuses that command, the YAML reader refuses the
    file), so `convert` says which command, where, instead of writing a plan `check` rejects."""
    from macplan.read.plan import load_yaml_text
    try:
        again = load_yaml_text(text, plan.source)
    except PlanError:
        for n in plan.networks:       # slow path, only on failure: find the network to blame
            body = yaml.dump({"name": plan.name, "networks": {n.name: _network_yaml(n)}}, Dumper=_Dumper)
            try:
                load_yaml_text(body, plan.source)
            except PlanError as e:
                raise PlanError(f"network {n.name}: {e.problem}; a YAML plan cannot hold this "
                                f"(Docker refuses it too)", plan.source, n.line) from None
        raise PlanError("the plan cannot be written as YAML that reads back the same", plan.source) from None
    if again != plan.to_plan():
        raise PlanError("the plan cannot be written as YAML that reads back the same", plan.source)
