"""Read a docker compose file as a plan: its top-level `networks:` become the networks compose
creates, and its services' static addresses on them become endpoints checked like `docker run --ip`.

What is read, and how compose itself reads it:

- `networks:` with `driver` (compose's default: bridge), `driver_opts`, `ipam` (`driver`,
  `config: [{subnet, ip_range, gateway, aux_addresses}]`, `options`), `enable_ipv6`,
  `enable_ipv4`, `internal`, `attachable`, `labels` (a mapping or a list of "k=v"), `name` and
  `external`.  An external network is not created by compose, so it is not in the plan; static
  addresses on it are not checked (macplan cannot see its subnet) and a note says so.
- The name Docker sees: a network's `name:` when given, otherwise `<project>_<key>` as compose
  names it.  The project name is the file's top-level `name:`, otherwise the name of the
  directory holding the file, normalised as compose does (lower case, only a-z 0-9 _ -, no
  leading _ or -).  COMPOSE_PROJECT_NAME and `-p` are not read: pass `project=` to override.
- `services:` with `networks:` (a list of keys, or a mapping with `ipv4_address`,
  `ipv6_address`, `mac_address`, `priority`...), the service-level `mac_address` (given to the
  service's primary network as compose gives it: highest `priority`, then name), `container_name`, and `deploy.replicas` / `scale` (how many containers each
  network holds: a network's `containers` is the sum over its services).  Each replica of a
  service with a static address asks for that same address, as compose does.  A service with
  no `networks:` (compose's default network), with `network_mode:`, or on a bridge network is
  outside macplan's scope: it is skipped and a note says so (unless the file redefines the
  `default` network, as in `networks: {default: {driver: macvlan, ...}}`: then it is on that).
- `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `$VAR` and `$$` in the
  values macplan reads, from the environment, then a `.env` file next to the compose file; an
  unset variable without a default is an error (compose would silently use "").
- `include:`, `extends:` and `!reset`/`!override` tags are refused: run `docker compose config`
  and check its output, which has them resolved.

Every problem is a `PlanError` naming the file and line.  The YAML is read safely: no
implicit typing (a value is read the way its field needs it), no tags, bounded nesting, and
anchors/aliases/merge keys (common in compose files) are allowed but cannot blow up: every
mapping and list is built once, a merge keeps one value per key, and aliases are counted.

`Network.endpoints` holds (ip, mac) pairs: an `ipv6_address` is a pair of its own (ip6, "")
until the model has an endpoint with both families.  Notes (skipped services, external
networks) are on `ComposePlan.notes`.
"""
from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from typing import Mapping, NoReturn, Optional, Sequence, Union

from macplan.docker.cli import sent_as_flags
from macplan.errors import PlanError
from macplan.model import LAN_DRIVERS, Host, IpamGroup, Network, Plan
from macplan.read.yamltext import Map, Policy, Seq, Value, Where, is_cidr, line_of, load, suggest

__all__ = ["ComposePlan", "COMPOSE_FILE_NAMES", "is_compose_path", "sniff", "load_compose_text", "project_name"]

#: the file names `docker compose` looks for, in its order
COMPOSE_FILE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")

#: aliases per document: enough for any real file, too few for an expansion bomb to matter
_MAX_ALIASES = 1000
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")

_TOP_KEYS = ("version", "name", "include", "services", "networks", "volumes", "configs", "secrets", "models")
_NET_KEYS = ("driver", "driver_opts", "attachable", "enable_ipv4", "enable_ipv6", "external", "internal", "ipam",
             "labels", "name")
_IPAM_KEYS = ("driver", "config", "options")
_POOL_KEYS = ("subnet", "ip_range", "gateway", "aux_addresses")
_SERVICE_NET_KEYS = ("aliases", "ipv4_address", "ipv6_address", "link_local_ips", "mac_address", "driver_opts",
                     "priority", "gw_priority", "interface_name")
#: keys that only a compose network has (a YAML plan's networks never do)
_COMPOSE_ONLY_NET_KEYS = ("driver_opts", "ipam", "enable_ipv6", "enable_ipv4", "external", "name")
_MAC = re.compile(r"(?i)[0-9a-f]{2}([:-][0-9a-f]{2}){5}")


