"""The YAML loader builds values straight from the parser's events, in one pass: it must read
every document exactly as PyYAML's composer and constructor did (tests/yaml_reference.py, the
old loader): the same values, the same lines, the same plain flags, the same sharing of what an
alias names, and the same refusal (its words and line) where a document is refused."""
from __future__ import annotations

import re
from typing import Any, Optional

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macplan.errors import PlanError
from macplan.read import yamltext
from macplan.read.compose import _COMPOSE, _hinted
from macplan.read.plan import _PLAN
from macplan.read.yamltext import Map, Policy, Seq, Text, load

try:
    from .yaml_reference import reference_load
except ImportError:  # rootdir-relative import mode
    from yaml_reference import reference_load

POLICIES = {"plan": _PLAN, "compose": _COMPOSE,
            "few-aliases": Policy(max_aliases=2, no_aliases="", no_tags="tag {tag}", merge_keys=True)}
PARSERS = ["python"] + (["libyaml"] if getattr(yaml, "__with_libyaml__", False) else [])


def shape(value: Any, seen: dict[int, int]) -> Any:
    """Everything a reader of a loaded value can see: types, text, plain flags, lines, key order
    and key lines, and which values are one object (an alias's)."""
    if value is None:
        return None
    if id(value) in seen:
        return ("the same as", seen[id(value)])
    seen[id(value)] = len(seen)
    if isinstance(value, Map):
        return ("map", value.line, list(value.key_lines.items()),
                [(shape(k, seen), shape(v, seen)) for k, v in value.items()])
    if isinstance(value, Seq):
        return ("seq", value.line, [shape(v, seen) for v in value])
    assert type(value) is Text, type(value)
    return ("text", str(value), value.plain, value.line)


def outcome(read: Any, text: str, policy: Policy, libyaml: bool) -> Any:
    try:
        value = read(text, "f.yaml", policy, libyaml=libyaml)
    except PlanError as e:
        return ("refused", str(e), e.line)
    except Exception as e:      # noqa: BLE001 - whatever the old loader let out, the new one must too
        return ("raised", type(e).__name__, str(e))
    return shape(value, {})


def same_reading(text: str) -> None:
    for pname, policy in POLICIES.items():
        for parser in PARSERS:
            libyaml = parser == "libyaml"
            old = outcome(reference_load, text, policy, libyaml)
            new = outcome(load, text, policy, libyaml)
            assert new == old, f"{pname} policy, {parser} parser, reading {text!r}"


MERGES = """\
base: &base
  driver: macvlan
  driver_opts: {parent: eth0}
more: &more {internal: "true", driver: ipvlan}
one:
  <<: *base
  name: one
two:
  name: two
  <<: [*more, *base]
  driver: bridge
three: {<<: {a: 1, b: 2}, b: 3, <<: {c: 4, a: 5}}
four: {'<<': *base, "<<": x}
"""

