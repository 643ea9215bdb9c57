"""The script reader's shortcuts (issue 13) read as the general path does."""
from __future__ import annotations

import pytest

from macplan.model import Network
from macplan.read.script import parse_script

CREATES = [
    "docker network create -d macvlan --subnet 10.0.1.0/24 -o parent=eth0.1 vlan1",
    "docker network create --driver=ipvlan --subnet=10.0.1.0/24,10.0.2.0/24 --gateway 10.0.1.1 -o parent=eth1 "
    "-o ipvlan_mode=l2 -o parent=eth0.7 --label b=2 --label a=1 --label b=3 n1",
    "docker network create --subnet=10.0.1.0/24 --subnet= --ip-range 10.0.1.0/25 --aux-address x=10.0.1.5 "
    "--aux-address y=10.0.1.6 --aux-address x=10.0.1.7 --ipam-opt k=v --ipam-driver default n2",
    "docker network create --internal --ipv6=false --attachable --config-only --scope local --driver= n3",
    "docker network create --config-from cfg --ingress --ipv4 -d macvlan n4",
    "docker network create -d macvlan a b",                   # two names: the CLI refuses it
    "docker network create --bogus x n5",                      # unknown flag
    "docker network create -d",                                # a flag without its value
]


@pytest.mark.parametrize("line", CREATES)
def test_plain_create_reads_as_the_general_path(line):
    # `;` makes the line one the shell must split: the general path reads it
    fast, general = parse_script(line + "\n"), parse_script(line + " ;\n")
    assert fast.networks == general.networks and fast.steps == general.steps
    assert [n.line for n in fast.networks] == [n.line for n in general.networks]
    assert [repr(n) for n in fast.networks] == [repr(n) for n in general.networks]


def test_create_fields_as_the_cli_gives_them():
    (n,) = parse_script(CREATES[1]).networks
    assert n == Network("n1", driver="ipvlan", subnets=("10.0.1.0/24", "10.0.2.0/24"), gateways=("10.0.1.1",),
                        options=(("ipvlan_mode", "l2"), ("parent", "eth0.7")), labels=(("a", "1"), ("b", "3")))
    (n,) = parse_script(CREATES[2]).networks
    assert n.aux == (("x", "10.0.1.7"), ("y", "10.0.1.6")) and n.subnets == ("10.0.1.0/24",)
    assert n.driver == "bridge" and n.ipam_options == (("k", "v"),) and n.ipam_driver == "default"
    (n,) = parse_script(CREATES[3]).networks
    assert (n.internal, n.ipv6, n.attachable, n.config_only, n.scope, n.driver) == \
        (True, False, True, True, "local", "bridge")


def test_steps_kept_only_when_a_script_needs_them():
    plain = parse_script(CREATES[0] + "\n" + CREATES[4] + "\n")
    assert plain.steps == ()
    chained = parse_script("set -e\n" + CREATES[0] + "\n" + CREATES[4] + " || true\n")
    assert [(s.kind, s.index, s.line, s.when, s.errexit) for s in chained.steps] == \
        [("create", 0, 2, "always", True), ("create", 1, 3, "always", False)]


def test_network_sorts_options_and_labels_of_any_sequence():
    n = Network("n", options=[("parent", "eth0.5")], labels=[("b", "1"), ("a", "2")])
    assert n.options == (("parent", "eth0.5"),) and type(n.options) is tuple
    assert n.labels == (("a", "2"), ("b", "1")) and n.vlan == 5 and n.base_interface == "eth0"
    assert n.with_(options=(("parent", "eth1"), ("macvlan_mode", "bridge"))).options == \
        (("macvlan_mode", "bridge"), ("parent", "eth1"))


def test_a_plain_script_reads_as_one_with_shell_syntax_somewhere():
    # one `#` anywhere makes the reader look at each line on its own instead of the whole text
    text = "\n".join(CREATES + ["", "   ", "docker run -d --network vlan1 --ip 10.0.1.9 alpine",
                                "docker network rm vlan1", "echo done", "\t" + CREATES[4] + "  "]) + "\n"
    whole, by_line = parse_script(text), parse_script(text + "# the end\n")
    assert whole == by_line and whole.skipped == by_line.skipped
    assert [n.line for n in whole.networks] == [n.line for n in by_line.networks]
    assert whole.steps and [n.line for n in whole.networks][-1] == len(CREATES) + 6