@dataclass(frozen=True)
class ComposePlan(Plan):
    """A plan read from a compose file, with what macplan read past and why."""
    #: the compose project name (prefix of network names without `name:`)
    project: str = "plan"
    #: one sentence each: skipped services, external networks, the default network
    notes: tuple[str, ...] = field(default=(), compare=False)


# ---------------------------------------------------------------------------------------------
# YAML, safely and with lines

_COMPOSE = Policy(
    max_aliases=_MAX_ALIASES,
    no_aliases="",
    no_tags="YAML tag {tag} is not supported: macplan reads one compose file (run `docker compose config` and "
            "check its output)",
    merge_keys=True)


def _load_yaml(text: str, source: str) -> Value:
    return load(text, source, _COMPOSE)


# ---------------------------------------------------------------------------------------------
# detection

def is_compose_path(path: str) -> bool:
    """A file named as `docker compose` names its files (compose.yaml, docker-compose.yml...)."""
    return os.path.basename(str(path)) in COMPOSE_FILE_NAMES


def _looks_like_compose(doc: Value) -> bool:
    if not isinstance(doc, dict):
        return False
    if any(k in doc for k in ("services", "include", "volumes", "secrets", "configs", "version")):
        return True
    nets = doc.get("networks")
    return isinstance(nets, dict) and any(
        isinstance(spec, dict) and any(k in spec for k in _COMPOSE_ONLY_NET_KEYS) for spec in nets.values())


#: a cheap look before a second parse: a YAML plan has none of these
_HINT = re.compile(r"^(services|volumes|secrets|configs|version|include)\s*:|driver_opts|ipam|enable_ipv[46]|"
                   r"external|^\s+name\s*:", re.M)
#: `_hinted(text)` is `_HINT.search(text)`, in a tenth of the time on a big plan: its words by
#: `in`, and its line starts as the text's start or a newline (a regex led by "\n" is fast)
_HINT_WORDS = ("driver_opts", "ipam", "enable_ipv4", "enable_ipv6", "external")
_HINT_TOP = r"(?:services|volumes|secrets|configs|version|include)\s*:"
_HINT_NAME = r"\s+name\s*:"
_HINT_FIRST = re.compile(f"{_HINT_TOP}|{_HINT_NAME}")
_HINT_LINE = re.compile(f"\n(?:{_HINT_TOP}|{_HINT_NAME})")


def _hinted(text: str) -> bool:
    return any(w in text for w in _HINT_WORDS) or _HINT_FIRST.match(text) is not None \
        or _HINT_LINE.search(text) is not None


def sniff(path: str, text: str) -> Value:
    """The loaded document when `path`/`text` is a compose file, else None.  A file with a
    compose name is one whatever it holds (its YAML errors are reported here); any other YAML
    file is one when it has `services:` (or volumes, secrets...) or compose-style networks
    (driver_opts, ipam, external, name...).  A file that does not load is left to the plan reader."""
    if is_compose_path(path):
        return _load_yaml(text, str(path))
    if not str(path).endswith((".yaml", ".yml")) or not _hinted(text):
        return None
    try:
        doc = _load_yaml(text, str(path))
    except PlanError:
        return None
    return doc if _looks_like_compose(doc) else None


# ---------------------------------------------------------------------------------------------
# reading

def project_name(text: str) -> str:
    """Compose's normalisation of a project name: lower case, only a-z 0-9 _ -, no leading _ -."""
    return "".join(re.findall(r"[a-z0-9_-]", text.lower())).lstrip("_-")


def _dotenv(path: str) -> dict[str, str]:
    """KEY=VALUE lines of a .env file (comments, `export ` and surrounding quotes allowed)."""
    out: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return out
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[7:].lstrip()
        key, eq, value = line.partition("=")
        if not eq:
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        out[key.strip()] = value
    return out


_VAR = re.compile(r"\$(?:(\$)|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
_BRACED = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])(.*))?", re.S)