DOCUMENTS = [
    # nothing, or nothing much
    "", "\n", "# a comment\n", "---\n", "---\n...\n", "~\n", "null\n", "''\n", "x\n", "'x'\n", "[]\n", "{}\n",
    "- \n- ~\n- null\n- Null\n- NULL\n- 'null'\n- \"~\"\n- ''\n",
    # block and flow, comments, lines
    "name: demo   # the name\nhosts:\n  h1: {interfaces: [eth0, eth1]}\n\n  h2:\n    swarm: manager\n"
    "networks:\n  lan:\n    host: h1\n    parent: eth0.10\n    subnets:\n      - {subnet: 10.0.0.0/24, gateway: 10.0.0.1}\n"
    "      - subnet: 10.0.1.0/24\n        ip_range: 10.0.1.0/25\n",
    "networks:\n- name: a\n  parent: eth0\n- {name: b, parent: eth1}\n",
    "a: [1, [2, [3, {b: c}]], {d: [e]}]\n",
    "{a: 1,\n b: [2,\n  3],\n c: {d: e}}\n",
    "? a\n: b\n? [c]\n: d\n",
    "? |\n  long key\n: v\n",
    "a:\n  - b\n  -\n  - - c\n    - d\n  - e: f\n    g: h\n",
    # quoting and multi-line text
    "a: 'it''s'\nb: \"tab\\there\"\nc: plain text here\nd: \"\"\ne: ''\n",
    "lit: |\n  one\n  two\nfold: >\n  one\n  two\nkeep: |+\n  x\n\nstrip: >-\n  y\nafter: z\n",
    "a: plain\n  continued\n  lines\nb: \"quoted\n  over lines\"\nc: 'single\n\n  with a gap'\n",
    "a: 010\nb: 1:30\nyes: no\nc: 0x1e\nd: 1e3\ne: .inf\nf: 2001-01-01\n",
    "'quoted key': 1\n\"dq\": 2\n? 'explicit'\n: 3\n",
    # tags
    "a: !!str x\n", "a: ! x\n", "a: !custom x\n", "!!map {a: 1}\n", "a: !!seq [x]\n", "- !<tag:x> y\n",
    "a: ! {b: c}\n", "%TAG ! tag:example.com,2000:\n---\na: !foo b\n",
    # anchors, aliases and merge keys
    "a: &x 1\nb: *x\n", "a: &x [1, 2]\nb: *x\nc: [*x, *x]\n", "a: &x {k: v}\n*x : 1\n", "&r [*r]\n",
    "a: &x {b: *x}\n", "a: &x {<<: *x}\n", "&s [{<<: *s}]\n", "&s [{k: 1}, {<<: *s}]\n", "&s [a, {<<: *s}]\n",
    "&s [[{<<: *s}]]\n", "<<: &s\n  -\n    a: *s\n", "<<: &s [{a: {b: *s}}]\n", "<<: &s [[*s]]\n", "<<: &s [*s]\n",
    "<<: &s [{a: 1}]\nb: *s\nc: *s\n", "a: &m {<<: [{b: *m}]}\n", "<<: &s [{a: 1}, {<<: *s}]\n", "a: *nope\n", "a: &x 1\nb: &x 2\n", "a: &x [&x 1]\n", "&x a: 1\n", "? &k k\n: *k\n",
    "a: &k <<\nb: {*k : {c: 1}}\n", "a: &l [{x: 1}, {y: 2}]\nb: {<<: *l}\n", "a: &l [{x: 1}, 2]\nb: {<<: *l}\n",
    "a: {<<: [{x: 1}, [y], {x: {d: 1, d: 2}}]}\n", "a: {<<: [{x: {d: 1, d: 2}}, [y]]}\n", "a: {<<: x}\n",
    "a: {<<: ~}\n", "a: {<<: [x]}\n", "a: {<<: [[{x: 1}]]}\n", "a: {<<: [{x: 1}, [{d: 1, d: 2}]]}\n", "a: &m {x: 1}\nb: {<<: [*m, &n z]}\nc: *n\n",
    "a: &m {x: 1}\nb: {<<: [*m]}\n", "a: &s [1]\nb: {<<: [*s]}\n", "a: &v 1\nb: {<<: *v}\n", "a: {<<: *v}\n",
    "a: &m {x: 1, <<: {y: 2}}\nb: {<<: *m, y: 3}\n", MERGES,
    "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\n",
    # keys: not names, duplicated
    "a: 1\na: 2\n", "a: 1\nb: {c: 1, c: 2}\na: {d: 1, d: 2}\n", "~: 1\n", "[a]: 1\n", "{a: 1}: 2\n",
    "? - a\n: 1\n", "'': 1\n", ": 1\n", "a: 1\n'a': 2\n", "a: {<<: {b: 1}, b: 2, b: 3}\n",
    "a: 1\na: 2\nb: [\n", "a: 1\na: 2\n---\nb: 1\n", "a: 1\na: 2\nc: \x10\n",
    # depth
    "a: " + "[" * 39 + "]" * 39 + "\n", "a: " + "[" * 40 + "]" * 40 + "\n", "a: " + "[" * 60 + "]" * 60 + "\n",
    "[" * 5000 + "]" * 5000 + "\n", "".join(" " * i + f"k{i}:\n" for i in range(60)),
    "a: &x 1\nb: " + "[" * 39 + "*x" + "]" * 39 + "\n",
    # not YAML
    "a: [1, 2\n", "a: {b: c\n", "a: b: c\n", "- a\nb: c\n", "a:\n\t- b\n", "'unclosed\n", "a: \"\\q\"\n",
    "a: 1\n---\nb: 2\n", "--- a\n--- b\n", "a\x10b\n", "a: \x85\n", "\ufeffa: 1\n", "a: @b\n", "a: `b\n",
    "%YAML 1.1\n---\na: 1\n", "%YAML 2.0\n---\na\n", "a: |\n x\n  y\n z\n", "- &a\n- *a\n", "&a\n",
    "*a\n", "? \n: \n", "[a, b]: c\n", "{a, b}\n", "[a: b, c]\n", "- [a, b]: c\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_every_document_reads_as_before(text):
    same_reading(text)


def test_the_examples_read_as_before():
    import glob
    import os
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = sorted(glob.glob(os.path.join(root, "examples", "*.y*ml")))
    assert paths
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            same_reading(fh.read())


def test_a_big_plan_reads_as_before():
    import sys
    sys.path.insert(0, "bench")
    try:
        from speed import yaml_plan
    finally:
        sys.path.remove("bench")
    same_reading(yaml_plan(120, 7))


def test_without_libyaml_a_plan_reads_as_with_it(monkeypatch):
    """Where libyaml is not installed, plans read with PyYAML's parser: the same builder."""
    text = "networks:\n  n: {parent: eth0, subnet: 10.0.0.0/24}\n"
    with_libyaml = outcome(load, text, _PLAN, True)
    monkeypatch.setattr(yamltext, "_CLoader", yamltext._Loader)
    assert outcome(load, text, _PLAN, True) == with_libyaml


# ---------------------------------------------------------------------------------------------
# documents as people write them, and their slips

WORDS = ["a", "b", "eth0", "10.0.0.0/24", "name", "<<", "true", "010", "x y", "~", "null", "-x", "k:v"]
#: anchors a document defines up front (aliases mostly name these), and within
ANCHORS = ["p", "q", "p", "q", "p", "q", "r", "s"]
INNER_ANCHORS = ["r", "s"]


@st.composite
def scalars(draw: Any, in_flow: bool) -> str:
    word = draw(st.sampled_from(WORDS))
    style = draw(st.sampled_from(["plain", "plain", "single", "double", "empty"]))
    if style == "single":
        return "'" + word.replace("'", "''") + "'"
    if style == "double":
        return '"' + word + '"'
    if style == "empty":
        return ""
    if word in ("<<",) or not in_flow or all(c not in word for c in ",:[]{}"):
        return word
    return '"' + word + '"'


def props(draw: Any, anchors: bool = True) -> str:
    """An anchor, a tag, both or (mostly) neither, ahead of a node."""
    out = ""
    if anchors and draw(st.integers(0, 11)) == 0:
        out += "&" + draw(st.sampled_from(INNER_ANCHORS)) + " "
    if draw(st.integers(0, 39)) == 0:
        out += draw(st.sampled_from(["!", "!!str", "!x", "!!map"])) + " "
    return out


@st.composite
def flow(draw: Any, depth: int, aliases: bool = True) -> str:
    choice = draw(st.integers(0, 10 if depth < 3 else 6))
    if choice <= 4 or (choice <= 6 and not aliases):
        return props(draw, aliases) + draw(scalars(True))
    if choice <= 6:
        return "*" + draw(st.sampled_from(ANCHORS))
    items = draw(st.lists(flow(depth + 1, aliases), max_size=3))
    if choice <= 7:
        return props(draw, aliases) + "[" + ", ".join(items) + "]"
    keys = draw(st.lists(st.sampled_from(WORDS[:6] + ["'<<'"] + ["*p"] * aliases), min_size=len(items),
                         max_size=len(items)))
    return props(draw, aliases) + "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, items)) + "}"


