"""`macplan.capacity(plan)`: containers per network and subnet, MAC addresses per parent, VLAN, port."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Plan
from .rules import check

__all__ = ["Capacity", "capacity"]


@dataclass
class Capacity:
    engine: str
    networks: list = field(default_factory=list)     # NetworkCapacity, accepted networks only
    parents: list = field(default_factory=list)
    vlans: list = field(default_factory=list)
    ports: list = field(default_factory=list)
    report: object = None

    def network(self, name: str, host=None):
        return next(n for n in self.networks if n.name == name and (host is None or n.host == host))

    def to_dict(self) -> dict:
        return {"engine": self.engine,
                "networks": [n.to_dict() for n in self.networks],
                "parents": [p.to_dict() for p in self.parents],
                "vlans": [v.to_dict() for v in self.vlans],
                "ports": list(self.ports)}


def capacity(plan: Plan, engine=None, report=None) -> Capacity:
    """Capacity of every network Docker would create (refused ones hold nothing).
    Pass the `report` of `check(plan, engine)` to reuse its simulation."""
    report = report if report is not None else check(plan, engine)
    nets = [r.capacity for r in report.networks if r.capacity is not None]
    return Capacity(report.engine, nets, report.parents, report.vlans, report.ports, report)
