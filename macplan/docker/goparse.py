"""Address parsing the way Go's `net` package does it, so errors read as Docker prints them."""
from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import NamedTuple, Optional, Union

IP = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]
Net = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]
Iface = Union[ipaddress.IPv4Interface, ipaddress.IPv6Interface]


class GoError(ValueError):
    pass


class Block(NamedTuple):
    """A CIDR block as numbers: the simulated IPAM keys, compares and counts pools by these;
    the ipaddress network (`network`) is built only to be shown or handed to a caller."""
    family: int          # 4 or 6
    first: int           # the network address
    prefixlen: int

    @classmethod
    def of(cls, net: Net) -> "Block":
        return cls(net.version, int(net.network_address), net.prefixlen)

    @property
    def last(self) -> int:
        return self.first | host_mask(self.family, self.prefixlen)

    def contains(self, addr: int) -> bool:
        return addr & ~host_mask(self.family, self.prefixlen) == self.first

    def overlaps(self, other: "Block") -> bool:
        """CIDR blocks of one family overlap only if one holds the other's first address."""
        return self.family == other.family and self.first <= other.last and other.first <= self.last

    @property
    def network(self) -> Net:
        if self.family == 4:
            return _IPv4Network((self.first, self.prefixlen))
        return ipaddress.IPv6Network((self.first, self.prefixlen))

    def __str__(self) -> str:
        if self.family == 4:      # what str(IPv4Network) prints, without building one
            a = self.first
            return f"{a >> 24}.{a >> 16 & 255}.{a >> 8 & 255}.{a & 255}/{self.prefixlen}"
        return str(self.network)


#: parses are cached by text: the daemon, the CLI's grouping and the rules each read a network's
#: subnets and ranges, and a plan repeats gateways.  Room for every text of a 100,000-network
#: plan: a smaller cache evicts each entry before its second reader comes (a 100,000-line
#: script took twice as long per network as a 4,094-line one).
_CACHED = 1 << 18


def _v4_int(text: str) -> Optional[int]:
    """Dotted quad to int, the common case, without ipaddress's slower string parser.
    ASCII digits only; leading zeros are refused, as Go (1.17+) and Python do."""
    parts = text.split(".")
    if len(parts) != 4:
        return None
    value = 0
    for part in parts:
        if not (part.isascii() and part.isdigit()) or len(part) > 3 or (part[0] == "0" and len(part) > 1):
            return None
        octet = int(part)
        if octet > 255:
            return None
        value = value << 8 | octet
    return value


def _ascii_digits(text: str) -> bool:
    """Go reads a prefix length with '0'-'9' only; str.isdigit (and int) also take other
    scripts' digits ("/٢٤")."""
    return text.isascii() and text.isdigit()


@lru_cache(maxsize=_CACHED)
def parse_ip(text: str) -> Optional[IP]:
    """net.ParseIP: an address or None (no zone, no brackets, no prefix)."""
    if not text or "%" in text or "/" in text:
        return None
    if "." in text and ":" not in text:
        value = _v4_int(text)
        return None if value is None else ipaddress.IPv4Address(value)
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


class _IPv4Network(ipaddress.IPv4Network):
    """An IPv4Network that computes its hash once: the simulated IPAM keys its pools, pool keys
    and masters by subnet, and ipaddress's own __hash__ converts two addresses to int on every
    lookup (a tenth of a 4,094-network check).  Equal to, and hashed like, an IPv4Network."""

    def __init__(self, address: object, strict: bool = True) -> None:
        super().__init__(address, strict)  # type: ignore[arg-type,unused-ignore]
        self._hash = hash(int(self.network_address) ^ int(self.netmask))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if type(other) is _IPv4Network:
            return self._hash == other._hash and self.network_address == other.network_address \
                and self.prefixlen == other.prefixlen
        return super().__eq__(other)

    def __repr__(self) -> str:
        return f"IPv4Network({str(self)!r})"


