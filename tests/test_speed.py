"""What the fast paths of issue 13 must keep: the script reader's plain-line shortcut reads what
the full shell lexer reads, the CLI's JSON is `json.dumps(indent=2)` to the character, and
lookups that run once per network are not scans (the check of n networks asks no question whose
cost grows with n)."""
from __future__ import annotations

import json
import shlex

from hypothesis import given, settings
from hypothesis import strategies as st

from macplan.cli import _pretty
from macplan.model import Host, Interface
from macplan.read import script
from macplan.read.script import _SIMPLE_LINE, _lex, parse_script

# words people type in docker commands, and a few the shell treats specially
_PLAIN = st.sampled_from(["docker", "network", "create", "-d", "macvlan", "ipvlan", "--subnet", "--gateway",
                          "--ip-range", "-o", "parent=eth0.10", "--aux-address", "router=10.0.0.2", "lan",
                          "10.0.0.0/24", "--ipv6", "--internal", "--label", "a=b", "sudo", "NAME=x", "--opt=x=y",
                          "run", "--network", "--ip", "10.0.0.9", "alpine", "rm", "-f", "set", "-e", "{a,b}",
                          "~/x", "*", "é", "x#y", "--mac-address", "02:42:0a:00:00:09"])
_SPECIAL = st.sampled_from(["'a b'", '"x y"', "$V", "${V:-d}", "\\ ", "&&", "||", ";", "#c", "`x`", "$(x)",
                            "> /dev/null", "|", "'", "(x)"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PLAIN, _PLAIN, _PLAIN, _SPECIAL), min_size=1, max_size=12),
       st.sampled_from([" ", "  ", "\t", " \t "]))
def test_plain_line_shortcut_reads_what_the_lexer_reads(words, sep):
    line = sep.join(words)
    if not _SIMPLE_LINE.fullmatch(line):
        return
    lexed = _lex(line, {"V": "v"}, "<t>", 1)
    assert all(isinstance(w, str) for w in lexed)          # no operators, nothing unknowable
    assert line.split() == lexed == shlex.split(line, comments=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PLAIN, min_size=1, max_size=10).map(" ".join), min_size=1, max_size=6))
def test_a_script_reads_alike_with_and_without_the_shortcut(lines):
    text = "\n".join(lines) + "\n"
    fast = parse_script(text, interfaces=["eth0"])
    saved = script._SIMPLE_LINE
    try:
        script._SIMPLE_LINE = _NEVER
        slow = parse_script(text, interfaces=["eth0"])
    finally:
        script._SIMPLE_LINE = saved
    assert fast == slow and fast.skipped == slow.skipped


class _Never:
    @staticmethod
    def fullmatch(_text):
        return None


_NEVER = _Never()

_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_cli_json_is_the_standard_encoders_to_the_character(value):
    assert _pretty(value) == json.dumps(value, indent=2)


def test_interface_lookup_is_a_dict_lookup_that_keeps_the_first_of_a_name():
    first, second = Interface("eth0", mac_limit=5), Interface("eth0", mac_limit=9)
    host = Host("h", (first, Interface("eth1"), second))
    assert host.interface("eth0") is first and host.interface("eth9") is None
    assert host.has_interface("eth1") and not host.has_interface("eth2")
    assert Host("h", (), interfaces_known=False).has_interface("anything")


class _CountingTuple(tuple):
    """A host's interface list that counts the items anyone walks through."""
    walked = 0

    def __iter__(self):
        for item in tuple.__iter__(self):
            _CountingTuple.walked += 1
            yield item


def test_checking_n_networks_walks_the_interface_list_a_bounded_number_of_times():
    """n networks on a host with n interfaces (each VLAN link declared): the check walks the
    interface list a few times in all, not once per network (which was n^2)."""
    from dataclasses import replace

    from macplan import report
    walked = []
    for n in (200, 400):
        text = "".join(f"docker network create -d macvlan --subnet 10.{v // 256}.{v % 256}.0/24 "
                       f"-o parent=eth0.{v} vlan{v}\n" for v in range(1, n + 1))
        plan = parse_script(text, interfaces=["eth0"])
        ifaces = _CountingTuple([Interface("eth0")] + [Interface(f"eth0.{v}") for v in range(1, n + 1)])
        plan = replace(plan, hosts=(replace(plan.hosts[0], interfaces=ifaces),))
        _CountingTuple.walked = 0
        cap = report.capacity(plan)
        assert len(cap.networks) == n
        walked.append(_CountingTuple.walked)
    assert walked[0] <= 5 * 201 and walked[1] <= 5 * 401, walked


def test_report_json_writes_every_field_of_a_finding():
    """The report's JSON builds finding dicts itself (asdict is slow): it must stay what
    Finding.to_dict says, whatever fields a Finding gains."""
    from macplan.report import _finding_dicts
    from macplan.rules.catalog import RULES
    f = RULES["mac-limit"].finding("too many", "docker says no")
    assert _finding_dicts([f]) == [f.to_dict()]
