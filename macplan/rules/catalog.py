"""The rules catalog: one small function per rule, registered with a stable id.

An *error* rule returns the text Docker prints when it refuses the command (or None); the
first error in Docker's own order stops the network, as it stops Docker.  A *warning* or
*info* rule returns the advice (or None) for a network Docker accepts.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Optional, TypeVar

__all__ = ["Finding", "Rule", "RULES", "declare", "rule", "DOCS"]

DOCS = "docs/rules.md"   # in the checkout, rendered from this catalog; each rule has an anchor
#: A finding's `link`: a command that prints the rule's explanation.  It works wherever macplan
#: is installed, offline, and explains the very version that made the finding; a repository
#: path or a docs URL would point at nothing for a user who installed the wheel.
LINK = "macplan explain {id}"
SEVERITIES = ("error", "warning", "info")

#: A rule's check: one accepted network's context in (macplan.rules.hints.Context, which this
#: module cannot import without a cycle), the advice or None out.
Check = Callable[..., Optional[str]]
_C = TypeVar("_C", bound=Check)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    docker_error: Optional[str] = None
    link: str = ""

    def to_dict(self) -> dict[str, Optional[str]]:
        # the fields by hand: dataclasses.asdict deep-copies each value, and a finding is all strings
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "docker_error": self.docker_error, "link": self.link}


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    stage: str
    advice: str          # what to do, one sentence
    explain: str         # the docstring: what Docker does and why
    check: Optional[Check]

    @cached_property
    def link(self) -> str:
        return LINK.format(id=self.id)

    def finding(self, message: str, docker_error: Optional[str] = None) -> Finding:
        return Finding(self.id, self.severity, message, docker_error, self.link)


RULES: dict[str, Rule] = {}



def declare(id: str, severity: str, stage: str, advice: str, explain: str,
            check: Optional[Check] = None) -> Rule:
    """Register a rule under a stable id: the one way every rule is declared.  An error rule
    (Docker refuses) is raised where the simulated Docker checks it; a warning or note either
    has a `check` function over one accepted network (see `rule`) or is reported by the code
    that sees the whole plan (multihost, plan).  tests/rule_examples.py gives each one an
    example that fires it."""
    assert severity in SEVERITIES and id not in RULES, id
    RULES[id] = Rule(id, severity, stage, advice, explain, check)
    return RULES[id]


def rule(id: str, severity: str, stage: str, advice: str) -> Callable[[_C], _C]:
    """`declare` as a decorator: the function is the rule's check, its docstring the explanation."""

    def register(fn: _C) -> _C:
        declare(id, severity, stage, advice, (fn.__doc__ or "").strip(), fn)
        return fn
    return register
