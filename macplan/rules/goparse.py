"""Address parsing the way Go's `net` package does it, so errors read as Docker prints them."""
from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Optional, Union

IP = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]
Net = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]


class GoError(ValueError):
    pass


@lru_cache(maxsize=65536)
def parse_ip(text: str) -> Optional[IP]:
    """net.ParseIP: an address or None (no zone, no brackets, no prefix)."""
    if not text or "%" in text or "/" in text:
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def parse_cidr(text: str) -> tuple[IP, Net]:
    """net.ParseCIDR: (address as written, masked network) or GoError("invalid CIDR address: ...")."""
    addr, slash, bits = text.partition("/")
    ip = parse_ip(addr)
    if not slash or ip is None or not bits.isdigit() or len(bits) > 3 or int(bits) > ip.max_prefixlen:
        raise GoError(f"invalid CIDR address: {text}")
    return ip, ipaddress.ip_network(f"{addr}/{int(bits)}", strict=False)


def family(ip) -> int:
    return ip.version
