"""Exports for the tools people already run: docker compose `networks:` and Kubernetes Multus.

Compose: a full definition for every local network (driver, driver_opts, ipam config with
ip_range, gateway, aux_addresses), and `external: true` for networks compose cannot create
(swarm `--config-from` networks: compose has no config_only/config_from keys). Config-only
networks are left out: macplan's commands create them. `compose_networks_from_yaml` reads the
result back into Networks, so an export is checked by parsing it.

Multus: a NetworkAttachmentDefinition whose `spec.config` is the JSON of a macvlan or ipvlan
CNI config with whereabouts IPAM: the subnet as `range`, the ip-range as `range_start` /
`range_end`, the gateway, aux-addresses and DHCP scopes in `exclude`, and optionally
`node_slice_size` so whereabouts gives every node its own slice (it decides which node gets
which; macplan sizes them).
"""
from __future__ import annotations

import ipaddress
import json
from typing import TYPE_CHECKING, Optional, TypedDict, Union

import yaml

from macplan.docker.cli import ipam_groups
from macplan.errors import ExportError
from macplan.model import LAN_DRIVERS, Network, Plan

if TYPE_CHECKING:
    from typing import Unpack

_Address = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]
_Net = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]
#: one IPAM pool as compose writes it (subnet, ip_range, gateway, aux_addresses)
ComposePool = dict[str, Union[str, dict[str, str]]]


class ComposeIpam(TypedDict, total=False):
    driver: str
    config: list[ComposePool]
    options: dict[str, str]


class ComposeNetwork(TypedDict, total=False):
    """One entry of a compose file's top-level `networks:` as `compose_networks` writes it."""
    name: str
    external: bool
    driver: str
    driver_opts: dict[str, str]
    ipam: ComposeIpam
    enable_ipv6: bool
    enable_ipv4: bool
    internal: bool
    attachable: bool
    labels: dict[str, str]


class ComposeNetworks(TypedDict):
    networks: dict[str, ComposeNetwork]


class WhereaboutsRange(TypedDict, total=False):
    range: str
    range_start: str
    range_end: str
    exclude: list[str]


class WhereaboutsIpam(WhereaboutsRange, total=False):
    type: str
    ipRanges: list[WhereaboutsRange]
    gateway: str
    node_slice_size: str


class _CniConfigBase(TypedDict):
    cniVersion: str
    name: str
    type: str


class CniConfig(_CniConfigBase, total=False):
    """A macvlan or ipvlan CNI network configuration with whereabouts IPAM (`cni_config`)."""
    master: str
    mode: str
    ipam: WhereaboutsIpam


class _Metadata(TypedDict):
    name: str
    namespace: str


class _Spec(TypedDict):
    config: str


class NetworkAttachmentDefinition(TypedDict):
    apiVersion: str
    kind: str
    metadata: _Metadata
    spec: _Spec


class MultusOptions(TypedDict, total=False):
    """The keyword arguments of `multus` that `multus_yaml` passes on."""
    namespace: str
    node_slices: Union[bool, str]
    cni_version: str

__all__ = ["ExportError", "COMPOSE_NETWORK_KEYS", "COMPOSE_IPAM_KEYS", "COMPOSE_POOL_KEYS",
           "compose_networks", "compose_yaml", "compose_networks_from_yaml", "cni_config", "multus", "multus_yaml",
           "MACVLAN_CNI_KEYS", "IPVLAN_CNI_KEYS", "WHEREABOUTS_KEYS"]

#: top-level network keys of the compose specification (06-networks.md)
COMPOSE_NETWORK_KEYS = ("driver", "driver_opts", "attachable", "enable_ipv4", "enable_ipv6", "external",
                        "internal", "ipam", "labels", "name")
COMPOSE_IPAM_KEYS = ("driver", "config", "options")
COMPOSE_POOL_KEYS = ("subnet", "ip_range", "gateway", "aux_addresses")
#: documented keys of the CNI plugins' network configuration (cni.dev, plugins/main/*)
MACVLAN_CNI_KEYS = ("cniVersion", "name", "type", "master", "mode", "mtu", "linkInContainer", "ipam")
IPVLAN_CNI_KEYS = ("cniVersion", "name", "type", "master", "mode", "mtu", "linkInContainer", "ipam")
MACVLAN_MODES = ("bridge", "private", "vepa", "passthru")
IPVLAN_MODES = ("l2", "l3", "l3s")
#: whereabouts IPAM keys (README, doc/extended-configuration.md)
WHEREABOUTS_KEYS = ("type", "range", "range_start", "range_end", "exclude", "gateway", "ipRanges",
                    "node_slice_size", "network_name", "enable_overlapping_ranges", "log_file", "log_level",
                    "configuration_path", "kubernetes", "datastore", "leader_lease_duration",
                    "leader_renew_deadline", "leader_retry_period", "routes")


