"""macplan: plan Docker macvlan and ipvlan networks before they touch a host.

    plan = macplan.load("examples/seed.sh", interfaces=["eth0"])
    report = macplan.check(plan, engine="20.10")
    macplan.capacity(plan).to_dict()
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# The rule modules register themselves when imported, and the report imports them all: with it
# imported here, macplan.rules.RULES is the whole catalog whatever a program imports first.
from macplan import report as _report  # noqa: E402,F401  (isort: after __version__, for the comment)

# The other names are imported when first used (PEP 562), not when `macplan` is: the command
# line imports `macplan.cli`, and a script's `check` should not pay for YAML, compose and the
# emitters it never touches (a third of a cold start).
_HOME = {
    "emit": None,
    "PlanError": "errors", "UnknownEngine": "errors",
    "predict_mac": "macs",
    "Dhcp": "model", "Host": "model", "Interface": "model", "IpamGroup": "model", "Network": "model",
    "Plan": "model",
    "LINES": "profile", "Profile": "profile",
    "load": "read.file", "load_yaml_text": "read.plan", "parse_script": "read.script",
    "Capacity": "report", "Report": "report", "capacity": "report", "check": "report", "simulate": "report",
    "Finding": "rules",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'macplan' has no attribute {name!r}")
    home = _HOME[name]
    value = importlib.import_module(f"macplan.{name}") if home is None else \
        getattr(importlib.import_module(f"macplan.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
