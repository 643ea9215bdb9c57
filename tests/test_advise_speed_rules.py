"""What the advise phase's shortcuts (issue 13) must keep: a rule left out for a kind of network
(hints.only_for) has nothing to say about it, subnet-host-bits (on the daemon's integers) says
what parsing every subnet says, findings come in the order the stable sort by severity gave, and a shared Finding is
the one Rule.finding makes.  Checked over the recorded scripts on every release line."""
from __future__ import annotations

from pathlib import Path

import pytest

import macplan
from macplan import report
from macplan.docker.goparse import parse_prefix
from macplan.model import Dhcp
from macplan.profile import LINES
from macplan.rules import hints
from macplan.rules.catalog import RULES

try:
    from .rule_examples import EXAMPLES
except ImportError:  # rootdir-relative import mode
    from rule_examples import EXAMPLES

RECORDED = sorted((Path(__file__).parent / "data" / "recordings").glob("*/*.sh"))
MV = "docker network create -d macvlan "
# corners of the shortcuts: IPv6 subnets with IPv6 off (and an IPv4-mapped one), host bits,
# config networks, swarm, static endpoints, DHCP, expected containers
EXTRA = [
    MV + "--subnet 10.1.0.5/24 -o parent=eth0 a\n" + MV + "--subnet 2001:db8::5/64 -o parent=eth0.2 b\n"
    + MV + "--subnet ::ffff:10.9.0.5/120 -o parent=eth0.3 c\n"
    + MV + "--ipv6 --subnet 10.2.0.0/24 --subnet 2001:db8:1::7/64 -o parent=eth0.4 d\n",
    MV + "--config-only --subnet 10.3.0.9/24 -o parent=eth0.5 cfg\n"
    + "docker network create -d macvlan --config-from cfg --scope swarm e\n"
    + "docker network create --config-from cfg f\n",
    "docker network create -d ipvlan --subnet 10.4.0.0/24 --gateway 10.4.0.1 -o parent=eth0.6 "
    "-o ipvlan_mode=l3 g\ndocker run --network g --ip 10.4.0.9 --mac-address 02:42:0a:04:00:09 alpine\n",
    MV + "--subnet 10.5.0.0/24 -o parent=eth0.7 -o macvlan_mode=passthru h\n"
    "docker run --network h --ip 10.5.0.0 alpine\n",
]


def _plans():
    for path in RECORDED:
        yield macplan.parse_script(path.read_text(), interfaces=("eth0",))
    for text in EXTRA:
        plan = macplan.parse_script(text, interfaces=("eth0",))
        yield plan.with_(dhcp=(Dhcp("10.5.0.100", "10.5.0.200"),)) if "passthru h" in text else plan
    for _, ex in sorted(EXAMPLES.items()):
        if ex.script is not None:
            yield macplan.parse_script(ex.script, interfaces=ex.interfaces, kernel_lacks=ex.kernel_lacks)
        elif not ex.yaml.startswith("services:"):
            yield macplan.load_yaml_text(ex.yaml)


PLANS = list(_plans())


def _advised(plan, line: str):
    """(engines, results) after advise, as `check` makes them."""
    _, engines, results, _, _ = report._simulate(plan, line)
    for res in results:
        if res.host in engines:
            report._advise(plan, engines[res.host], res)
    return engines, results


def _full_subnet_host_bits(ctx: hints.Context):
    """subnet-host-bits as it read before: every subnet parsed into ipaddress objects."""
    for s in ctx.net.subnets:
        i = parse_prefix(s)
        if i is not None and i.ip != i.network.network_address:
            return f"subnet {s} has host bits set: Docker uses {i.network}."
    return None


@pytest.mark.parametrize("line", LINES)
def test_shortcuts_say_what_every_rule_run_in_full_says(line):
    every = report._advice_rules()
    in_catalog = sorted(every, key=lambda rc: list(RULES).index(rc[0].id))
    checked = 0
    for plan in PLANS:
        engines, results = _advised(plan, line)
        for res in results:
            if not res.accepted or res.created is None or res.host not in engines:
                continue
            ctx = hints.Context(plan, engines[res.host], res.created, res.capacity)
            # every rule, in catalog order, then the stable sort by severity: what _advise gave before
            full = [r.finding(m) for r, check in in_catalog if (m := check(ctx))]
            full.sort(key=lambda f: report.SEVERITY_ORDER[f.severity])
            assert res.findings == full, (plan.source, res.name)
            # a rule left out for this kind of network has nothing to say about it
            run = {r.id for r, _ in report._advice_rules(ctx.kind)}
            assert all(check(ctx) is None for r, check in every if r.id not in run)
            assert hints.subnet_host_bits(ctx) == _full_subnet_host_bits(ctx), (plan.source, res.name)
            checked += 1
    assert checked > 500


def test_a_shared_finding_is_the_one_the_rule_makes():
    f = hints.finding("random-macs", "x")
    assert f is hints.finding("random-macs", "x")
    assert f == RULES["random-macs"].finding("x")


def test_only_for_names_kind_fields():
    with pytest.raises(AssertionError):
        hints.only_for("endpoint")
