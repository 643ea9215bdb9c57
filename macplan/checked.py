"""A plan and its check report kept current one edited network at a time (`Checked`): the
networks an edit can affect are re-simulated, the rest reused. The planner's engine room."""
from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Optional

import macplan
from macplan.model import LAN_DRIVERS, Network, Plan

if TYPE_CHECKING:
    from macplan.report import Capacity, Report

_Subnet = tuple[int, int, int]          # (family, first address, last address) as integers
#: (local, parent, parsed subnets): what `_net_info` says of one network
_NetInfo = tuple[bool, Optional[str], tuple[_Subnet, ...]]
#: (name, index, parent, parsed subnets): one network of a host as `_related` compares them
_Item = tuple[str, int, Optional[str], tuple[_Subnet, ...]]


def _net_info(net: Network) -> _NetInfo:
    """(local, parent, parsed subnets) of a network, for deciding what it can affect.

    The simulated daemon links networks through the exact parent string (parent-in-use, the
    mixed-drivers hint) and through overlapping pools; a VLAN sub-interface is created from the
    host's static interface list, so eth0.10 and eth0.20 do not interact."""
    local = (net.driver in LAN_DRIVERS and not net.config_only and net.config_from is None
             and net.scope in (None, "", "local") and net.ipam_driver in (None, "", "default")
             and bool(net.subnets) and bool(net.parent))
    spans: list[_Subnet] = []
    for s in net.subnets:
        try:
            sub = ipaddress.ip_network(s, strict=False)
        except ValueError:
            local = False
            continue
        # (family, first, last) as integers: comparing them is what overlaps() does, for less
        spans.append((sub.version, int(sub.network_address), int(sub.broadcast_address)))
    return local, net.parent, tuple(spans)


def _related(a: _Item, b: _Item) -> bool:
    """Can two networks on one host change each other's outcome (parent, pools, name)?"""
    (na, _, parent_a, sub_a), (nb, _, parent_b, sub_b) = a, b
    if na == nb or (parent_a and parent_a == parent_b):
        return True
    return any(x[0] == y[0] and x[1] <= y[2] and y[1] <= x[2] for x in sub_a for y in sub_b)


class Checked:
    """A plan with its check report, kept current one edited network at a time.

    Docker creates networks per host in order; a network's outcome depends only on earlier and
    later networks of its host that share its name, its parent interface or an overlapping pool. ``replace`` re-simulates that closure only and splices the
    results in; the plan-wide parts (shared ranges across hosts, MAC counts) are recomputed
    over all results, which is cheap. Plans with networks it cannot reason about locally
    (no subnet, no parent, config-only/-from, swarm, IPAM plugins) get a full check.
    """

    #: a closure larger than this is checked in full (no gain in being clever)
    MAX_LOCAL = 200

    def __init__(self, plan: Plan, engine: Optional[str] = None):
        self.engine = engine
        self._info: dict[int, tuple[Network, _NetInfo]] = {}
        self.last = "full"
        self.full(plan)

    def full(self, plan: Plan) -> None:
        self.plan = plan
        self.report: Report = macplan.check(plan, engine=self.engine)
        self.last = "full"

    def info(self, net: Network) -> _NetInfo:
        got = self._info.get(id(net))
        if got is None or got[0] is not net:
            got = self._info[id(net)] = (net, _net_info(net))
        return got[1]

    def set_engine(self, engine: Optional[str]) -> None:
        self.engine = engine
        self.full(self.plan)

    def replace(self, index: int, new: Network) -> None:
        """The plan with network ``index`` replaced by ``new``, re-checked."""
        plan = self.plan
        nets = list(plan.networks)
        old = nets[index]
        nets[index] = new
        plan2 = plan.with_(networks=tuple(nets))
        try:
            if self._incremental(plan2, index, old, new):
                self.last = "incremental"
                return
        except Exception:  # the clever path must never cost correctness: fall back
            pass
        self.full(plan2)

    def _incremental(self, plan2: Plan, index: int, old: Network, new: Network) -> bool:
        from macplan.report import recheck

        if old.host != new.host:
            return False
        host = new.host
        nets = plan2.networks
        on_host: list[_Item] = []
        for j, n in enumerate(nets):
            if n.host != host:
                continue
            local, base, subs = self.info(n)
            if not local:
                return False
            on_host.append((n.name, j, base, subs))
        lo, lbase, lsubs = self.info(old)
        if not lo:
            return False
        seeds: list[_Item] = [(old.name, index, lbase, lsubs)] + [x for x in on_host if x[1] == index]
        closure = {index}
        queue = list(seeds)
        while queue:
            cur = queue.pop()
            for item in on_host:
                if item[1] not in closure and _related(cur, item):
                    closure.add(item[1])
                    queue.append(item)
                    if len(closure) > self.MAX_LOCAL:
                        return False
        self.report = recheck(self.report, plan2, closure)
        self.plan = plan2
        return True

    @property
    def capacity(self) -> Capacity:
        return macplan.capacity(self.plan, engine=self.engine, report=self.report)
