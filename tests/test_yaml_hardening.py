"""Bad YAML plans: one line naming file and line, exit 2, quickly; odd scalars read as the
schema (and Docker) mean them, not as YAML 1.1 types; `convert` output reads back to the same plan."""
from __future__ import annotations

import atexit
import contextlib
import io
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import macplan
from macplan import emit
from macplan.cli import main, script_end_state
from macplan.errors import PlanError
from macplan.model import Dhcp, Host, Interface, Network, Plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WORK = Path(tempfile.mkdtemp(prefix="macplan-yaml-"))     # hypothesis tests cannot take tmp_path
atexit.register(shutil.rmtree, WORK, True)


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def check(text: str, name: str = "plan.yaml") -> tuple[int, str, str]:
    path = WORK / name
    path.write_text(text, encoding="utf-8")
    return run(["check", str(path)])


BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _bomb_in(where: str) -> str:
    body = BOMB.replace("\n", "\n    ").rstrip()
    return f"networks:\n  n:\n    parent: eth0\n    {where}:\n    {body}\n"


REFUSED = [
    # (plan text, line, words in the message)
    (_bomb_in("labels"), 5, "alias"),
    ("networks:\n  n:\n    options: {a: 1}\n    labels: " + "{x: *y}\n", 4, "alias"),
    ("x: &y {a: 1}\nnetworks:\n  n: {aux: *y}\n", 1, "anchors and aliases"),
    ("networks:\n  n: {internal: !!bool x}\n", 2, "tag"),
    ("networks: !!map x\n", 1, "tag"),
    ("networks:\n  n: !!str {parent: eth0}\n", 2, "tag"),
    ("networks:\n  n: {labels: {a: !custom b}}\n", 2, "tag"),
    ("networks: " + "[" * 5000 + "]" * 5000 + "\n", 1, "nest"),   # libyaml: "nesting depth"
    ("networks:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 200)), None, "nested"),
    ("networks:\n  n:\n    parent: eth0\n    vlan: 1:30\n", 4, "vlan must be a whole number"),
    ("networks:\n  n:\n    parent: eth0\n    vlan: 0x1e\n", 4, "vlan must be a whole number"),
    ("networks:\n  n:\n    containers: 1e3\n", 3, "containers must be a whole number"),
    ("networks:\n  n:\n    containers: 99999999999999999999999999999999\n", 3, "whole number"),
    ("networks:\n  n:\n    internal: yes\n", 3, "internal must be true or false"),
    ("yes: 1\nnetworks: {}\n", 1, "unknown key 'yes'"),
    ("networks:\n  n:\n    labels: {a: [1, 2]}\n", 3, "labels: the value of 'a' must be a string"),
    ("networks:\n  n:\n    options:\n      a: {b: c}\n", 4, "options: the value of 'a' must be a string"),
    ("networks:\n  n:\n    aux: {a: [10.0.0.1]}\n", 3, "aux: the value of 'a' must be a string"),
    ("networks:\n  n:\n    parent: [eth0]\n", 3, "parent must be a string"),
    ("networks:\n  n:\n    driver: {a: b}\n", 3, "driver must be a string"),
    ("hosts:\n  h:\n    interfaces: [eth0, [eth1]]\nnetworks: {}\n", 3, "must be a string"),
    ("hosts:\n  h:\n    interfaces: [eth0, {a: b}]\nnetworks: {}\n", 3, "must be a string"),
    ("networks:\n  - {name: [a]}\n", 2, "name must be a string"),
    ("name: [a]\nnetworks: {}\n", 1, "name must be a string"),
    ("dhcp:\n  - {first: [10.0.0.1], last: 10.0.0.9}\n", 2, "first must be a string"),
    ("? [a]\n: 1\n", 1, "a key must be a name"),
    ("networks:\n  ~: {}\n", 2, "a key must be a name"),
    ("vlans:\n  ten: {mac_limit: 3}\nnetworks: {}\n", 2, "VLAN id 'ten' must be a number"),
    ("networks:\n  n:\n    parent: a\x10b\n", 3, "character #x0010: control characters are not allowed"),
    # an empty entry of a list of names (it crashed in subnet:, and made an interface "None")
    ("networks:\n  n:\n    parent: eth0\n    subnet: [10.0.0.0/24, ~]\n", 4, "subnet: an entry is empty"),
    ("hosts:\n  h:\n    interfaces: [eth0, ~]\nnetworks: {}\n", 3, "an interface name: an entry is empty"),
    ("hosts:\n  h: {kernel_lacks: [~]}\nnetworks: {}\n", 2, "kernel_lacks: an entry is empty"),
    ("hosts:\n  a: {}\n  b: {}\nnetworks:\n  n: {hosts: [a, ~]}\n", 5, "hosts: an entry is empty"),
    ("networks:\n  n:\n    host:\n", 3, "network n: host is empty"),
    # a VLAN's problem names its own line (it named the first VLAN's)
    ("vlans:\n  10: {mac_limit: 3}\n  20: [3]\nnetworks: {}\n", 3, "VLAN 20 must be a mapping"),
]


@pytest.mark.parametrize("text,line,words", REFUSED)
def test_bad_yaml_is_one_line_with_file_and_line(text, line, words):
    started = time.monotonic()
    code, out, err = check(text)
    assert time.monotonic() - started < 5, "reading a 1 kB plan must not take seconds"
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and "Traceback" not in err and "internal error" not in err, err
    where = f"{WORK / 'plan.yaml'}:{line}: " if line else f"{WORK / 'plan.yaml'}:"
    assert err.startswith(f"macplan: {where}"), err
    assert words in err, err


def test_the_alias_bomb_costs_nothing():
    started = time.monotonic()
    with pytest.raises(PlanError):
        macplan.load_yaml_text(_bomb_in("options") + _bomb_in("aux")[len("networks:\n"):].replace("  n:", "  m:"))
    assert time.monotonic() - started < 1


def _net(text: str) -> Network:
    return macplan.load_yaml_text(text).networks[0]


def test_scalars_are_read_as_the_field_needs_them():
    # 010 is decimal 10 (YAML 1.1 said 8; Docker's strconv.Atoi on "eth0.010" says 10)
    assert _net("networks:\n  n: {parent: eth0, vlan: 010}\n").parent == "eth0.10"
    # strings stay exactly as written: no 20.1, no True, no 90, no 8
    plan = macplan.load_yaml_text("name: 010\nengine: 20.10\nnetworks:\n"
                                  "  n: {labels: {a: yes, b: 1:30, c: 010, d: 1e3, e: ~, f: 'null'}, "
                                  "options: {parent: eth0, x: on}, scope: 1.0}\n")
    assert plan.name == "010" and plan.engine == "20.10"
    n = plan.networks[0]
    assert dict(n.labels) == {"a": "yes", "b": "1:30", "c": "010", "d": "1e3", "e": "", "f": "null"}
    assert dict(n.options)["x"] == "on" and n.scope == "1.0"
    # keys are names: `yes:` is the network yes, 010 the network 010
    names = [x.name for x in macplan.load_yaml_text("networks:\n  yes: {}\n  010: {}\n  1.0: {}\n").networks]
    assert names == ["yes", "010", "1.0"]
    # VLAN ids in vlans: are numbers, read as decimal
    assert macplan.load_yaml_text("vlans:\n  010: {mac_limit: 3}\n").vlan_limits == ((10, 3),)
    # booleans are YAML 1.2's
    assert _net("networks:\n  n: {internal: True, ipv6: false}\n").internal is True


def test_split_values_are_still_typed():
    plan = macplan.load(str(EXAMPLES / "split.yaml"))
    assert any(n.ip_ranges for n in plan.networks)


def test_convert_refuses_a_script_a_yaml_plan_cannot_hold():
    script = WORK / "bad.sh"
    script.write_text("# a comment\ndocker network create -d macvlan -o parent=eth0 --subnet foo n1\n")
    code, out, err = run(["convert", str(script)])
    assert code == 2 and out == ""
    assert err.startswith(f"macplan: {script}:2: network n1: ") and err.count("\n") == 1, err


# ------------------------------------------------------------------ mutation fuzzing of the examples

SOURCES = {p.name: p.read_text() for p in sorted(EXAMPLES.glob("*.yaml"))} | {"seed.sh": (EXAMPLES / "seed.sh").read_text()}
ODD = ["010", "1:30", "0x1e", "1e3", "-1", "99999999999999999999999", "yes", "No", "on", "~", "null", "''",
       '""', "[]", "{}", "[a, [b]]", "{a: {b: c}}", "!!bool x", "!!map x", "!!int 1", "!!binary aGk=", "*x",
       "&x a", "2001-12-14", ".inf", ".nan", "'a\\nb'", '"\\x00"', "a;", "é", "\t", "? x", "- x", "|", ">-",
       "10.0.0.0/33", "::/0", "eth0.4095", "eth0.0", "%", "@x", "`x`", "'", '"', "[", "{", "#", ": x", "a: b: c"]
ANCHORED = ["x: &a [1, 2]\n", "y: *a\n", "  - &b x\n", "z: !!omap [a: 1]\n", "w: " + "[" * 100 + "]" * 100 + "\n",
            "v: " + "{a: " * 60 + "1" + "}" * 60 + "\n", "<<: *a\n", "? [k]\n: 1\n", "%YAML 1.1\n---\n", "---\n", "...\n"]


@st.composite
def mutated(draw):
    name = draw(st.sampled_from(sorted(SOURCES)))
    lines = SOURCES[name].splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "scalar", "scalar", "insert", "indent"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "scalar":
            odd = draw(st.sampled_from(ODD))
            line = lines[i]
            if ": " in line:
                lines[i] = line[:line.index(": ") + 2] + odd
            elif re.match(r"\s*- ", line):
                lines[i] = line[:line.index("- ") + 2] + odd
            elif " " in line:       # a script: replace one word
                words = line.split(" ")
                words[draw(st.integers(0, len(words) - 1))] = odd
                lines[i] = " ".join(words)
            else:
                lines[i] = line + odd
        elif op == "insert":
            indent = re.match(r"\s*", lines[i]).group(0)
            lines.insert(i, indent + draw(st.sampled_from(ANCHORED)).rstrip("\n").replace("\n", "\n" + indent))
        else:
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
    return name, "\n".join(lines) + "\n"


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_examples_never_crash_check(case):
    name, text = case
    code, out, err = check(text, name)
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in out + err and "internal error" not in err, err
    if code == 2:
        assert err.count("\n") == 1 and re.match(rf"macplan: {re.escape(str(WORK / name))}:\d+: ", err), err
        return
    # whatever check reads, convert writes as YAML that reads back to the same plan (or refuses
    # with one line naming the command), and check then says the same
    plan = macplan.load(str(WORK / name))
    code_c, text2, err_c = run(["convert", "--to", "yaml", str(WORK / name)])
    if code_c == 2:
        assert not name.endswith(".yaml"), f"a YAML plan check reads must convert: {err_c}"
        assert err_c.count("\n") == 1 and re.match(rf"macplan: {re.escape(str(WORK / name))}:\d+: network ", err_c)
        return
    assert code_c == 0, err_c
    again = macplan.load_yaml_text(text2, "again.yaml")
    # a script with commands a YAML plan cannot hold (rm, containers, what the docker CLI
    # itself refuses) converts to what it leaves Docker with; any other plan, to itself
    settled = script_end_state(plan)
    assert again == settled.to_plan()
    if settled is plan:
        code2, out2, err2 = check(text2, "again.yaml")
        assert code2 == code, (err2, out2)


# ------------------------------------------------------------------ convert round-trips

wild = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"), max_size=10)
odd_words = st.sampled_from(["010", "1:30", "yes", "no", "on", "off", "null", "Null", "~", "true", "1e3", ".inf",
                             "0x1e", "-", "a;", "#x", "x #y", ": ", "- a", "? a", "&a", "*a", "!!str", "'", '"',
                             "[]", "{}", "2001-12-14", " lead", "trail ", "", "é", "a\nb", "\t"])
texts = wild | odd_words
names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"), min_size=1,
                max_size=10) | odd_words.filter(bool)
