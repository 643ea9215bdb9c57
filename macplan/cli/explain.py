"""`macplan explain [RULE]`: what a rule id means, from the catalog itself (docs/rules.md is
rendered by the same code, so the two say the same)."""
from __future__ import annotations

import sys
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from macplan.rules.catalog import Rule

__all__ = ["STAGES", "rule_lines", "explain_main"]

STAGES = {
    "cli": "the docker CLI, before anything is sent (cli/command/network/create.go)",
    "daemon": "the daemon's create path, before IPAM",
    "ipam": "IPAM allocation of pools, gateways and aux-addresses",
    "driver": "the macvlan/ipvlan driver's CreateNetwork (parent, mode, VLAN link)",
    "kernel": "the kernel, when containers start",
    "lan": "the LAN: switches, DHCP, other hosts",
    "capacity": "address capacity",
    "mac": "MAC addresses",
    "swarm": "Docker Swarm",
}
_ORDER = {"error": 0, "warning": 1, "info": 2}


def rule_lines(rule: "Rule") -> list[str]:
    """A rule's explanation as paragraphs: severity and stage, what Docker does, what to do."""
    out = [f"*{rule.severity}*, checked by {STAGES.get(rule.stage, rule.stage)}."]
    if rule.explain:
        out.append(" ".join(rule.explain.split()))
    out.append(f"What to do: {rule.advice}")
    return out


def _sorted_rules() -> "list[Rule]":
    from macplan.rules import RULES
    return sorted(RULES.values(), key=lambda r: (_ORDER[r.severity], r.id))


def explain_main(argv: list[str]) -> int:
    from macplan.rules import RULES
    if argv and argv[0] in ("-h", "--help"):
        print("usage: macplan explain [RULE]\n\nPrint what a finding's rule id means and what to do about it; "
              "without RULE, list every id.")
        return 0
    if len(argv) > 1:
        sys.stderr.write("macplan explain: one RULE at a time (see macplan explain --help)\n")
        return 2
    if not argv:
        rules = _sorted_rules()
        width = max(len(r.id) for r in rules)
        for r in rules:
            print(f"{r.id:<{width}}  {r.severity:<7}  {r.advice}")
        return 0
    rule = RULES.get(argv[0])
    if rule is None:
        import difflib
        near = difflib.get_close_matches(argv[0], list(RULES), n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else " (macplan explain lists them)"
        sys.stderr.write(f"macplan explain: no rule {argv[0]!r}{hint}\n")
        return 2
    print(rule.id)
    for para in rule_lines(rule):
        print()
        print(textwrap.fill(para, 100))
    return 0