class _Reader:
    """Turns the loaded compose document into model values, naming the line of every problem."""

    def __init__(self, source: str, env: Mapping[str, str]):
        self.source, self.env = source, env

    def fail(self, message: str, where: Where = None, key: Optional[str] = None) -> NoReturn:
        raise PlanError(message, self.source, line_of(where, key))

    def interpolate(self, value: str, what: str) -> str:
        def one(m: re.Match[str]) -> str:
            if m.group(1):
                return "$"
            if m.group(3):
                name, sep, op, arg = m.group(3), "", "", ""
            else:
                b = _BRACED.fullmatch(m.group(2))
                if b is None:
                    self.fail(f"{what}: invalid variable ${{{m.group(2)}}}", value)
                name, sep, op, arg = b.group(1), b.group(2) or "", b.group(3) or "", b.group(4) or ""
            got = self.env.get(name)
            unset = got is None or (sep == ":" and got == "")
            if op == "-":
                return arg if unset or got is None else got
            if op == "+":
                return "" if unset else arg
            if op == "?" and unset:
                self.fail(f"{what}: required variable {name} is missing a value: {arg}", value)
            if got is None:
                self.fail(f"{what}: variable {name} is not set (compose would use an empty string); "
                          f"set it or give a default: ${{{name}:-...}}", value)
            return got
        return _VAR.sub(one, value) if "$" in value else "".join(value)

    def mapping(self, value: Value, where: Where, key: Optional[str], allowed: Optional[Sequence[str]],
                what: str) -> Map:
        if value is None:
            return Map()
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping", where, key)
        if allowed is not None:
            for k in value:
                if k not in allowed and not k.startswith("x-"):
                    self.fail(f"{what}: unknown key {k!r}{suggest(k, allowed)}", value, k)
        return value

    def text(self, value: Value, where: Where, key: Optional[str], what: str) -> Optional[str]:
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(f"{what} must be a string, not a {'list' if isinstance(value, list) else 'mapping'}",
                      where, key)
        return self.interpolate(value, what)

    def boolean(self, value: Value, where: Where, key: str, what: str) -> Optional[bool]:
        text = self.text(value, where, key, what)
        if text is None:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        self.fail(f"{what} must be true or false, not {text!r}", where, key)

    def integer(self, value: Value, where: Where, key: str, what: str) -> Optional[int]:
        text = self.text(value, where, key, what)
        if text is None:
            return None
        if not re.fullmatch(r"[0-9]{1,9}", text):
            self.fail(f"{what} must be a whole number >= 0, not {text!r}", where, key)
        return int(text)

    def pairs(self, value: Value, where: Where, key: str, what: str, lists: bool = False) -> tuple[tuple[str, str], ...]:
        """A mapping of name: value (or, when `lists`, a list of "name=value")."""
        if value is None:
            return ()
        out: dict[str, str] = {}
        if lists and isinstance(value, list):
            for item in value:
                entry = self.text(item, value, None, what)
                if entry is None:
                    continue
                name, _, text = entry.partition("=")
                out[str(name)] = str(text)
            return tuple(out.items())
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping of name: value" + (" or a list of name=value" if lists else ""),
                      where, key)
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                self.fail(f"{what}: the value of {k!r} must be a string", value, k)
            out[str(k)] = self.text(v, value, k, what) or ""     # str: a plain copy of the key's Text
        return tuple(out.items())

    def address(self, text: str, version: Optional[int], where: Where, key: str, what: str) -> str:
        try:
            addr = ipaddress.ip_address(text)
        except ValueError:
            addr = None
        if addr is None or (version is not None and addr.version != version):
            kind = f"an IPv{version} address" if version else "an IP address"
            self.fail(f"{what}: {text!r} is not {kind}", where, key)
        return text

    def cidr(self, text: str, where: Where, key: str, what: str) -> str:
        if not is_cidr(text):
            self.fail(f"{what}: {text!r} is not a CIDR block (like 192.168.1.0/24)", where, key)
        return text


@dataclass
class _ComposeNet:
    key: str
    name: str
    #: None for an external network (compose does not create it)
    network: Optional[Network] = None
    containers: int = 0
    used: bool = False
    endpoints: list[tuple[str, str]] = field(default_factory=list)


