"""`-` as PLAN: a plan read from standard input.

A pipe has no file name, so the format is told by content: when the first line that is not
blank or a comment is a YAML document start (``---``), a top-level ``key:`` or a flow mapping
(``{``), it is YAML (a
compose file when it looks like one, as for files, else a YAML plan); anything else is a shell
script.  No shell line begins with ``word:`` followed by a space or the line's end, and every
plan or compose file does, so the two cannot be mistaken for each other."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Optional, TextIO

if TYPE_CHECKING:
    from macplan.model import Plan

__all__ = ["NAME", "sniff_format", "load_stdin"]

NAME = "<stdin>"
_YAML_START = re.compile(r"^(---|%YAML|\{|[A-Za-z_][\w.-]*:(\s|$)|\"[^\"]+\":(\s|$)|'[^']+':(\s|$))")


def sniff_format(text: str) -> str:
    """"yaml" or "script", from the first meaningful line of ``text``."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        return "yaml" if _YAML_START.match(line) else "script"
    return "yaml"          # empty input: an empty plan, which the YAML reader reports


def load_text(text: str, name: str = NAME, interfaces: Optional[Iterable[str]] = None,
              kernel_lacks: Iterable[str] = ()) -> "tuple[Plan, str]":
    """(plan, format) from ``text``; format is "compose", "yaml" or "script"."""
    from macplan.read import compose
    from macplan.read.file import _override_host
    from macplan.read.plan import load_yaml_text
    from macplan.read.script import parse_script
    if sniff_format(text) == "script":
        return parse_script(text, name, interfaces=interfaces, kernel_lacks=kernel_lacks), "script"
    doc = None
    if compose._hinted(text):
        try:
            doc = compose._load_yaml(text, name)
        except ValueError:
            doc = None
    plan: Plan
    if doc is not None and compose._looks_like_compose(doc):
        plan, fmt = compose.read_compose(doc, name), "compose"
    else:
        plan, fmt = load_yaml_text(text, name), "yaml"
    lacks = tuple(kernel_lacks)
    if interfaces is not None or lacks:
        plan = _override_host(plan, None if interfaces is None else tuple(interfaces), lacks)
    return plan, fmt


def load_stdin(stream: TextIO, interfaces: Optional[Iterable[str]] = None,
               kernel_lacks: Iterable[str] = ()) -> "tuple[Plan, str]":
    from macplan.errors import PlanError
    try:
        text = stream.read()
    except UnicodeDecodeError:
        raise PlanError("not text (UTF-8)", NAME) from None
    return load_text(text, NAME, interfaces, kernel_lacks)