@st.composite
def block(draw: Any, indent: int, depth: int, is_map: Optional[bool] = None) -> list[str]:
    """A block mapping or list as lines at `indent`."""
    pad = " " * indent
    lines: list[str] = []
    if is_map is None:
        is_map = draw(st.booleans())
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 7)) == 0:
            lines.append(pad + "# " + draw(st.sampled_from(WORDS)))
        head = pad + (draw(st.sampled_from(WORDS[:6] * 3 + ["'<<'", "? x", "~"])) + ":" if is_map else "-")
        kind = draw(st.integers(0, 9 if depth < 3 else 6))
        if kind <= 5:
            lines.append(head + " " + draw(flow(depth + 1)) + draw(st.sampled_from(["", "", "  # note"])))
        elif kind == 6:
            lines.append(head + " " + draw(st.sampled_from(["|", ">", "|-"])))
            lines += [pad + "  " + w for w in draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))]
        else:
            anchor = props(draw)
            lines.append(head + (" " + anchor.strip() if anchor else ""))
            lines += draw(block(indent + 2, depth + 1))
    return lines


@st.composite
def documents(draw: Any) -> str:
    top = draw(st.sampled_from(["anchors first"] * 3 + ["mapping", "list"]))
    text = "\n".join(draw(block(0, 0, top != "list"))) + "\n"
    if top == "anchors first":      # as compose files have them: x-name: &name ...
        text = "".join(f"x-{a}: &{a} {draw(flow(1, aliases=False))}\n" for a in ("p", "q")) + text
    if draw(st.integers(0, 3)) == 0:       # a slip: a character in, or out
        at = draw(st.integers(0, len(text) - 1))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(list(":-[]{},#&*!?|>'\"\t\n ") + ["\x10", "---\n"])) + text[at:]
        else:
            text = text[:at] + text[at + 1:]
    return text


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_document_reads_as_before(text):
    same_reading(text)


# ---------------------------------------------------------------------------------------------
# the look for a compose file in any YAML file (read.compose.sniff), done without one big regex

HINT_WORDS = ["services", "volumes", "secrets", "configs", "version", "include", "name", "driver_opts",
              "driver_op", "ipam", "ipa", "external", "enable_ipv4", "enable_ipv6", "enable_ipv5", "x", "- name"]
HINT_SPACE = ["", " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u3000"]
HINT_LINES = st.lists(st.tuples(st.lists(st.sampled_from(HINT_SPACE), max_size=3), st.sampled_from(HINT_WORDS),
                                st.sampled_from(HINT_SPACE), st.sampled_from([":", "", "#", ": x"]),
                                st.sampled_from(["\n", "\r\n", "\r", " ", "", "\n\n"])), max_size=5)


@settings(max_examples=1500, deadline=None)
@given(HINT_LINES)
def test_the_compose_hint_finds_what_its_regex_finds(lines):
    # the look as it was written: one regex, ^ at each line start
    hint = re.compile(r"^(services|volumes|secrets|configs|version|include)\s*:|driver_opts|ipam|enable_ipv[46]|"
                      r"external|^\s+name\s*:", re.M)
    text = "".join("".join(pad) + word + space + colon + end for pad, word, space, colon, end in lines)
    assert _hinted(text) == (hint.search(text) is not None), repr(text)