def _read_network(r: _Reader, key: str, raw: Value, nets: Map, project: str, host: str) -> _ComposeNet:
    spec = r.mapping(raw, nets, key, _NET_KEYS, f"network {key}")
    what = f"networks.{key}"
    explicit = r.text(spec.get("name"), spec, "name", f"{what}.name")
    external = spec.get("external")
    if isinstance(external, dict):          # the legacy form: external: {name: x}
        ext = r.mapping(external, spec, "external", ("name",), f"{what}.external")
        explicit = r.text(ext.get("name"), ext, "name", f"{what}.external.name") or explicit
        is_external = True
    else:
        is_external = bool(r.boolean(external, spec, "external", f"{what}.external"))
    if is_external:
        extra = [k for k in spec if k not in ("external", "name") and not k.startswith("x-")]
        if extra:
            r.fail(f"{what}: an external network takes only name (not {extra[0]})", spec, extra[0])
        return _ComposeNet(key, explicit or key)
    name = explicit or f"{project}_{key}"
    ipam = r.mapping(spec.get("ipam"), spec, "ipam", _IPAM_KEYS, f"{what}.ipam")
    subnets: list[str] = []
    ranges: list[str] = []
    gateways: list[str] = []
    aux: list[tuple[str, str]] = []
    entries: list[IpamGroup] = []       # compose sends each config item as one IPAM entry
    config = ipam.get("config")
    if config is not None and not isinstance(config, list):
        r.fail(f"{what}.ipam.config must be a list of {{subnet, ip_range, gateway, aux_addresses}}", ipam, "config")
    for pool in config or ():
        if not isinstance(pool, dict):
            r.fail(f"{what}.ipam.config: each entry must be a mapping with subnet:", config)
        pool = r.mapping(pool, config, None, _POOL_KEYS, f"{what}.ipam.config")
        subnet = r.text(pool.get("subnet"), pool, "subnet", f"{what}.ipam.config.subnet")
        if not subnet:
            r.fail(f"{what}.ipam.config: an entry needs a subnet", pool)
        subnets.append(r.cidr(subnet, pool, "subnet", f"{what}.ipam.config.subnet"))
        ip_range = r.text(pool.get("ip_range"), pool, "ip_range", f"{what}.ipam.config.ip_range")
        if ip_range:
            ranges.append(r.cidr(ip_range, pool, "ip_range", f"{what}.ipam.config.ip_range"))
        gateway = r.text(pool.get("gateway"), pool, "gateway", f"{what}.ipam.config.gateway")
        if gateway:
            gateways.append(r.address(gateway, None, pool, "gateway", f"{what}.ipam.config.gateway"))
        raw_aux = pool.get("aux_addresses")
        pool_aux = tuple((k, r.address(v, None, raw_aux, k, f"{what}.ipam.config.aux_addresses.{k}"))
                         for k, v in r.pairs(raw_aux, pool, "aux_addresses", f"{what}.ipam.config.aux_addresses"))
        aux += pool_aux
        entries.append(IpamGroup(subnet, ip_range or None, gateway or None, pool_aux))
    net = Network(
        name=name, driver=r.text(spec.get("driver"), spec, "driver", f"{what}.driver") or "bridge", host=host,
        options=r.pairs(spec.get("driver_opts"), spec, "driver_opts", f"{what}.driver_opts"),
        subnets=tuple(subnets), ip_ranges=tuple(ranges), gateways=tuple(gateways), aux=tuple(aux),
        ipv6=r.boolean(spec.get("enable_ipv6"), spec, "enable_ipv6", f"{what}.enable_ipv6"),
        ipv4=r.boolean(spec.get("enable_ipv4"), spec, "enable_ipv4", f"{what}.enable_ipv4"),
        internal=bool(r.boolean(spec.get("internal"), spec, "internal", f"{what}.internal")),
        attachable=bool(r.boolean(spec.get("attachable"), spec, "attachable", f"{what}.attachable")),
        labels=r.pairs(spec.get("labels"), spec, "labels", f"{what}.labels", lists=True),
        ipam_driver=r.text(ipam.get("driver"), ipam, "driver", f"{what}.ipam.driver"),
        ipam_options=r.pairs(ipam.get("options"), ipam, "options", f"{what}.ipam.options"),
        ipam_config=tuple(entries), line=nets.key_lines.get(key))
    return _ComposeNet(key, name, sent_as_flags(net))