octet = st.integers(0, 255)
good_cidrs = st.builds(lambda a, b, p: f"10.{a}.{b}.0/{p}", octet, octet, st.integers(16, 30))
good_ips = st.builds(lambda a, b, c: f"10.{a}.{b}.{c}", octet, octet, octet)
good_macs = st.builds(lambda *b: ":".join(f"{x:02x}" for x in b), *[octet] * 6)
# a script can say anything (`--subnet foo`): Docker refuses such a command, a YAML plan cannot hold it
cidrs = good_cidrs | good_cidrs.map(lambda c: c.replace("/", "/4")) | texts
ips = good_ips | good_ips.map(lambda c: c + "0") | texts
macs = good_macs | texts


@st.composite
def plans(draw):
    host_names = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    hosts = []
    for h in host_names:
        known = draw(st.booleans())     # a plan lists interfaces, or says nothing about them
        ifaces = tuple(Interface(i, draw(st.sampled_from(["ethernet", "wifi", "vm"])), draw(st.none() | texts),
                                 draw(st.none() | st.integers(1, 10 ** 6)))
                       for i in (draw(st.lists(names, max_size=3, unique=True)) if known else ()))
        hosts.append(Host(h, ifaces, frozenset(draw(st.lists(st.sampled_from(["8021q", "dummy", "ipvlan"]),
                                                             unique=True))), interfaces_known=known,
                          swarm=draw(st.sampled_from(["inactive", "manager", "worker"]))))
    hosts = tuple(hosts)
    nets = []
    for _ in range(draw(st.integers(0, 4))):
        driver = draw(st.sampled_from(["macvlan", "ipvlan", "bridge"]) | names)
        nets.append(Network(
            name=draw(names), driver=driver, host=draw(st.sampled_from(host_names)),
            options=tuple(draw(st.dictionaries(texts, texts, max_size=3)).items()),
            subnets=tuple(draw(st.lists(cidrs, max_size=2))), ip_ranges=tuple(draw(st.lists(cidrs, max_size=2))),
            gateways=tuple(draw(st.lists(ips, max_size=2))), aux=tuple(draw(st.dictionaries(texts, ips, max_size=2)).items()),
            ipv6=draw(st.sampled_from([None, True, False])), ipv4=draw(st.sampled_from([None, True, False])),
            internal=draw(st.booleans()), attachable=draw(st.booleans()), ingress=draw(st.booleans()),
            scope=draw(st.none() | texts), config_only=draw(st.booleans()), config_from=draw(st.none() | texts),
            labels=tuple(draw(st.dictionaries(texts, texts, max_size=3)).items()),
            ipam_driver=draw(st.none() | texts), ipam_options=tuple(draw(st.dictionaries(texts, texts, max_size=2)).items()),
            containers=draw(st.none() | st.integers(0, 10 ** 6)),
            endpoints=tuple(draw(st.lists(st.tuples(st.just("") | ips, st.just("") | macs), max_size=2)))))
    dhcp = tuple(Dhcp(draw(good_ips), draw(good_ips), draw(names)) for _ in range(draw(st.integers(0, 2))))
    vlans = tuple(sorted(draw(st.dictionaries(st.integers(1, 4094), st.integers(1, 1000), max_size=3)).items()))
    return Plan(name=draw(names), hosts=hosts, networks=tuple(nets), dhcp=dhcp, vlan_limits=vlans,
                engine=draw(st.none() | st.sampled_from(["20.10", "23", "25.0", "29", "28.5.1"])))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_convert_round_trips_any_plan(plan):
    import ipaddress

    def bad(n):
        try:
            for v in n.subnets + n.ip_ranges:
                if "/" not in v:
                    return True
                ipaddress.ip_interface(v)
            for v in n.gateways + tuple(a for _, a in n.aux) + tuple(ip for ip, _ in n.endpoints if ip):
                ipaddress.ip_address(v)
        except ValueError:
            return True
        return any(mac and not re.fullmatch(r"(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}", mac) for _, mac in n.endpoints)

    try:
        text = emit.dump_yaml(plan)
    except PlanError as e:
        blamed = [n for n in plan.networks if bad(n)]
        assert blamed, f"refused a plan YAML can hold: {e}"
        assert str(e).startswith(f"<input>: network {blamed[0].name}: ") or \
            str(e).startswith(f"<input>:{blamed[0].line}: network {blamed[0].name}: "), e
        return
    assert not any(bad(n) for n in plan.networks)
    assert macplan.load_yaml_text(text, "again.yaml") == plan


@pytest.mark.parametrize("text,line,words", REFUSED)
def test_the_pure_python_loader_refuses_the_same(text, line, words, monkeypatch):
    """Without libyaml the same rules hold (the C parser is only a speed-up)."""
    from macplan.read import yamltext
    monkeypatch.setattr(yamltext, "_CLoader", yamltext._Loader)
    with pytest.raises(PlanError) as e:
        macplan.load_yaml_text(text, "p.yaml")
    if line:
        assert e.value.line == line
    assert words.split()[0] in str(e.value)
