"""The planner's form fields: what a user types into a box, read strictly (`FieldError` says
why, next to the box), and a network's values written back as text."""
from __future__ import annotations

import ipaddress
import re
from typing import Optional

from macplan.errors import FieldError
from macplan.model import Network

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
