"""YAML plans written by hand: `load_yaml_text`. Nothing is typed while loading (no YAML 1.1
surprises, no aliases or tags); every field reads its value as it needs it, and every problem
is a `PlanError` naming the source and line."""
from __future__ import annotations

import gc
import re
from typing import Collection, NoReturn, Optional, Union

from macplan.docker.goparse import parse_ip
from macplan.errors import PlanError
from macplan.model import (
    INTERFACE_KINDS,
    KERNEL_FEATURES,
    Dhcp,
    Host,
    Interface,
    Network,
    NetworkChanges,
    Plan,
)
from macplan.read.script import _stem
from macplan.read.yamltext import Map, Policy, Seq, Text, Value, Where, is_cidr, line_of, load, suggest

_PLAN = Policy(
    max_aliases=None,
    no_aliases="YAML anchors and aliases (&name, *name) are not supported in a plan: write the value out",
    no_tags="YAML tags ({tag}) are not supported in a plan: remove the tag",
    merge_keys=False)


# YAML 1.2 core schema, for the few values the schema leaves open (split:)
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


_INT = re.compile(r"[-+]?[0-9]+")


_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


#: a whole number as the plan takes one (decimal, no sign), a VLAN id key, a MAC address
_WHOLE = re.compile(r"[0-9]{1,18}")
_VLAN_ID = re.compile(r"[0-9]{1,9}")
_MAC = re.compile(r"(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")


#: a plain scalar typed the YAML 1.2 way, inside what `_typed` returns
Typed = Union[bool, int, float, str, None, list["Typed"], dict[str, "Typed"]]


