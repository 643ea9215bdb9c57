"""The planner's form fields: what a user types into a box, read strictly (`FieldError` says
why, next to the box), and a network's values written back as text."""
from __future__ import annotations

import dataclasses
import ipaddress
import re
from typing import Optional

from macplan.errors import FieldError
from macplan.model import INTERFACE_KINDS, Dhcp, Host, Interface, Network, Plan

_SPLIT = re.compile(r"[\s,;]+")


def _items(text: str) -> list[str]:
    return [t for t in _SPLIT.split(text.strip()) if t]


def _cidr(text: str, what: str) -> str:
    try:
        if "/" not in text:
            raise ValueError
        ipaddress.ip_interface(text)
    except ValueError:
        raise FieldError(f"{text!r} is not a {what} (like 192.168.1.0/24)") from None
    return text


def _address(text: str, what: str) -> str:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        raise FieldError(f"{text!r} is not an IP address ({what})") from None
    return text


def parse_name(text: str) -> str:
    text = text.strip()
    if not text:
        raise FieldError("a network needs a name")
    if any(c.isspace() for c in text) or len(text) > 200:
        raise FieldError("a name has no spaces")
    return text


def parse_parent(text: str) -> str:
    text = text.strip()
    if text and (any(c.isspace() or c in ",;/" for c in text) or len(text) > 15):
        raise FieldError(f"{text!r} is not an interface name (like eth0; at most 15 characters)")
    return text


def parse_vlan(text: str) -> Optional[int]:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 4094:
        raise FieldError(f"VLAN {text!r}: a number from 1 to 4094, or empty for untagged")
    return int(text)


def parse_subnets(text: str) -> tuple[str, ...]:
    return tuple(_cidr(t, "subnet") for t in _items(text))


def parse_ip_ranges(text: str) -> tuple[str, ...]:
    return tuple(_cidr(t, "ip-range") for t in _items(text))


def parse_gateways(text: str) -> tuple[str, ...]:
    return tuple(_address(t, "gateway") for t in _items(text))


