"""Engine profiles: what changes between Docker release lines, as data.

Every rule asks the profile a question (`profile.at_least(27, 0, 1)`, `profile.masks_range_host_bits`)
instead of comparing versions itself, so the version differences of
research/moby-rules.md live here and in each rule's declared range, nowhere else.
"""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from macplan.errors import UnknownEngine

__all__ = ["Profile", "LINES", "DEFAULT_ENGINE", "UnknownEngine", "default_engine"]

#: Release lines where a rule changes, oldest first.
LINES = ("20.10", "23", "24", "25", "26", "27", "28", "29")
#: The line checked against when nothing names one and no engine answers: the newest, what a
#: host gets that installs Docker today.  The rule is ``default_engine`` (the adapter that asks
#: the engine is macplan.engine.transport.default_engine).
DEFAULT_ENGINE = "29"


def default_engine(answered: "str | None" = None) -> str:
    """The line to check against when neither the user nor the plan names one: that of the
    engine that answered (its version, as GET /version gives it), else DEFAULT_ENGINE."""
    if answered:
        try:
            return Profile.of(answered).line
        except UnknownEngine:
            pass
    return DEFAULT_ENGINE


@dataclass(frozen=True)
class Profile:
    version: tuple[int, int, int]
    line: str

    @classmethod
    @lru_cache(maxsize=64)
    def of(cls, engine: "str | Profile | None") -> "Profile":
        """A profile from a line ("20.10", "29") or a daemon version ("20.10.24+dfsg1", "26.1.5")."""
        if isinstance(engine, Profile):
            return engine
        text = str(engine or DEFAULT_ENGINE).strip().lstrip("v")
        m = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?", text)
        if not m:
            raise UnknownEngine(f"unknown engine version {engine!r} (try one of {', '.join(LINES)})")
        major = int(m.group(1))
        # A bare line ("25", "20.10") means the newest release of that line.
        minor = int(m.group(2)) if m.group(2) is not None else 99
        patch = int(m.group(3)) if m.group(3) is not None else 99
        if major == 20 and m.group(2) is None:
            minor = 10
        if major < 20 or (major == 20 and minor < 10) or major > 29:
            raise UnknownEngine(f"engine {engine!r} is outside the supported range 20.10 to 29")
        if major in (21, 22):  # there were no 21 or 22 releases; treat as 20.10
            major, minor, patch = 20, 10, 99
        line = "20.10" if major == 20 else str(major)
        return cls((major, minor, patch), line)

    def at_least(self, major: int, minor: int = 0, patch: int = 0) -> bool:
        return self.version >= (major, minor, patch)

    # -- the differences, named ------------------------------------------------------------
    # Each answer depends on the version alone: asked once per profile (cached_property), as
    # the simulated daemon asks several for every network.
    @cached_property
    def validates_ipam_config(self) -> bool:
        """v25+: the daemon validates subnets, ranges, gateways, aux before allocating (D2)."""
        return self.at_least(25)

    @cached_property
    def masks_range_host_bits(self) -> bool:
        """v29 CLI parses --ip-range as an IPNet and sends the masked network (C1)."""
        return self.at_least(29)

    @cached_property
    def usable_slash31(self) -> bool:
        """v23+: /31 and /32 reserve no network or broadcast address (D3)."""
        return self.at_least(23)

    @cached_property
    def no_parent_is_internal(self) -> bool:
        return self.at_least(26, 1)

    @cached_property
    def macvlan_shares_parent(self) -> bool:
        """v27.0.1+: several macvlan networks may share a parent unless passthru (M7)."""
        return self.at_least(27, 0, 1)

    @cached_property
    def ipvlan_modes(self) -> tuple[str, ...]:
        return ("l2", "l3", "l3s") if self.at_least(23) else ("l2", "l3")

    @cached_property
    def reads_ipvlan_flag(self) -> bool:
        return self.at_least(23)

    @cached_property
    def parses_driver_options_early(self) -> bool:
        """v28 only: GetSkipGwAlloc parses driver options before IPAM, so mode/lo errors come
        first.  v29 (commit 468e3521b0) returns (true, true) without parsing: IPAM errors (pool
        overlap, gateway in use) come before a bad mode again, as the 29.7.2 recordings show."""
        return self.at_least(28) and not self.at_least(29)

    @cached_property
    def overlap_prefix(self) -> str:
        return "invalid pool request: " if self.at_least(27, 0, 1) else ""

    @cached_property
    def ipv6_subnet_enables_ipv6(self) -> bool:
        """v25.0.0 to v25.0.2 turned IPv6 on when an IPv6 subnet was given (D8)."""
        return (25, 0, 0) <= self.version < (25, 0, 3)

    @cached_property
    def ula_for_ipv6_without_subnet(self) -> bool:
        return self.at_least(27)

    @cached_property
    def random_macs(self) -> bool:
        """v28+: macvlan endpoints get a random MAC; before, 02:42 + the IPv4 octets (M9)."""
        return self.at_least(28)

    @cached_property
    def bitmap_caps_ipv6(self) -> bool:
        """<=v27: the IPAM bitmap holds at most 2**64-1 addresses per subnet (D3)."""
        return not self.at_least(28)

    @cached_property
    def full_pool_refused_first(self) -> bool:
        """<=v27 getAddress checks `Unselected() == 0` before anything else, so any request on
        a full pool (a /32, a /31 before 23, a /128) is "No available addresses on this pool".
        v28+ (addrset) sets the asked bit directly: "Address already in use" (29.7.2 recordings)."""
        return not self.at_least(28)

    @cached_property
    def no_addresses_text(self) -> str:
        """ipamapi.ErrNoAvailableIPs: capitalised up to 24, lower case from v25 (contract.go)."""
        return "no available addresses on this pool" if self.at_least(25) else "No available addresses on this pool"

    @cached_property
    def out_of_range_text(self) -> str:
        """ipamapi.ErrIPOutOfRange: capitalised up to 24, lower case from v25 (contract.go)."""
        return "requested address is out of range" if self.at_least(25) else "Requested address is out of range"

    def defaults_exhausted_text(self, family: int) -> str:
        """No default pool left: <=26 getPredefinedPool/allocatePredefinedPool's own text; v27+
        allocatePredefinedPool returns ipamapi.ErrNoMoreSubnets (address_space.go @v27.0.1)."""
        if self.at_least(27):
            return "all predefined address pools have been fully subnetted"
        return (f"could not find an available, non-overlapping IPv{family} address pool among the defaults "
                "to assign to the network")

    @cached_property
    def ipv6_bits_exact(self) -> bool:
        """v28+ (addrset): an IPv6 address's bit in its pool is its host part, as an IPv4 one's
        always is; before, host_ordinal and range_ordinals say which bit it takes."""
        return self.at_least(28)

    def host_ordinal(self, host: int, v6: bool) -> int:
        """The bit an address takes in its pool's bitmap, from its host part.
        <=v23 (ipToUint64(GetMinimalIP(hostPart)), ipam/utils.go @v20.10.24): a host part of
        the form ::ffff:a.b.c.d is shortened to its 32 bits, any other keeps its low 64 bits.
        v24-v27 (ipbits.Field(...).uint64()): the low 64 bits.  v28+ (addrset): exact."""
        if not v6 or self.ipv6_bits_exact:
            return host
        if not self.at_least(24) and host >> 32 == 0xFFFF:
            return host & 0xFFFFFFFF
        return host & (2**64 - 1)

    def range_ordinals(self, first_host: int, size: int, v6: bool) -> tuple[int, int]:
        """(start, end) bits of an ip-range whose first host part is `first_host`.
        <=v23 (getAddressRange): the ordinals of its first and last address, each through
        host_ordinal, so a range ending on ::ffff:ffff:ffff ends at bit 2**32-1.  v24-v27
        (subnetRange): start + size - 1 in uint64 (wraps for /64-sized ranges).  v28+: exact.
        The bitmap refuses end < start or end beyond it: "invalid bit range [start, end]"."""
        start = self.host_ordinal(first_host, v6)
        if not v6 or self.ipv6_bits_exact:
            return first_host, first_host + size - 1
        if not self.at_least(24):
            return start, self.host_ordinal(first_host + size - 1, v6)
        return start, (start + size - 1) % 2**64

    @cached_property
    def rotates_default_pools(self) -> bool:
        """<=v26: the default-pool search starts after the last pool handed out, even if the
        create that took it failed and released it (getPredefineds/updateStartIndex); v27+
        takes the lowest free default (allocatePredefinedPool)."""
        return not self.at_least(27)

    def mapped_subnet(self, written: ipaddress.IPv6Address, network: ipaddress.IPv6Network
                      ) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
        """The pool Docker keys an IPv4-mapped subnet (::ffff:a.b.c.d/p) by, or None for "pick
        a default pool".  Every engine files such a subnet with the IPv4 entries (getIpamConfig:
        To4() of the address as written; v29: Unmap).  <=v23 net.ParseCIDR keeps it as
        a.b.c.d/(p-96) when p >= 96 (IPNet.String/Contains drop the mapping), else the masked
        IPv6 network.  v24-v28 keep the IPv6 prefix.  v29 unmaps it to a.b.c.d/max(0, p-96),
        and an unspecified (0.0.0.0) prefix means a default pool."""
        mapped = written.ipv4_mapped
        if mapped is None:
            raise ValueError(f"{written} is not an IPv4-mapped address")
        plen = network.prefixlen - 96
        if self.at_least(29):
            v4 = ipaddress.IPv4Network((int(mapped), max(0, plen)), strict=False)
            return None if v4.network_address.is_unspecified else v4
        if self.at_least(24) or plen < 0:
            return network
        return ipaddress.IPv4Network((int(mapped), plen), strict=False)

    @cached_property
    def unspecified_subnet_is_default(self) -> bool:
        """v29: a --subnet whose address is 0.0.0.0 (0.0.0.0/24, or ::ffff:0:0/120 unmapped) asks
        for a default pool of that size, /0 for the usual size (network.go ipamAllocateVersion and
        defaultipam RequestPool, IsUnspecified @docker-v29.7.2; absent @v28.5.2).  Up to 28 it is
        a pool like any other, and 0.0.0.0/0 is then refused by macvlan/ipvlan ("ipv4 pool is
        empty": the driver takes that pool for the null IPAM's; lab, 20.10.24)."""
        return self.at_least(29)

    @cached_property
    def mapped_pool_holds_containers(self) -> bool:
        """<=23: an endpoint on an IPv4-mapped pool gets an address built from the 4-byte network
        in a 16-byte slot (generateAddress), which the macvlan/ipvlan join cannot place in any
        IPv4 subnet: `docker run` fails with "could not find a valid ipv4 subnet for endpoint"
        (lab, 20.10.24).  Later engines build addresses with netip (v24) or unmap (v29)."""
        return self.at_least(24)

    @cached_property
    def validates_endpoint_at_create(self) -> bool:
        """v25+: `docker create|run` checks --ip/--ip6 against an existing network's subnets when
        the container is created ("invalid config for network N: invalid endpoint settings:...",
        daemon/create.go validateNetworkingConfig @v25.0.0 .. docker-v29.7.2), so no container is
        made; 20.10 creates it and the start fails ("Invalid address ...", lab-20.10)."""
        return self.at_least(25)

    @cached_property
    def names_unknown_subcommand(self) -> bool:
        """v28+ CLI: `docker network delete x` prints "docker: unknown command: docker network
        delete"; up to 27 cli.NoArgs printed the whole `docker network` usage (cli/required.go
        @v27.0.1 and @v28.0.0; the usage text itself is recorded for 20.10 only)."""
        return self.at_least(28)

    @cached_property
    def has_ipv4_flag(self) -> bool:
        return self.at_least(28)

    def parent_missing_text(self, driver: str) -> str:
        # 20.10's macvlan has the typo "does was" (macvlan_setup.go:155 @v20.10.24), fixed by
        # v23; its ipvlan never had it (seen on the lab's 20.10 daemon).
        verb = "does was" if not self.at_least(23) and driver == "macvlan" else "was"
        return "-o parent interface " + verb + " not found on the host: {base}"

    @cached_property
    def config_from_text(self) -> str:
        dash = "user-specified" if self.at_least(29, 2) else "user specified"
        return f"{dash} configurations are not supported if the network depends on a configuration network"

    @cached_property
    def reserves_every_gateway(self) -> bool:
        """Up to 27 IPAM reserves a gateway address for every network (D7)."""
        return not self.at_least(28)

    @cached_property
    def no_gateway_unless_given(self) -> bool:
        """From 29 IPAM reserves a gateway only when --gateway is given (D7): containers get no
        IPv4 default route otherwise."""
        return self.at_least(29)

    def gateway_reserved(self, driver: str, mode: str, internal: bool, has_parent: bool, given: bool) -> bool:
        """Does IPAM reserve a gateway address for this network (D7)?"""
        if given or self.reserves_every_gateway:
            return True
        if self.no_gateway_unless_given:
            return False
        if driver == "ipvlan" and mode in ("l3", "l3s"):
            return False
        return not internal and has_parent

    # -- config-only / config-from, scope and IPAM driver (issue 9) -----------------------------
    @cached_property
    def applies_config_before_swarm_checks(self) -> bool:
        """v28.0.1+: NewNetwork looks up the --config-from network (and applies its IPAM and
        options) before the swarm checks and the driver's option parse; up to 28.0.0 after
        them (controller.go: configFrom block before `isSwarmNode` @v28.0.1, after @v28.0.0)."""
        return self.at_least(28, 0, 1)

    @cached_property
    def config_from_counts_any_ipv4(self) -> bool:
        """v28.0.0 only: a --config-from network starts with IPv4 off, so any --ipv4 (or the
        enable_ipv4 option) counts as a user-specified setting (daemon/network.go:313 @v28.0.0)."""
        return self.version[:3] == (28, 0, 0)

    @cached_property
    def global_scope_needs_cluster_store(self) -> bool:
        """Up to 23 libnetwork kept one store per scope and only the local one exists without a
        cluster store: any scope but local/swarm fails when the network is stored, after the
        driver made it (store.go updateToStore @v23.0.0); v24 has a single store."""
        return not self.at_least(24)

    @cached_property
    def null_ipam_gives_ipv6(self) -> bool:
        """v28+: the null IPAM driver answers an IPv6 pool request with ::/0; before it refused
        ("does not handle IPv6 address pool pool requests", ipams/null @v27.0.1)."""
        return self.at_least(28)

    @cached_property
    def flag_drops_family_option(self) -> bool:
        """v28.2+: an explicit --ipv4/--ipv6 deletes a com.docker.network.enable_ipv4/6 -o option
        before libnetwork sees the options (daemon/network.go createNetwork @v28.2.0)."""
        return self.at_least(28, 2)