def _typed(value: Value) -> Typed:
    """A loaded subtree with plain scalars typed as YAML 1.2 does (no octal, no sexagesimal)."""
    if isinstance(value, dict):
        return {str(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, Text) and value.plain:
        if value in _BOOLS:
            return _BOOLS[value]
        if _INT.fullmatch(value) and len(value) <= 19:
            return int(value)
        if _FLOAT.fullmatch(value) and len(value) <= 40:
            return float(value)
    return None if value is None else str(value)


class _Reader:
    """Turns the loaded YAML into model values, naming the line of every problem."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, message: str, where: Where, key: Optional[str] = None) -> NoReturn:
        raise PlanError(message, self.source, line_of(where, key))

    def mapping(self, value: Value, where: Where, key: Optional[str], allowed: Collection[str], what: str) -> Map:
        if value is None:
            return Map()
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping", where, key)
        for k in value:
            if k not in allowed:
                hint = suggest(str(k), allowed)
                self.fail(f"unknown key {k!r} in {what}{hint}", value, k)
        return value

    def text(self, value: Value, where: Where, key: Optional[str], what: str) -> Optional[str]:
        if value is None:
            return None
        if not isinstance(value, str):      # a list or mapping where a string belongs
            self.fail(f"{what} must be a string, not a {'list' if isinstance(value, list) else 'mapping'}",
                      where, key)
        return str(value)

    def texts(self, value: Value, where: Where, key: Optional[str], what: str) -> tuple[str, ...]:
        """A string or a list of strings (an empty entry of the list is refused)."""
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        out = []
        for v in items:
            text = self.text(v, v if isinstance(v, (dict, list)) else where, key, what)
            if text is None:
                self.fail(f"{what}: an entry is empty", where, key)
            out.append(text)
        return tuple(out)

    def boolean(self, value: Value, where: Where, key: str) -> Optional[bool]:
        if value is None:
            return None
        if not isinstance(value, str) or value not in _BOOLS:    # YAML 1.1's yes/no/on/off too
            self.fail(f"{key} must be true or false", where, key)
        return _BOOLS[value]

    def integer(self, value: Value, where: Where, key: str, minimum: int = 0) -> Optional[int]:
        """A decimal whole number: `010` is 10 (as Docker's strconv.Atoi reads a VLAN id), and
        `1:30`, `0x1e`, `1e3` and `12.0` are refused rather than read the YAML 1.1 way."""
        if value is None:
            return None
        if not isinstance(value, str) or not _WHOLE.fullmatch(value) or int(value) < minimum:
            self.fail(f"{key} must be a whole number >= {minimum}", where, key)
        return int(value)

    def pairs(self, value: Value, where: Where, key: str, what: str) -> tuple[tuple[str, str], ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping of name: value", where, key)
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                self.fail(f"{what}: the value of {str(k)!r} must be a string", value, k)
        return tuple((str(k), "" if v is None else str(v)) for k, v in value.items())


_PLAN_KEYS = ("name", "engine", "hosts", "networks", "dhcp", "vlans")


_HOST_KEYS = ("interfaces", "kernel_lacks", "swarm")


_IFACE_KEYS = ("kind", "mac", "mac_limit")


#: (a dict, in order for messages: `mapping` asks `k in` it once a key of every network)
_NET_KEYS = dict.fromkeys((
    "driver", "host", "hosts", "parent", "vlan", "mode", "flag", "subnets", "subnet", "gateway", "ip_range", "aux",
    "ipv6", "ipv4", "internal", "attachable", "ingress", "scope", "config_only", "config_from", "labels", "options",
    "ipam_driver", "ipam_options", "containers", "endpoints", "split"))


#: the network settings few plans give: a network without any keeps Network's defaults for them
_SELDOM_KEYS = frozenset({"ipv6", "ipv4", "internal", "attachable", "ingress", "scope", "config_only",
                          "config_from", "labels", "ipam_driver", "ipam_options"})


_SUBNET_KEYS = ("subnet", "gateway", "ip_range", "aux")


def load_yaml_text(text: str, source: str = "<string>") -> Plan:
    """A YAML plan (see examples/): hosts, networks, DHCP scopes, VLAN limits."""
    # a big plan is hundreds of thousands of small objects with no cycles among them: the cyclic
    # collector's passes over them while they are built cost more than the reading itself
    was = gc.isenabled()
    gc.disable()
    try:
        return _load_yaml_text(text, source)
    finally:
        if was:
            gc.enable()


def _load_yaml_text(text: str, source: str) -> Plan:
    doc = load(text, source, _PLAN, libyaml=True)
    r = _Reader(source)
    if doc is None:
        doc = Map()
    if not isinstance(doc, dict):
        r.fail("a plan must be a mapping with 'networks' (and optionally 'hosts', 'dhcp', 'vlans')", 1)
    r.mapping(doc, doc, None, _PLAN_KEYS, "the plan")

    hosts: list[Host] = []
    raw_hosts = r.mapping(doc.get("hosts"), doc, "hosts", _any_keys(doc.get("hosts")), "hosts")
    for hname, raw_host in raw_hosts.items():
        spec = r.mapping(raw_host, raw_hosts, hname, _HOST_KEYS, f"host {hname}")
        ifaces = []
        raw_if = spec.get("interfaces")
        if isinstance(raw_if, list):
            names = r.texts(raw_if, spec, "interfaces", "an interface name")
            listed = Map({n: None for n in names})
            listed.line, listed.key_lines = raw_if.line, {}
            raw_if = listed
        if_map = r.mapping(raw_if, spec, "interfaces", _any_keys(raw_if), f"interfaces of host {hname}")
        for iname, raw_ispec in if_map.items():
            ispec = r.mapping(raw_ispec, if_map, iname, _IFACE_KEYS, f"interface {iname}")
            kind = r.text(ispec.get("kind"), ispec, "kind", "kind") or "ethernet"
            if kind not in INTERFACE_KINDS:
                r.fail(f"interface {iname}: kind must be one of {', '.join(INTERFACE_KINDS)}", ispec, "kind")
            ifaces.append(Interface(str(iname), kind, r.text(ispec.get("mac"), ispec, "mac", "mac"),
                                    r.integer(ispec.get("mac_limit"), ispec, "mac_limit", 1)))
        lacks = frozenset(r.texts(spec.get("kernel_lacks"), spec, "kernel_lacks", "kernel_lacks"))
        if lacks - KERNEL_FEATURES:
            r.fail(f"kernel_lacks: unknown feature {sorted(lacks - KERNEL_FEATURES)[0]!r} "
                   f"(known: {', '.join(sorted(KERNEL_FEATURES))})", spec, "kernel_lacks")
        swarm = r.text(spec.get("swarm"), spec, "swarm", "swarm") or "inactive"
        if swarm not in ("inactive", "manager", "worker"):
            r.fail(f"host {hname}: swarm must be inactive, manager or worker", spec, "swarm")
        hosts.append(Host(str(hname), tuple(ifaces), lacks, interfaces_known="interfaces" in spec, swarm=swarm))
    if not hosts:
        hosts = [Host("host", (), frozenset(), interfaces_known=False)]
    host_names = {h.name: None for h in hosts}     # ordered, and `in` without a scan

    dhcp = []
    raw_dhcp = doc.get("dhcp") or Seq()
    if not isinstance(raw_dhcp, list):
        r.fail("dhcp must be a list of scopes (first-last, or {first, last, name})", doc, "dhcp")
    for n, item in enumerate(raw_dhcp):
        where = raw_dhcp.line + n
        if isinstance(item, str) and "-" in item:
            first, last = (s.strip() for s in item.split("-", 1))
            dhcp.append(Dhcp(first, last, f"dhcp{n + 1}"))
        elif isinstance(item, dict):
            scope = r.mapping(item, raw_dhcp, None, ("first", "last", "name"), "a DHCP scope")
            first_, last_ = (r.text(scope.get(k), scope, k, k) for k in ("first", "last"))
            if not first_ or not last_:
                r.fail("a DHCP scope needs first and last", scope)
            dhcp.append(Dhcp(first_, last_, r.text(scope.get("name"), scope, "name", "name") or f"dhcp{n + 1}"))
        else:
            r.fail("a DHCP scope is 'first-last' or {first, last, name}", where)
    for d in dhcp:
        _check_address(r, d.first, raw_dhcp, "dhcp")
        _check_address(r, d.last, raw_dhcp, "dhcp")

    vlan_limits = []
    raw_vlans = r.mapping(doc.get("vlans"), doc, "vlans", _any_keys(doc.get("vlans")), "vlans")
    for key, raw_vlan in raw_vlans.items():
        if not _VLAN_ID.fullmatch(key):
            r.fail(f"VLAN id {str(key)!r} must be a number", raw_vlans, key)
        vid = int(key)
        vlan = r.mapping(raw_vlan, raw_vlans, key, ("mac_limit", "name"), f"VLAN {vid}")
        limit = r.integer(vlan.get("mac_limit"), vlan, "mac_limit", 1)
        if limit is not None:
            vlan_limits.append((vid, limit))

    networks: list[Network] = []
    raw_nets: Union[Map, Seq]
    given = doc.get("networks") or Map()
    if isinstance(given, list):
        raw_nets = given
        # the list form keeps repeated names (a script may create a name twice: Docker refuses it)
        for item in raw_nets:
            if not isinstance(item, dict) or not item.get("name"):
                r.fail("each entry of a networks: list needs a name:", item if isinstance(item, Map) else raw_nets)
            name = r.text(item["name"], item, "name", "name")
            if not name:    # (it is not: item["name"] is a string that is not empty)
                r.fail("each entry of a networks: list needs a name:", item)
            body = Map({k: v for k, v in item.items() if k != "name"})
            body.line, body.key_lines = item.line, item.key_lines
            holder = Map({name: body})
            holder.line, holder.key_lines = item.line, {name: item.line}
            networks.extend(_read_network(r, name, body, holder, host_names))
    else:
        raw_nets = r.mapping(given, doc, "networks", _any_keys(given), "networks")
        for name, raw_net in raw_nets.items():
            networks.extend(_read_network(r, str(name), raw_net, raw_nets, host_names))
    engine = r.text(doc.get("engine"), doc, "engine", "engine") or None    # "" says no engine, like none
    if engine:
        from macplan.errors import UnknownEngine
        from macplan.profile import Profile
        try:
            Profile.of(engine)
        except UnknownEngine as e:
            r.fail(str(e), doc, "engine")
    plan = Plan(name=r.text(doc.get("name"), doc, "name", "name") or _stem(source), hosts=tuple(hosts), networks=tuple(networks),
                dhcp=tuple(dhcp), vlan_limits=tuple(vlan_limits), engine=engine, source=source)
    return _apply_splits(r, plan, raw_nets)


def _apply_splits(r: _Reader, plan: Plan, raw_nets: Union[Map, Seq]) -> Plan:
    """`split:` on a network shared by several hosts gives each host's copy its own slice of
    the subnet as --ip-range (ranges written in the plan are kept: hosts added later never
    move the others)."""
    items: list[tuple[Value, Value]] = list(raw_nets.items()) if isinstance(raw_nets, dict) else \
        [(i.get("name"), i) for i in raw_nets if isinstance(i, dict)]
    for name, spec in items:
        if not isinstance(spec, dict) or "split" not in spec:
            continue
        from macplan.partition import SplitSpec, split_plan
        try:
            plan, _ = split_plan(plan, str(name), SplitSpec.from_yaml(_typed(spec["split"])), keep=True)
        except ValueError as e:
            r.fail(f"network {name}: {e}", spec, "split")
    return plan


def _any_keys(value: Value) -> Collection[str]:
    # the keys view, not a tuple of them: `mapping` asks `k in allowed` once a key, and a tuple
    # would make that quadratic in the number of networks (or hosts)
    return value.keys() if isinstance(value, dict) else ()


def _check_address(r: _Reader, text: str, where: Where, key: str) -> None:
    import ipaddress
    if parse_ip(text) is not None:       # Go's parser takes a subset of what ipaddress takes
        return
    try:
        ipaddress.ip_address(text)
    except ValueError:
        r.fail(f"{key}: {text!r} is not an IP address", where, key)


def _check_cidr(r: _Reader, text: str, where: Where, key: str) -> None:
    if not is_cidr(text):
        r.fail(f"{key}: {text!r} is not a CIDR block (like 192.168.1.0/24)", where, key)


def _read_network(r: _Reader, name: str, raw: Value, parent_map: Map, host_names: dict[str, None]) -> list[Network]:
    spec = r.mapping(raw, parent_map, name, _NET_KEYS, f"network {name}")
    driver = r.text(spec.get("driver"), spec, "driver", "driver") or "macvlan"
    parent = r.text(spec.get("parent"), spec, "parent", "parent")
    vlan = r.integer(spec.get("vlan"), spec, "vlan", 0)
    if vlan is not None:
        if not parent:
            r.fail(f"network {name}: vlan needs a parent (the trunk interface, like eth0)", spec, "vlan")
        if "." in parent:
            r.fail(f"network {name}: give either parent: {parent} or vlan:, not both", spec, "vlan")
        parent = f"{parent}.{vlan}"
    options = dict(r.pairs(spec.get("options"), spec, "options", "options"))
    if parent is not None:
        options["parent"] = parent
    mode = r.text(spec.get("mode"), spec, "mode", "mode")
    if mode is not None:
        options["ipvlan_mode" if driver == "ipvlan" else "macvlan_mode"] = mode
    flag = r.text(spec.get("flag"), spec, "flag", "flag")
    if flag is not None:
        options["ipvlan_flag"] = flag

    subnets: list[str] = []
    ranges: list[str] = []
    gateways: list[str] = []
    aux: list[tuple[str, str]] = []
    flat = [k for k in _SUBNET_KEYS if k in spec]
    if flat and "subnets" in spec:
        r.fail(f"network {name}: use either subnets: (a list) or subnet:/gateway:/ip_range:/aux:, not both",
               spec, flat[0])
    entries = []
    if "subnets" in spec:
        listed = spec["subnets"]
        if not isinstance(listed, list):
            r.fail(f"network {name}: subnets must be a list", spec, "subnets")
        for item in listed:
            if isinstance(item, str):
                item = Map(subnet=item)
                item.line = listed.line
            entries.append(r.mapping(item, listed, None, _SUBNET_KEYS, f"a subnet of network {name}"))
    elif flat:
        entries.append(spec)
    for e in entries:
        s = r.texts(e.get("subnet"), e, "subnet", "subnet")
        for v in s:
            _check_cidr(r, v, e, "subnet")
        rs = r.texts(e.get("ip_range"), e, "ip_range", "ip_range")
        for v in rs:
            _check_cidr(r, v, e, "ip_range")
        gs = r.texts(e.get("gateway"), e, "gateway", "gateway")
        for v in gs:
            _check_address(r, v, e, "gateway")
        ax = r.pairs(e.get("aux"), e, "aux", "aux")
        for _, v in ax:
            _check_address(r, v, e, "aux")
        subnets += s
        ranges += rs
        gateways += gs
        aux += ax
    endpoints = []
    raw_eps = spec.get("endpoints") or Seq()
    if not isinstance(raw_eps, list):
        r.fail(f"network {name}: endpoints must be a list of {{ip, mac}}", spec, "endpoints")
    for raw_ep in raw_eps:
        ep = r.mapping(raw_ep, raw_eps, None, ("ip", "mac"), f"an endpoint of network {name}")
        ip = r.text(ep.get("ip"), ep, "ip", "ip") or ""
        mac = r.text(ep.get("mac"), ep, "mac", "mac") or ""
        if ip:
            _check_address(r, ip, ep, "ip")
        if mac and not _MAC.fullmatch(mac):
            r.fail(f"mac: {mac!r} is not a MAC address (like 02:42:c0:a8:01:0a)", ep, "mac")
        endpoints.append((ip, mac.lower()))
    hosts = r.texts(spec.get("hosts"), spec, "hosts", "hosts") if "hosts" in spec else ()
    if "host" in spec and "hosts" in spec:
        r.fail(f"network {name}: give host or hosts, not both", spec, "hosts")
    if "host" in spec:
        host = r.text(spec.get("host"), spec, "host", "host")
        if host is None:
            r.fail(f"network {name}: host is empty (give a host name)", spec, "host")
        hosts = (host,)
    if not hosts:
        if len(host_names) > 1:
            r.fail(f"network {name}: the plan has several hosts; say which with host: or hosts:", parent_map, name)
        hosts = tuple(host_names)
    for h in hosts:
        if h not in host_names:
            r.fail(f"network {name}: unknown host {h!r} (hosts: {', '.join(host_names)})", spec,
                   "host" if "host" in spec else "hosts")
    # one Network a host, built once each (a copy with `with_(host=)` would build each twice)
    fields = NetworkChanges(
        name=name, driver=driver, options=tuple(options.items()),
        subnets=tuple(subnets), ip_ranges=tuple(ranges), gateways=tuple(gateways), aux=tuple(aux))
    if not _SELDOM_KEYS.isdisjoint(spec):
        fields.update(NetworkChanges(
            ipv6=r.boolean(spec.get("ipv6"), spec, "ipv6"), ipv4=r.boolean(spec.get("ipv4"), spec, "ipv4"),
            internal=bool(r.boolean(spec.get("internal"), spec, "internal")),
            attachable=bool(r.boolean(spec.get("attachable"), spec, "attachable")),
            ingress=bool(r.boolean(spec.get("ingress"), spec, "ingress")),
            scope=r.text(spec.get("scope"), spec, "scope", "scope"),
            config_only=bool(r.boolean(spec.get("config_only"), spec, "config_only")),
            config_from=r.text(spec.get("config_from"), spec, "config_from", "config_from"),
            labels=r.pairs(spec.get("labels"), spec, "labels", "labels"),
            ipam_driver=r.text(spec.get("ipam_driver"), spec, "ipam_driver", "ipam_driver"),
            ipam_options=r.pairs(spec.get("ipam_options"), spec, "ipam_options", "ipam_options")))
    fields["containers"] = r.integer(spec.get("containers"), spec, "containers", 0)
    fields["endpoints"] = tuple(endpoints)
    fields["line"] = parent_map.key_lines.get(name) if isinstance(parent_map, Map) else None
    out = []
    for h in hosts:
        fields["host"] = h
        out.append(Network(**fields))
    return out
