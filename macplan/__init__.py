"""macplan: plan Docker macvlan and ipvlan networks before they touch a host.

    plan = macplan.load("examples/seed.sh", interfaces=["eth0"])
    report = macplan.check(plan, engine="20.10")
    macplan.capacity(plan).to_dict()
"""
from __future__ import annotations

from .model import Dhcp, Host, Interface, IpamGroup, Network, Plan, PlanError
from .parse import load, load_yaml_text, parse_script
from .rules import Finding, Report, check, simulate
from .rules.profile import LINES, Profile, UnknownEngine
from .macs import predict_mac
from .summary import Capacity, capacity
from . import emit

__all__ = ["load", "load_yaml_text", "parse_script", "check", "simulate", "capacity", "predict_mac", "emit",
           "Plan", "Host", "Interface", "Network", "IpamGroup", "Dhcp", "Finding", "Report", "Capacity",
           "Profile", "LINES", "PlanError", "UnknownEngine", "__version__"]
__version__ = "0.1.0"