def _replicas(r: _Reader, name: str, spec: Map) -> int:
    scale = r.integer(spec.get("scale"), spec, "scale", f"services.{name}.scale")
    deploy = spec.get("deploy")
    replicas = None
    if deploy is not None:
        deploy = r.mapping(deploy, spec, "deploy", None, f"services.{name}.deploy")
        replicas = r.integer(deploy.get("replicas"), deploy, "replicas", f"services.{name}.deploy.replicas")
    if scale is not None and replicas is not None and scale != replicas:
        r.fail(f"services.{name}: can't set distinct values on 'scale' and 'deploy.replicas': invalid compose "
               f"project", spec, "scale")
    return next((n for n in (replicas, scale) if n is not None), 1)


def _read_service(r: _Reader, name: str, raw_spec: Value, services: Map, nets: dict[str, _ComposeNet],
                  notes: list[str]) -> None:
    spec = r.mapping(raw_spec, services, name, None, f"service {name}")
    what = f"services.{name}"
    if "extends" in spec:
        r.fail(f"{what}: extends is not supported: run `docker compose config` and check its output", spec,
               "extends")
    replicas = _replicas(r, name, spec)
    container = r.text(spec.get("container_name"), spec, "container_name", f"{what}.container_name")
    if container and replicas > 1:
        attr = "scale" if "scale" in spec else "deploy.replicas"      # compose-go's words, its order
        r.fail(f"services.{attr}: can't set container_name and {name} as container name must be unique: "
               f"invalid compose project", spec, "container_name")
    mode = r.text(spec.get("network_mode"), spec, "network_mode", f"{what}.network_mode")
    raw = spec.get("networks")
    if mode is not None:
        if raw is not None:
            r.fail(f"service {name} declares mutually exclusive `network_mode` and `networks`: invalid compose "
                   f"project", spec, "networks")
        notes.append(f"service {name} uses network_mode: {mode}: outside macplan's scope, skipped.")
        return
    if raw is None and "default" in nets:
        raw = Seq(["default"])             # the file redefines compose's default network
        raw.line = spec.line
    if raw is None:
        notes.append(f"service {name} is on compose's default network (a bridge network): outside macplan's "
                     f"scope, skipped.")
        return
    attach: dict[str, Value]
    where: Union[Map, Seq]
    lines: Mapping[str, int]
    if isinstance(raw, list):
        attach = {}
        for item in raw:
            key = r.text(item, raw, None, f"{what}.networks")
            if key is None:
                r.fail(f"{what}.networks: an entry is empty", raw)
            attach[key] = None
        where = raw
        lines = {k: raw.line for k in attach}
    else:
        attach = r.mapping(raw, spec, "networks", None, f"{what}.networks")
        where, lines = attach, attach.key_lines
    if not attach:                          # `networks: {}` is compose's default network too
        attach, lines = {"default": None}, {}
    priority = {}
    for key, raw_ep in attach.items():
        ep = r.mapping(raw_ep, where, key, _SERVICE_NET_KEYS, f"{what}.networks.{key}")
        priority[key] = r.integer(ep.get("priority"), ep, "priority", f"{what}.networks.{key}.priority") or 0
    # compose's primary network (NetworksByPriority: highest priority, then name) takes the service's MAC
    primary = sorted(attach, key=lambda k: (-priority[k], k))[0]
    service_mac = r.text(spec.get("mac_address"), spec, "mac_address", f"{what}.mac_address")
    if service_mac and not _MAC.fullmatch(service_mac):
        r.fail(f"{what}.mac_address: {service_mac!r} is not a MAC address (like 02:42:c0:a8:01:0a)", spec,
               "mac_address")
    for key, raw_ep in attach.items():
        ew = f"{what}.networks.{key}"
        if key == "default" and key not in nets:
            notes.append(f"service {name} is on compose's default network (a bridge network): outside macplan's "
                         f"scope, skipped there.")
            continue
        if key not in nets:
            r.fail(f'service "{name}" refers to undefined network {key}: invalid compose project',
                   lines.get(key, where.line))
        ep = r.mapping(raw_ep, where, key, _SERVICE_NET_KEYS, ew)
        ip = r.text(ep.get("ipv4_address"), ep, "ipv4_address", f"{ew}.ipv4_address") or ""
        if ip:
            r.address(ip, 4, ep, "ipv4_address", f"{ew}.ipv4_address")
        ip6 = r.text(ep.get("ipv6_address"), ep, "ipv6_address", f"{ew}.ipv6_address") or ""
        if ip6:
            r.address(ip6, 6, ep, "ipv6_address", f"{ew}.ipv6_address")
        mac = r.text(ep.get("mac_address"), ep, "mac_address", f"{ew}.mac_address") or ""
        if mac and not _MAC.fullmatch(mac):
            r.fail(f"{ew}.mac_address: {mac!r} is not a MAC address (like 02:42:c0:a8:01:0a)", ep, "mac_address")
        if not mac and service_mac and key == primary:
            mac = service_mac
        cn = nets[key]
        cn.used = True
        if cn.network is None:      # external
            if ip or ip6:
                notes.append(f"service {name}: static address {ip or ip6} on external network {cn.name} is not "
                             f"checked (macplan cannot see that network's subnets).")
            continue
        if cn.network.driver not in LAN_DRIVERS:
            notes.append(f"service {name} is on {cn.network.driver} network {cn.name}: outside macplan's scope, "
                         f"skipped there.")
            continue
        cn.containers += replicas
        if ip or mac:
            cn.endpoints += [(ip, mac.lower().replace("-", ":"))] * replicas
        if ip6:
            cn.endpoints += [(ip6, "")] * replicas


