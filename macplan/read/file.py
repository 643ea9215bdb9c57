"""`load(path)`: a plan from any file macplan reads, told apart by its name and content."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Optional

from macplan.errors import PlanError
from macplan.model import Interface, Plan
from macplan.read.script import parse_script

__all__ = ["load"]


def load(path: str, interfaces: Optional[Iterable[str]] = None, kernel_lacks: Iterable[str] = ()) -> Plan:
    """A plan from a file: a docker compose file (by its name or its content, see
    `macplan.read.compose`), else `.yaml`/`.yml` is a YAML plan, anything else a shell script."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as e:
        raise PlanError(f"cannot read: {e.strerror or e}", str(path)) from None
    except UnicodeDecodeError:
        raise PlanError("not a text file (UTF-8)", str(path)) from None
    # read once: each host of a plan takes them (an iterator would be spent on the first)
    interfaces = None if interfaces is None else tuple(interfaces)
    kernel_lacks = tuple(kernel_lacks)
    if not str(path).endswith((".yaml", ".yml")):
        # every compose file name ends so too: a script needs neither YAML reader (nor its import)
        return parse_script(text, str(path), interfaces=interfaces, kernel_lacks=kernel_lacks)
    from macplan.read.compose import read_compose, sniff  # a docker compose file (compose.yaml, services:...)
    from macplan.read.plan import load_yaml_text
    plan: Plan
    doc = sniff(str(path), text)
    if doc is not None:
        plan = read_compose(doc, str(path))
        if interfaces is not None or kernel_lacks:
            plan = _override_host(plan, interfaces, kernel_lacks)
        return plan
    plan = load_yaml_text(text, str(path))
    if interfaces is not None or kernel_lacks:
        plan = _override_host(plan, interfaces, kernel_lacks)
    return plan


def _override_host(plan: Plan, interfaces: Optional[tuple[str, ...]], kernel_lacks: tuple[str, ...]) -> Plan:
    """The plan's hosts with the interfaces and missing kernel features given on the command
    line; everything else a host says (its swarm role, interface kinds and limits) stays."""
    hosts = []
    for h in plan.hosts:
        if interfaces is not None:
            known = {i.name: i for i in h.interfaces}
            h = replace(h, interfaces=tuple(known.get(n, Interface(n)) for n in interfaces), interfaces_known=True)
        if kernel_lacks:
            h = replace(h, kernel_lacks=frozenset(kernel_lacks))
        hosts.append(h)
    return plan.with_(hosts=tuple(hosts))