def _host_networks(plan: Plan, host: Optional[str]) -> tuple[str, list[Network]]:
    hosts = list(dict.fromkeys(n.host for n in plan.networks))
    if host is None:
        if len(hosts) > 1:
            raise ExportError(f"plan {plan.name} has networks on {', '.join(hosts)}: say which host")
        host = hosts[0] if hosts else "host"
    return host, [n for n in plan.networks if n.host == host]


# ---- compose ------------------------------------------------------------------------------

def _compose_network(n: Network) -> ComposeNetwork:
    if n.config_from is not None or n.scope == "swarm":
        return {"external": True, "name": n.name}
    out: ComposeNetwork = {"name": n.name, "driver": n.driver}
    if n.options:
        out["driver_opts"] = dict(n.options)
    groups = ipam_groups(n)
    if groups is None and (n.subnets or n.ip_ranges or n.gateways or n.aux):
        raise ExportError(f"{n.name}: Docker's CLI would refuse these IPAM flags; fix them before exporting")
    ipam: ComposeIpam = {}
    if n.ipam_driver:
        ipam["driver"] = n.ipam_driver
    if groups:
        ipam["config"] = [g.to_dict(aux="aux_addresses") for g in groups]
    if n.ipam_options:
        ipam["options"] = dict(n.ipam_options)
    if ipam:
        out["ipam"] = ipam
    if n.ipv6 is not None:
        out["enable_ipv6"] = n.ipv6
    if n.ipv4 is False:
        out["enable_ipv4"] = False
    if n.internal:
        out["internal"] = True
    if n.attachable:
        out["attachable"] = True
    if n.labels:
        out["labels"] = dict(n.labels)
    return out


def compose_networks(plan: Plan, host: Optional[str] = None) -> ComposeNetworks:
    """`{"networks": {...}}` for one host's compose file; config-only networks are left out
    (create them with `macplan commands`), swarm networks are `external: true`."""
    _, nets = _host_networks(plan, host)
    return {"networks": {n.name: _compose_network(n) for n in nets if not n.config_only}}


def compose_yaml(plan: Plan, host: Optional[str] = None) -> str:
    """The compose `networks:` block as YAML, checked by reading it back before it is returned."""
    doc = compose_networks(plan, host)
    text = str(yaml.safe_dump(doc, sort_keys=False, default_flow_style=False))
    back = compose_networks_from_yaml(text, host or "host")
    _, nets = _host_networks(plan, host)
    want = {n.name: n for n in nets if not n.config_only}
    for got in back:
        if got.config_from is None and got.scope != "swarm" and not _same(got, want[got.name]):
            raise ExportError(f"{got.name}: the compose export does not read back to the same network")
    return text


def _same(a: Network, b: Network) -> bool:
    keys = ("driver", "options", "ipv6", "internal", "attachable", "labels", "ipam_driver", "ipam_options")
    if any(getattr(a, k) != getattr(b, k) for k in keys) or (a.ipv4 is False) != (b.ipv4 is False):
        return False
    return (ipam_groups(a) or ()) == (ipam_groups(b) or ())


