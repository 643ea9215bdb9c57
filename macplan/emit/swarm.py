"""Docker Swarm with macvlan/ipvlan: a `--config-only` network per node, one swarm network.

A swarm-scoped macvlan network keeps neither `-o parent` nor its subnets (moby-rules S5); the
way that works is a config-only network on **every node**, under the **same name**, holding
that node's parent and its own ip-range of the shared subnet, and once, on a manager, the
network created `--scope swarm --config-from` it (S1-S3). Each node then allocates from its
own range: ranges must not overlap, or tasks on two nodes get the same IP (S6, moby#49921).

    plan = swarm.swarm_plan("lan", "10.50.0.0/24", gateway="10.50.0.1",
                            nodes={"node1": "eth0", "node2": "eth0", "node3": "eth1"}, manager="node1")
    print(swarm.commands(plan))
    swarm.payloads(plan)      # [(node, POST /networks/create body), ...] in order
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Optional, Protocol, Sequence, TypedDict, Union

from macplan.errors import SwarmError
from macplan.model import LAN_DRIVERS, Dhcp, Host, Interface, Network, Plan
from macplan.partition import Partition, SplitSpec, split, split_plan

if TYPE_CHECKING:
    from typing import Unpack

    from macplan.emit import ApiPayload

#: a DHCP scope: a `model.Dhcp`, or (first, last) numbered dhcp1, dhcp2, ...
DhcpScope = Union[Dhcp, tuple[str, str]]


class ApplyOptions(TypedDict, total=False):
    """The keyword arguments `apply` passes on to each node's `Engine.apply`."""
    disconnect: Iterable[str]
    rollback: bool
    check: bool
    adopt: Iterable[str]
    origin: Optional[str]


class Applied(Protocol):
    """What `apply` reads of a node's result (macplan.engine.client.ApplyResult)."""
    @property
    def ok(self) -> bool: ...


class NodeEngine(Protocol):
    """One node's engine as `apply` uses it (macplan.engine.client.Engine)."""
    def apply(self, plan: Plan, host: Optional[str] = ..., *, disconnect: Iterable[str] = ...,
              rollback: bool = ..., check: bool = ..., adopt: Iterable[str] = ...,
              origin: Optional[str] = ...) -> Applied: ...

__all__ = ["SwarmError", "config_name", "swarm_plan", "to_swarm", "commands", "payloads", "order", "apply"]


def config_name(name: str) -> str:
    """The config-only network's name: the same on every node, as --config-from looks it up by name."""
    return f"{name}-config"


def _options(parent: str, driver: str, mode: Optional[str]) -> tuple[tuple[str, str], ...]:
    opts = [("parent", parent)]
    if mode:
        opts.append(("ipvlan_mode" if driver == "ipvlan" else "macvlan_mode", mode))
    return tuple(opts)


def swarm_plan(name: str, subnet: str, *, nodes: Union[Mapping[str, str], Sequence[str]], manager: str,
               gateway: Optional[str] = None, parent: str = "eth0", driver: str = "macvlan",
               mode: Optional[str] = None, attachable: bool = True, aux: Optional[Mapping[str, str]] = None,
               dhcp: Iterable[DhcpScope] = (), spec: Optional[SplitSpec] = None, partition: Optional[Partition] = None,
               plan_name: Optional[str] = None, engine: Optional[str] = None) -> Plan:
    """A plan for one swarm macvlan (or ipvlan) network over `nodes` ({node: parent}, or names
    that all use `parent`): the subnet is split among the nodes (or `partition` is used)."""
    parents = dict(nodes) if isinstance(nodes, Mapping) else {n: parent for n in nodes}
    if manager not in parents:
        raise SwarmError(f"manager {manager} is not one of the nodes ({', '.join(parents)})")
    if driver not in LAN_DRIVERS:
        raise SwarmError(f"driver {driver}: swarm config-only networks here are for macvlan or ipvlan")
    if partition is None:
        spec = spec or SplitSpec()
        partition = split(subnet, list(parents), gateway=gateway, aux=aux or {}, dhcp=dhcp, **spec.kwargs())
    missing = [n for n in parents if n not in partition.hosts]
    if missing:
        raise SwarmError(f"the partition has no slice for {', '.join(missing)}")
    cfg = config_name(name)
    hosts, nets = [], []
    for node, par in parents.items():
        hosts.append(Host(node, (Interface(par.split(".")[0]),) if "." in par else (Interface(par),),
                          swarm="manager" if node == manager else "worker"))
        nets.append(Network(cfg, driver=driver, host=node, options=_options(par, driver, mode),
                            subnets=(partition.subnet,), ip_ranges=(partition.slice(node).ip_range,),
                            gateways=(gateway,) if gateway else (), aux=tuple((aux or {}).items()),
                            config_only=True))
    nets.append(Network(name, driver=driver, host=manager, scope="swarm", config_from=cfg, attachable=attachable))
    return Plan(name=plan_name or name, hosts=tuple(hosts), networks=tuple(nets), dhcp=tuple(_dhcp(dhcp)),
                engine=engine)