@lru_cache(maxsize=_CACHED)
def _v4_prefix(text: str) -> Optional[tuple[int, int]]:
    """(address, prefix length) of the common case `a.b.c.d/nn` (one or two ASCII digits, at
    most 32), which ParseCIDR and ParsePrefix read alike; None for anything else.  Both parsers
    of a subnet's text share this one read of it."""
    addr, slash, bits = text.partition("/")
    if len(bits) <= 2 and "." in addr and ":" not in addr and _ascii_digits(bits) and int(bits) <= 32:
        value = _v4_int(addr)
        if value is not None:
            return value, int(bits)
    return None


@lru_cache(maxsize=_CACHED)
def parse_cidr(text: str) -> tuple[IP, Net]:
    """net.ParseCIDR: (address as written, masked network) or GoError("invalid CIDR address: ...")."""
    common = _v4_prefix(text)
    if common is not None:
        value, plen = common
        return ipaddress.IPv4Address(value), _IPv4Network((value >> (32 - plen) << (32 - plen), plen))
    addr, slash, bits = text.partition("/")
    ip = parse_ip(addr)
    if not slash or ip is None or not _ascii_digits(bits) or len(bits) > 3 or int(bits) > ip.max_prefixlen:
        raise GoError(f"invalid CIDR address: {text}")
    plen = int(bits)
    if ip.version == 4:
        return ip, _IPv4Network((int(ip) >> (32 - plen) << (32 - plen), plen))
    return ip, ipaddress.ip_network(f"{addr}/{plen}", strict=False)


def parse_cidr_block(text: str) -> tuple[int, Block]:
    """net.ParseCIDR as numbers: (the address as written, the masked block), or GoError."""
    common = _v4_prefix(text)
    if common is not None:       # a.b.c.d/n: no ipaddress object needed
        value, plen = common
        return value, Block(4, value >> (32 - plen) << (32 - plen), plen)
    ip, net = parse_cidr(text)
    return int(ip), Block.of(net)


def family(ip: IP) -> int:
    return ip.version


@lru_cache(maxsize=_CACHED)
def parse_prefix(text: str) -> Optional[Iface]:
    """netip.ParsePrefix: an ip_interface (address as written + prefix), or None."""
    if "/" not in text:
        return None
    common = _v4_prefix(text)
    if common is not None:
        return ipaddress.IPv4Interface(common)
    addr, _, bits = text.partition("/")
    if not _ascii_digits(bits):
        return None
    if "." in addr and ":" not in addr and len(bits) <= 2 and int(bits) <= 32:
        return None         # a dotted quad _v4_int refuses (leading zeros, octets over 255...)
    try:
        return ipaddress.ip_interface(text)
    except ValueError:
        return None


@lru_cache(maxsize=_CACHED)
def prefix_ints(text: str) -> Optional[tuple[int, int, int]]:
    """parse_prefix as integers: (family, address as written, prefix length), or None.  The
    daemon's IPAM validation compares numbers; it needs parse_prefix's objects only to print
    an error."""
    common = _v4_prefix(text)
    if common is not None:
        return 4, common[0], common[1]
    iface = parse_prefix(text)
    if iface is None:
        return None
    return iface.version, int(iface.ip), iface.network.prefixlen


def host_mask(family: int, prefixlen: int) -> int:
    """The host part's bits of a prefix of that length, as an int (0xff for an IPv4 /24)."""
    return (1 << ((32 if family == 4 else 128) - prefixlen)) - 1


def go_addr(ip: IP) -> str:
    """netip.Addr.String: as Python prints it, except that an IPv4-mapped address keeps its
    dotted quad (Go prints ::ffff:10.20.0.0 where Python prints ::ffff:a14:0)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return f"::ffff:{ip.ipv4_mapped}"
    return str(ip)


def go_prefix(p: Union[Iface, Net]) -> str:
    """netip.Prefix.String of an ip_interface (address as written) or an ip_network."""
    if isinstance(p, (ipaddress.IPv4Interface, ipaddress.IPv6Interface)):
        return f"{go_addr(p.ip)}/{p.network.prefixlen}"
    return f"{go_addr(p.network_address)}/{p.prefixlen}"