def compose_networks_from_yaml(text: str, host: str = "host") -> list[Network]:
    """Networks from a compose file's `networks:` (only the keys the compose spec defines);
    external networks come back as swarm-scoped placeholders. Raises ExportError."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ExportError(f"not YAML: {e}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("networks"), dict):
        raise ExportError("a compose file with a top-level networks: mapping was expected")
    out: list[Network] = []
    for key, spec in doc["networks"].items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise ExportError(f"networks.{key}: must be a mapping")
        unknown = set(spec) - set(COMPOSE_NETWORK_KEYS)
        if unknown:
            raise ExportError(f"networks.{key}: unknown key {sorted(unknown)[0]!r}")
        name = spec.get("name", key)
        if spec.get("external"):
            if set(spec) - {"external", "name"}:
                raise ExportError(f"networks.{key}: an external network takes only name")
            out.append(Network(name, driver="macvlan", host=host, scope="swarm", config_from="?"))
            continue
        ipam = spec.get("ipam") or {}
        if set(ipam) - set(COMPOSE_IPAM_KEYS):
            raise ExportError(f"networks.{key}.ipam: unknown key {sorted(set(ipam) - set(COMPOSE_IPAM_KEYS))[0]!r}")
        subnets: list[str] = []
        ranges: list[str] = []
        gateways: list[str] = []
        aux: list[tuple[str, str]] = []
        for pool in ipam.get("config") or []:
            if set(pool) - set(COMPOSE_POOL_KEYS):
                raise ExportError(f"networks.{key}.ipam.config: unknown key "
                                  f"{sorted(set(pool) - set(COMPOSE_POOL_KEYS))[0]!r}")
            subnets.append(str(pool["subnet"]))
            if pool.get("ip_range"):
                ranges.append(str(pool["ip_range"]))
            if pool.get("gateway"):
                gateways.append(str(pool["gateway"]))
            aux += [(str(k), str(v)) for k, v in (pool.get("aux_addresses") or {}).items()]
        for flag in ("enable_ipv6", "enable_ipv4", "internal", "attachable", "external"):
            if flag in spec and not isinstance(spec[flag], bool):
                raise ExportError(f"networks.{key}.{flag}: must be true or false")
        out.append(Network(
            name, driver=spec.get("driver", "bridge"), host=host,
            options=tuple((str(k), str(v)) for k, v in (spec.get("driver_opts") or {}).items()),
            subnets=tuple(subnets), ip_ranges=tuple(ranges), gateways=tuple(gateways), aux=tuple(aux),
            ipv6=spec.get("enable_ipv6"), ipv4=spec.get("enable_ipv4"),
            internal=bool(spec.get("internal")), attachable=bool(spec.get("attachable")),
            labels=tuple((str(k), str(v)) for k, v in (spec.get("labels") or {}).items()),
            ipam_driver=ipam.get("driver"),
            ipam_options=tuple((str(k), str(v)) for k, v in (ipam.get("options") or {}).items())))
    return out


# ---- Multus -------------------------------------------------------------------------------

def _cidrs(first: _Address, last: _Address) -> list[str]:
    if isinstance(first, ipaddress.IPv4Address) and isinstance(last, ipaddress.IPv4Address):
        return [str(c) for c in ipaddress.summarize_address_range(first, last)]
    if isinstance(first, ipaddress.IPv6Address) and isinstance(last, ipaddress.IPv6Address):
        return [str(c) for c in ipaddress.summarize_address_range(first, last)]
    raise TypeError(f"{first} and {last} are not of the same version")


def _excludes(plan: Plan, n: Network, subnet: _Net) -> list[str]:
    out: list[str] = []
    addrs: list[str] = []
    for g in ipam_groups(n) or ():
        if ipaddress.ip_network(g.subnet, strict=False) != subnet:
            continue
        if g.gateway:
            addrs.append(g.gateway)
        addrs += [a for _, a in g.aux]
    for a in addrs:
        x = ipaddress.ip_address(a)
        c = f"{x}/{x.max_prefixlen}"
        if c not in out:
            out.append(c)
    for d in plan.dhcp:
        try:
            f, l = ipaddress.ip_address(d.first), ipaddress.ip_address(d.last)
        except ValueError:
            continue
        if f.version != subnet.version:
            continue
        # as integers, as partition.split reserves a scope: a last address of the other family
        # (the YAML reader lets one through) compares by value instead of raising TypeError
        lo = max(int(f), int(subnet.network_address))
        hi = min(int(l), int(subnet.broadcast_address))
        if lo <= hi:
            ends = (ipaddress.IPv4Address(lo), ipaddress.IPv4Address(hi)) if subnet.version == 4 \
                else (ipaddress.IPv6Address(lo), ipaddress.IPv6Address(hi))
            out += [c for c in _cidrs(*ends) if c not in out]
    return out


def cni_config(plan: Plan, name: str, host: Optional[str] = None, *, node_slices: Union[bool, str] = False,
               cni_version: str = "0.3.1", network_name: Optional[str] = None) -> CniConfig:
    """The CNI network configuration (a dict; json.dumps it) for plan network `name`.

    `node_slices`: True sizes whereabouts' per-node slices like the plan's ip-ranges (one
    host's range), a string like "/26" says the size; False uses the plan's ip-range as the
    range_start/range_end of the one cluster-wide pool."""
    copies = [n for n in plan.networks if n.name == name and (host is None or n.host == host)]
    if not copies:
        raise ExportError(f"no network {name} in plan {plan.name}")
    n = copies[0]
    if n.config_only or n.config_from:
        src = next((m for m in plan.networks if m.name == (n.config_from or name) and m.config_only), n)
        driver = next((m.driver for m in plan.networks if m.config_from == src.name), n.driver)
        n = src.with_(driver=driver)
    if n.driver not in LAN_DRIVERS:
        raise ExportError(f"{name}: only macvlan and ipvlan have a CNI plugin of that name")
    groups = ipam_groups(n)
    if not groups:
        raise ExportError(f"{name}: whereabouts needs a subnet")
    conf: CniConfig = {"cniVersion": cni_version, "name": network_name or name, "type": n.driver}
    if n.parent:
        conf["master"] = n.parent
    mode = n.mode or ("bridge" if n.driver == "macvlan" else "l2")
    if mode not in (MACVLAN_MODES if n.driver == "macvlan" else IPVLAN_MODES):
        raise ExportError(f"{name}: the {n.driver} CNI plugin has no mode {mode!r}")
    conf["mode"] = mode
    slice_size = None
    if node_slices is True:
        sizes = [ipaddress.ip_network(r, strict=False).prefixlen for m in copies + [
            x for x in plan.networks if x.name == n.name and x.config_only] for r in m.ip_ranges]
        if not sizes:
            raise ExportError(f"{name}: node_slices=True needs the plan's per-host ip-ranges (split it first)")
        slice_size = f"/{min(sizes)}"
    elif node_slices:
        slice_size = str(node_slices)
    pools: list[WhereaboutsRange] = []
    for g in groups:
        subnet = ipaddress.ip_network(g.subnet, strict=False)
        pool: WhereaboutsRange = {"range": str(subnet)}
        if g.ip_range and not slice_size:
            rng = ipaddress.ip_network(g.ip_range, strict=False)
            first, last = rng.network_address, rng.broadcast_address
            if subnet.version == 4 and subnet.prefixlen < 31:    # never the subnet's own two
                first = max(first, subnet.network_address + 1)
                last = min(last, subnet.broadcast_address - 1)
            pool["range_start"] = str(first)
            pool["range_end"] = str(last)
        excl = _excludes(plan, n, subnet)
        if excl:
            pool["exclude"] = excl
        pools.append(pool)
    ipam: WhereaboutsIpam = {"type": "whereabouts"}
    if len(pools) == 1:    # the one pool's keys inline, in its order
        one = pools[0]
        if "range" in one:
            ipam["range"] = one["range"]
        if "range_start" in one:
            ipam["range_start"] = one["range_start"]
        if "range_end" in one:
            ipam["range_end"] = one["range_end"]
        if "exclude" in one:
            ipam["exclude"] = one["exclude"]
    else:
        ipam["ipRanges"] = pools
    gw = next((g.gateway for g in groups if g.gateway), None)
    if gw:
        ipam["gateway"] = gw
    if slice_size:
        ipam["node_slice_size"] = slice_size
    conf["ipam"] = ipam
    return conf


def multus(plan: Plan, name: str, host: Optional[str] = None, *, namespace: str = "default",
           node_slices: Union[bool, str] = False, cni_version: str = "0.3.1") -> NetworkAttachmentDefinition:
    """A k8s.cni.cncf.io/v1 NetworkAttachmentDefinition for network `name`."""
    conf = cni_config(plan, name, host, node_slices=node_slices, cni_version=cni_version)
    return {"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition",
            "metadata": {"name": name, "namespace": namespace},
            "spec": {"config": json.dumps(conf, indent=2)}}


class _Literal(str):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Literal, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|"))


def multus_yaml(plan: Plan, name: str, host: Optional[str] = None, **kwargs: Unpack[MultusOptions]) -> str:
    """The NetworkAttachmentDefinition as YAML, its config a block of JSON; checked by parsing
    both back before it is returned."""
    doc = multus(plan, name, host, **kwargs)
    doc["spec"]["config"] = _Literal(doc["spec"]["config"] + "\n")
    text = str(yaml.dump(doc, Dumper=_Dumper, sort_keys=False, default_flow_style=False))
    back = yaml.safe_load(text)
    if json.loads(back["spec"]["config"]) != cni_config(plan, name, host, node_slices=kwargs.get("node_slices", False),
                                                         cni_version=kwargs.get("cni_version", "0.3.1")):
        raise ExportError(f"{name}: the NetworkAttachmentDefinition does not read back")
    return text