def _dhcp(dhcp: Iterable[DhcpScope]) -> Iterator[Dhcp]:
    for n, d in enumerate(dhcp):
        yield d if isinstance(d, Dhcp) else Dhcp(d[0], d[1], f"dhcp{n + 1}")


def to_swarm(plan: Plan, name: str, manager: str, spec: Optional[SplitSpec] = None,
             attachable: bool = True) -> Plan:
    """A plan whose network `name` is created on several hosts, turned into its swarm form:
    the subnet split among those hosts, a config-only network `<name>-config` per host with
    its parent and slice, and the swarm network on `manager`. Other networks are kept."""
    copies = [n for n in plan.networks if n.name == name]
    if not copies:
        raise SwarmError(f"no network {name} in plan {plan.name}")
    if manager not in {n.host for n in copies}:
        raise SwarmError(f"manager {manager} has no copy of {name}")
    sliced, _ = split_plan(plan, name, spec)
    cfg = config_name(name)
    nets = []
    for n in sliced.networks:
        if n.name != name:
            nets.append(n)
            continue
        nets.append(n.with_(name=cfg, config_only=True, internal=False, attachable=False, scope=None,
                            containers=None, labels=()))
    first = copies[0]
    nets.append(Network(name, driver=first.driver, host=manager, scope="swarm", config_from=cfg,
                        attachable=attachable, containers=sum(n.containers or 0 for n in copies) or None))
    roles = {n.host for n in copies}
    hosts = tuple(h.__class__(h.name, h.interfaces, h.kernel_lacks, h.interfaces_known,
                              "manager" if h.name == manager else ("worker" if h.name in roles else h.swarm))
                  for h in plan.hosts)
    return plan.with_(hosts=hosts, networks=tuple(nets))


def order(plan: Plan) -> list[Network]:
    """Creation order: every node's config-only networks, then the networks created from them."""
    return [n for n in plan.networks if n.config_only] + [n for n in plan.networks if not n.config_only]


def commands(plan: Plan) -> str:
    """Per node the config-only command, then once, on the manager, the swarm network."""
    from macplan.emit import _shell, create_argv
    from macplan.quoting import visible
    lines = []
    host = None
    for n in order(plan):
        if n.config_only:
            if n.host != host:
                lines.append(f"# on node {visible(n.host)}")
                host = n.host
        else:
            lines.append(f"# once, on manager {visible(n.host)}" if n.scope == "swarm"
                         else f"# on node {visible(n.host)}")
            host = None
        lines.append(_shell(create_argv(n)))
    return "\n".join(lines) + ("\n" if lines else "")


def payloads(plan: Plan) -> list[tuple[str, ApiPayload]]:
    """(node, POST /networks/create body) in creation order; docker-py lacks ConfigOnly and
    ConfigFrom, so these are posted raw (see `engine.DockerTransport.create_network`)."""
    from macplan.emit import api_payload
    out: list[tuple[str, ApiPayload]] = []
    for n in order(plan):
        body = api_payload(n)
        body.pop("CheckDuplicate", None)
        out.append((n.host, body))
    return out


def apply(plan: Plan, engines: Mapping[str, NodeEngine], nodes: Optional[Sequence[str]] = None,
          **kwargs: Unpack[ApplyOptions]) -> dict[str, Applied]:
    """Apply a swarm plan through one `macplan.engine.client.Engine` per node: every worker first (their
    config-only networks), the manager last (its config-only network, then the swarm network).
    `nodes` limits the run to some nodes (default: every node with networks in the plan).
    Returns {node: ApplyResult}; stops at the first node that fails."""
    planned = [h.name for h in plan.hosts if any(n.host == h.name for n in plan.networks)]
    nodes = planned if nodes is None else [n for n in planned if n in set(nodes)]
    missing = [n for n in nodes if n not in engines]
    if missing:
        raise SwarmError(f"no engine for node {', '.join(missing)}")
    managers = [h.name for h in plan.hosts if h.swarm == "manager" and h.name in nodes]
    results: dict[str, Applied] = {}
    for node in [n for n in nodes if n not in managers] + managers:
        res = engines[node].apply(plan, node, **kwargs)
        results[node] = res
        if not res.ok:
            break
    return results
