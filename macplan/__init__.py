"""macplan: plan Docker macvlan and ipvlan networks before they touch a host.

    plan = macplan.load("examples/seed.sh", interfaces=["eth0"])
    report = macplan.check(plan, engine="20.10")
    macplan.capacity(plan).to_dict()
"""
from __future__ import annotations

from macplan import emit
from macplan.errors import PlanError, UnknownEngine
from macplan.macs import predict_mac
from macplan.model import Dhcp, Host, Interface, IpamGroup, Network, Plan
from macplan.profile import LINES, Profile
from macplan.read.file import load
from macplan.read.plan import load_yaml_text
from macplan.read.script import parse_script
from macplan.report import Capacity, Report, capacity, check, simulate
from macplan.rules import Finding

__all__ = ["load", "load_yaml_text", "parse_script", "check", "simulate", "capacity", "predict_mac", "emit",
           "Plan", "Host", "Interface", "Network", "IpamGroup", "Dhcp", "Finding", "Report", "Capacity",
           "Profile", "LINES", "PlanError", "UnknownEngine", "__version__"]
__version__ = "0.1.0"
