"""What the docker CLI checks before it sends anything (cli/command/network/create.go).

`group_ipam` follows `consolidateIpam`: counts, overlapping subnets, then ranges, gateways and
aux-addresses each attached to the subnet containing them.  Each refusal names its rule id.
"""
from __future__ import annotations

from typing import Optional, TypedDict

from macplan.docker.goparse import GoError, parse_cidr_block, parse_ip
from macplan.model import IpamGroup, Network, Removal
from macplan.profile import Profile

__all__ = ["Refusal", "group_ipam"]


class Refusal(Exception):
    """Docker refuses the command: `text` is what it prints, `rule` the catalog id."""

    def __init__(self, rule: str, text: str, message: Optional[str] = None):
        super().__init__(text)
        self.rule, self.text, self.message = rule, text, message


def _contains(subnet: str, data: str, data_rule: str = "cli-invalid-subnet") -> bool:
    """subnetMatches(subnet, data): does subnet contain data's address, as written?"""
    try:
        _, net = parse_cidr_block(subnet)
    except GoError as e:
        raise Refusal("cli-invalid-subnet", f"invalid subnet: {e}") from None
    if "/" in data:
        try:
            addr, block = parse_cidr_block(data)      # the address as written, and its family
        except GoError as e:
            raise Refusal(data_rule, str(e)) from None
        family = block.family
    else:
        ip = parse_ip(data)
        if ip is None:
            return False
        addr, family = int(ip), ip.version
    return family == net.family and net.contains(addr)


def _go_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def netip_error(text: str) -> str:
    """Go's netip.ParseAddr error for text that is not an address (the 29.x CLI parses
    aux-addresses with it).  The IPv4 path follows parseIPv4Fields; IPv6 shapes are read by
    a longer parser whose errors macplan does not model (it says "unable to parse IP")."""
    q = _go_quote(text)
    if not text:
        return f"ParseAddr({q}): unable to parse IP"
    for c in text:
        if c == ".":
            break
        if c == "%":
            return f"ParseAddr({q}): missing IPv6 address"
        if c == ":":
            return f"ParseAddr({q}): unable to parse IP"
    else:
        return f"ParseAddr({q}): unable to parse IP"
    val, pos, digits = 0, 0, 0
    for i, c in enumerate(text):
        if "0" <= c <= "9":
            if digits == 1 and val == 0:
                return f"ParseAddr({q}): IPv4 field has octet with leading zero"
            val, digits = val * 10 + int(c), digits + 1
            if val > 255:
                return f"ParseAddr({q}): IPv4 field has value >255"
        elif c == ".":
            if i == 0 or i == len(text) - 1 or text[i - 1] == ".":
                return f"ParseAddr({q}): IPv4 field must have at least one digit (at {_go_quote(text[i:])})"
            if pos == 3:
                return f"ParseAddr({q}): IPv4 address too long"
            pos, val, digits = pos + 1, 0, 0
        else:
            return f"ParseAddr({q}): unexpected character (at {_go_quote(text[i:])})"
    if pos < 3:
        return f"ParseAddr({q}): IPv4 address too short"
    return f"ParseAddr({q}): unable to parse IP"


class _Group(TypedDict):
    """One subnet's share of the flags, as consolidateIpam builds it."""
    subnet: str
    ip_range: Optional[str]
    gateway: Optional[str]
    aux: dict[str, str]


def group_ipam(net: Network, profile: Optional[Profile]) -> tuple[IpamGroup, ...]:
    """The IPAM entries the daemon receives: the docker CLI's consolidateIpam of the flags (and
    its refusals), or, from an API client such as docker compose, the entries as sent."""
    if net.ipam_config is not None:
        return net.ipam_config
    profile = profile or Profile.of(None)
    subnets, ranges, gateways = net.subnets, net.ip_ranges, net.gateways
    if len(subnets) < len(ranges) or len(subnets) < len(gateways):
        raise Refusal("cli-ipam-count", "every ip-range or gateway must have a corresponding subnet")
    if profile.masks_range_host_bits:
        masked = []
        for r in ranges:
            try:
                masked.append(str(parse_cidr_block(r)[1]))
            except GoError:
                raise Refusal("cli-invalid-range",
                              f'invalid argument "{r}" for "--ip-range" flag: invalid string being converted to CIDR: {r}') from None
        ranges = tuple(masked)
        for g in gateways:
            if parse_ip(g) is None:
                raise Refusal("cli-invalid-gateway",
                              f'invalid argument "{g}" for "--gateway" flag: invalid string being converted to IP address: {g}')

    groups: dict[str, _Group] = {}
    for s in subnets:
        for k in groups:
            if _contains(s, k) or _contains(k, s):
                raise Refusal("cli-overlapping-subnets", "multiple overlapping subnet configuration is not supported")
        groups[s] = {"subnet": s, "ip_range": None, "gateway": None, "aux": {}}

    for r in ranges:
        match = False
        for s in subnets:
            if not _contains(s, r, "cli-invalid-range"):
                continue
            if groups[s]["ip_range"] is not None:
                raise Refusal("cli-multiple-ranges",
                              f"cannot configure multiple ranges ({r}, {groups[s]['ip_range']}) on the same subnet ({s})")
            groups[s]["ip_range"] = r
            match = True
        if not match:
            raise Refusal("cli-range-without-subnet", f"no matching subnet for range {r}")

    for g in gateways:
        match = False
        for s in subnets:
            if not _contains(s, g):
                continue
            if groups[s]["gateway"] is not None:
                raise Refusal("cli-multiple-gateways",
                              f"cannot configure multiple gateways ({g}, {groups[s]['gateway']}) for the same subnet ({s})")
            groups[s]["gateway"] = g
            match = True
        if not match:
            raise Refusal("cli-gateway-without-subnet", f"no matching subnet for gateway {g}")

    for name, ip in net.aux:
        if profile.at_least(29) and ip == "":
            continue
        if profile.at_least(29) and parse_ip(ip) is None:
            raise Refusal("cli-aux-without-subnet", netip_error(ip))
        match = False
        for s in subnets:
            if _contains(s, ip):
                groups[s]["aux"][name] = ip
                match = True
        if not match:
            # the CLI prints this with a trailing space when the address is empty; Docker's
            # client output is read stripped
            raise Refusal("cli-aux-without-subnet", f"no matching subnet for aux-address {ip}".rstrip())

    return tuple([IpamGroup(g["subnet"], g["ip_range"], g["gateway"], tuple(g["aux"].items()))
                  for g in groups.values()])


