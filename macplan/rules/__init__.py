"""The rules: every finding macplan reports names one, by a stable id (docs/rules.md lists them).

`catalog` holds the registry; the rule modules register themselves when imported (report.py
imports them all): Docker's refusals (`refusals`, raised by the simulated daemon in macplan.docker),
the warnings and notes on networks Docker accepts (`hints`), the plan-wide and script rules
(`multihost`, `plan`)."""
from __future__ import annotations

from macplan.rules.catalog import RULES, Finding, Rule, rule

__all__ = ["RULES", "Finding", "Rule", "rule"]
