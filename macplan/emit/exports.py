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
from typing import Optional, Union

import yaml

from macplan.docker.cli import ipam_groups
from macplan.errors import ExportError
from macplan.model import LAN_DRIVERS, Network, Plan

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

def _compose_network(n: Network) -> dict:
    if n.config_from is not None or n.scope == "swarm":
        return {"external": True, "name": n.name}
    out: dict = {"name": n.name, "driver": n.driver}
    if n.options:
        out["driver_opts"] = dict(n.options)
    groups = ipam_groups(n)
    if groups is None and (n.subnets or n.ip_ranges or n.gateways or n.aux):
        raise ExportError(f"{n.name}: Docker's CLI would refuse these IPAM flags; fix them before exporting")
    ipam: dict = {}
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
    for key in ("internal", "attachable"):
        if getattr(n, key):
            out[key] = True
    if n.labels:
        out["labels"] = dict(n.labels)
    return out


def compose_networks(plan: Plan, host: Optional[str] = None) -> dict:
    """`{"networks": {...}}` for one host's compose file; config-only networks are left out
    (create them with `macplan commands`), swarm networks are `external: true`."""
    _, nets = _host_networks(plan, host)
    return {"networks": {n.name: _compose_network(n) for n in nets if not n.config_only}}


def compose_yaml(plan: Plan, host: Optional[str] = None) -> str:
    """The compose `networks:` block as YAML, checked by reading it back before it is returned."""
    doc = compose_networks(plan, host)
    text = yaml.safe_dump(doc, sort_keys=False, default_flow_style=False)
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
    out = []
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
        subnets, ranges, gateways, aux = [], [], [], []
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

def _cidrs(first, last) -> list[str]:
    return [str(c) for c in ipaddress.summarize_address_range(first, last)]


def _excludes(plan: Plan, n: Network, subnet) -> list[str]:
    out: list[str] = []
    addrs = []
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
        lo = max(f, subnet.network_address)
        hi = min(l, subnet.broadcast_address)
        if lo <= hi:
            out += [c for c in _cidrs(lo, hi) if c not in out]
    return out


def cni_config(plan: Plan, name: str, host: Optional[str] = None, *, node_slices: Union[bool, str] = False,
               cni_version: str = "0.3.1", network_name: Optional[str] = None) -> dict:
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
    conf: dict = {"cniVersion": cni_version, "name": network_name or name, "type": n.driver}
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
    pools = []
    for g in groups:
        subnet = ipaddress.ip_network(g.subnet, strict=False)
        pool: dict = {"range": str(subnet)}
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
    ipam: dict = {"type": "whereabouts"}
    if len(pools) == 1:
        ipam.update(pools[0])
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
           node_slices: Union[bool, str] = False, cni_version: str = "0.3.1") -> dict:
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


def multus_yaml(plan: Plan, name: str, host: Optional[str] = None, **kwargs) -> str:
    """The NetworkAttachmentDefinition as YAML, its config a block of JSON; checked by parsing
    both back before it is returned."""
    doc = multus(plan, name, host, **kwargs)
    doc["spec"]["config"] = _Literal(doc["spec"]["config"] + "\n")
    text = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, default_flow_style=False)
    back = yaml.safe_load(text)
    if json.loads(back["spec"]["config"]) != cni_config(plan, name, host, node_slices=kwargs.get("node_slices", False),
                                                         cni_version=kwargs.get("cni_version", "0.3.1")):
        raise ExportError(f"{name}: the NetworkAttachmentDefinition does not read back")
    return text