def read_compose(doc: Value, source: str = "<string>", project: Optional[str] = None,
                 environ: Optional[Mapping[str, str]] = None, host: str = "host") -> ComposePlan:
    """A loaded compose document as a plan (see the module docstring for what is read)."""
    if environ is None:
        env = _dotenv(os.path.join(os.path.dirname(os.path.abspath(source)), ".env")) \
            if not source.startswith("<") else {}
        env.update(os.environ)
    else:
        env = dict(environ)
    r = _Reader(source, env)
    if doc is None:
        doc = Map()
    if not isinstance(doc, dict):
        r.fail("a compose file must be a mapping with services: and networks:", 1)
    r.mapping(doc, doc, None, _TOP_KEYS, "the compose file")
    if "include" in doc:
        r.fail("include: is not supported: run `docker compose config` and check its output", doc, "include")
    if project is None:
        written = r.text(doc.get("name"), doc, "name", "name")
        if written:
            project = project_name(written)
            if not project:
                r.fail(f"project name {written!r} has no letter, digit, _ or -", doc, "name")
        else:
            where = "." if source.startswith("<") else os.path.dirname(os.path.abspath(source))
            project = project_name(os.path.basename(where)) or "plan"
    raw_nets = r.mapping(doc.get("networks"), doc, "networks", None, "networks")
    nets: dict[str, _ComposeNet] = {}
    for key, spec in raw_nets.items():
        nets[key] = _read_network(r, key, spec, raw_nets, project, host)
    notes: list[str] = []
    raw_services = r.mapping(doc.get("services"), doc, "services", None, "services")
    for name, spec in raw_services.items():
        _read_service(r, name, spec, raw_services, nets, notes)
    networks = []
    for cn in nets.values():
        if cn.network is None:      # external
            notes.append(f"network {cn.name} is external: compose does not create it, so it is not in the plan.")
            continue
        n = cn.network
        if cn.used and n.driver in LAN_DRIVERS:
            n = n.with_(containers=cn.containers, endpoints=tuple(cn.endpoints))
        networks.append(n)
    return ComposePlan(name=project, hosts=(Host(host, interfaces_known=False),), networks=tuple(networks),
                       source=source, project=project, notes=tuple(notes))


def load_compose_text(text: str, source: str = "<string>", project: Optional[str] = None,
                      environ: Optional[Mapping[str, str]] = None) -> ComposePlan:
    """A compose file's text as a plan; `source` names it in errors and gives the default
    project name (its directory).  `environ` replaces the environment and .env for ${VAR}."""
    return read_compose(_load_yaml(text, source), source, project, environ)