def parse_aux(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for t in _items(text):
        name, eq, addr = t.partition("=")
        if not eq or not name:
            raise FieldError(f"{t!r}: write aux-addresses as name=address, like my-router=192.168.32.129")
        out.append((name, _address(addr, f"aux-address {name}")))
    return tuple(out)


def parse_containers(text: str) -> Optional[int]:
    text = text.strip().replace("_", "")
    if not text:
        return None
    if not text.isdigit():
        raise FieldError(f"{text!r}: expected containers is a whole number (or empty)")
    return int(text)


def _join(values) -> str:
    return ", ".join(values)


def _aux_text(aux) -> str:
    return ", ".join(f"{k}={v}" for k, v in aux)


def _split_parent(net: Network) -> tuple[str, str]:
    vid = net.vlan
    parent = net.parent or ""
    if vid is not None:
        return parent.rsplit(".", 1)[0], str(vid)
    return parent, ""


def _with_parent(net: Network, base: str, vid: Optional[int]) -> Network:
    opts = dict(net.options)
    parent = f"{base}.{vid}" if vid is not None else base
    if parent:
        opts["parent"] = parent
    else:
        opts.pop("parent", None)
    return net.with_(options=tuple(opts.items()))


def _with_mode(net: Network, driver: str, mode: str) -> Network:
    opts = dict(net.options)
    old_key = "ipvlan_mode" if net.driver == "ipvlan" else "macvlan_mode"
    opts.pop(old_key, None)
    if mode:
        opts["ipvlan_mode" if driver == "ipvlan" else "macvlan_mode"] = mode
    return net.with_(driver=driver, options=tuple(opts.items()))


def _interfaces_text(host: Host) -> str:
    """A host's interfaces as the Hosts tab shows them: ``name kind [MAC limit]`` per line."""
    if not host.interfaces_known:
        return ""
    return "\n".join(" ".join([i.name, i.kind] + ([str(i.mac_limit)] if i.mac_limit is not None else []))
                     for i in host.interfaces)


def parse_interfaces(text: str, host: Optional[Host] = None) -> tuple[Interface, ...]:
    """Lines of ``name [kind] [MAC limit]`` (a MAC already known for a name is kept)."""
    out: list[Interface] = []
    seen: set[str] = set()
    for line in text.splitlines():
        words = [w for w in _SPLIT.split(line.strip()) if w]
        if not words:
            continue
        name, rest = parse_parent(words[0]), words[1:]
        if not name or "." in name and name.rsplit(".", 1)[1].isdigit():
            raise FieldError(f"{words[0]!r}: name the physical interface (eth0); VLANs are a network's VLAN field")
        if name in seen:
            raise FieldError(f"{name} is listed twice")
        seen.add(name)
        kind, limit = "ethernet", None
        for w in rest:
            if w.lower() in INTERFACE_KINDS:
                kind = w.lower()
            elif w.isdigit() and int(w) > 0:
                limit = int(w)
            else:
                raise FieldError(f"{name}: {w!r} is neither a kind ({', '.join(INTERFACE_KINDS)}) "
                                 "nor a MAC limit (a whole number)")
        old = host.interface(name) if host is not None else None
        out.append(Interface(name, kind=kind, mac=old.mac if old else None, mac_limit=limit))
    return tuple(out)


def parse_vlan_limits(text: str) -> tuple[tuple[int, int], ...]:
    """``10=64, 20=128``: a VLAN's MAC limit (every host's MACs on it counted)."""
    out: dict[int, int] = {}
    for t in _items(text):
        vid, eq, limit = t.partition("=")
        if not eq or not vid.isdigit() or not 1 <= int(vid) <= 4094 or not limit.isdigit():
            raise FieldError(f"{t!r}: write VLAN=limit, like 10=64 (VLAN 1 to 4094)")
        out[int(vid)] = int(limit)
    return tuple(sorted(out.items()))


def parse_dhcp(text: str) -> tuple[Dhcp, ...]:
    """Lines of ``[name] first-last``: DHCP scopes on the LAN that Docker's IPAM cannot see."""
    out = []
    for line in text.splitlines():
        words = line.split()
        if not words:
            continue
        if len(words) > 2:
            raise FieldError(f"{line.strip()!r}: write [name] first-last, like office 192.168.1.100-192.168.1.199")
        name = words[0] if len(words) == 2 else "dhcp"
        first, dash, last = words[-1].partition("-")
        if not dash:
            raise FieldError(f"{words[-1]!r}: a scope is first-last, like 192.168.1.100-192.168.1.199")
        a = ipaddress.ip_address(_address(first, "first address of a DHCP scope"))
        b = ipaddress.ip_address(_address(last, "last address of a DHCP scope"))
        if a.version != b.version or a > b:
            raise FieldError(f"{words[-1]!r}: the first address must come before the last, in one family")
        out.append(Dhcp(first, last, name))
    return tuple(out)


def _host_with(host: Host, **changes) -> Host:
    return dataclasses.replace(host, **changes)


def _free_parent(plan: Plan, base: str) -> str:
    """``base.<vid>`` for the lowest VLAN id no network of the plan uses (``base`` if all are)."""
    used = {n.vlan for n in plan.networks if n.vlan is not None}
    vid = next((v for v in range(1, 4095) if v not in used), None)
    return f"{base}.{vid}" if vid is not None else base


def _free_subnet(plan: Plan) -> str:
    """The first 10.x.y.0/24 that overlaps no subnet and no DHCP scope of the plan."""
    taken24: set[int] = set()
    wide: list[ipaddress.IPv4Network] = []
    for n in plan.networks:
        for s in n.subnets:
            try:
                net = ipaddress.ip_network(s, strict=False)
            except ValueError:
                continue
            if isinstance(net, ipaddress.IPv4Network):
                if net.prefixlen >= 24:
                    taken24.add(int(net.network_address) >> 8)
                else:
                    wide.append(net)
    for d in plan.dhcp:
        try:
            lo, hi = ipaddress.ip_address(d.first), ipaddress.ip_address(d.last)
        except ValueError:
            continue
        if isinstance(lo, ipaddress.IPv4Address) and isinstance(hi, ipaddress.IPv4Address):
            for k in range(int(lo) >> 8, (int(hi) >> 8) + 1):
                taken24.add(k)
    first = int(ipaddress.IPv4Address("10.0.0.0")) >> 8
    for k in range(first + 1, first + (1 << 16)):
        if k in taken24:
            continue
        cand = ipaddress.IPv4Network((k << 8, 24))
        if not any(cand.overlaps(w) for w in wide):
            return str(cand)
    return "172.31.255.0/24"