def usage_text(cli_error: tuple[str, str], profile: Profile) -> str:
    """What the docker CLI prints when it refuses a command line (flags, argument counts),
    without the usage boilerplate after it.  The argument-count texts changed in CLI 28
    (cli/required.go); flag errors are pflag's own and the same on every line."""
    kind, detail = cli_error
    new = profile.at_least(28)
    if kind == "args":
        return f"docker: '{detail}' requires 1 argument" if new else f'"{detail}" requires exactly 1 argument.'
    if kind == "args-exact2":
        return f"docker: '{detail}' requires 2 arguments" if new else f'"{detail}" requires exactly 2 arguments.'
    if kind == "args-min":
        return f"docker: '{detail}' requires at least 1 argument" if new else \
            f'"{detail}" requires at least 1 argument.'
    if kind == "run-flag":
        # `docker run|create` report their own flag errors as "docker: %s." (cli/command/container)
        return f"docker: {detail}."
    if kind == "network-unknown":
        # `docker network WORD ...` for a WORD that is no subcommand: cli.NoArgs of `docker network`
        # (cli/required.go); up to 27 its whole usage text (as the 20.10.24 CLI prints it, lab
        # recording gen-c-0095.sh), from 28 one line naming the word
        if profile.names_unknown_subcommand:
            return f"docker: unknown command: docker network {detail}"
        return _NETWORK_USAGE
    return detail


_NETWORK_USAGE = """Usage:  docker network COMMAND

Manage networks

Commands:
  connect     Connect a container to a network
  create      Create a network
  disconnect  Disconnect a container from a network
  inspect     Display detailed information on one or more networks
  ls          List networks
  prune       Remove all unused networks
  rm          Remove one or more networks"""
# (the CLI ends it with "Run 'docker network COMMAND --help' for more information on a command.",
# boilerplate that docker_error leaves out like the other usage texts' "See '... --help'.")


def create_usage(net: Network, profile: Profile) -> Optional[Refusal]:
    """The CLI's refusal of a `docker network create` command line, if any."""
    if net.cli_error is not None:
        return Refusal("cli-usage", usage_text(net.cli_error, profile))
    if net.ipv4 is not None and not profile.has_ipv4_flag:
        # `--ipv4` came with CLI 28 (as did the daemon's EnableIPv4); older CLIs know no such flag
        # (lab: the 20.10.24 CLI, differential seed 1130)
        return Refusal("cli-usage", "unknown flag: --ipv4")
    return None


def remove_usage(removal: Removal, profile: Profile) -> Optional[Refusal]:
    """The CLI's refusal of a `docker network rm` command line: -f/--force came with CLI 23."""
    if removal.cli_error is not None:
        return Refusal("cli-usage", usage_text(removal.cli_error, profile))
    if removal.force and not profile.at_least(23):
        text = "unknown shorthand flag: 'f' in -f" if removal.force == "-f" else "unknown flag: --force"
        return Refusal("cli-usage", text)
    return None


def sent_as_flags(net: Network) -> Network:
    """`net` with IPAM entries from an API client (`ipam_config`) dropped when the docker CLI,
    on every engine, groups its flat values into exactly those entries: the same network as
    `docker network create` flags, so equal to one read from a script or a YAML plan."""
    if net.ipam_config is None:
        return net
    flags = net.with_(ipam_config=None)
    for line in ("20.10", "29"):     # the CLI's grouping differs only in masking ranges (29)
        try:
            if group_ipam(flags, Profile.of(line)) != net.ipam_config:
                return net
        except Refusal:
            return net
    return flags


def ipam_groups(net: Network) -> Optional[tuple[IpamGroup, ...]]:
    """The CLI's grouping of a network's IPAM flags, or None when the CLI would refuse them."""
    try:
        return group_ipam(net, None)
    except Refusal:
        return None
