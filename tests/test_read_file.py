"""macplan.load: the command line's --interfaces and kernel features over a file's hosts."""
import os

import macplan

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_every_host_takes_interfaces_given_as_an_iterator():
    plan = macplan.load(os.path.join(ROOT, "examples", "multi-host.yaml"), interfaces=iter(["eth0", "eth1"]))
    assert [[i.name for i in h.interfaces] for h in plan.hosts] == [["eth0", "eth1"]] * 3


def test_an_empty_iterator_of_missing_kernel_features_keeps_the_plans(tmp_path):
    p = tmp_path / "plan.yaml"
    p.write_text("hosts:\n  h: {interfaces: [eth0], kernel_lacks: [8021q]}\n"
                 "networks:\n  n: {parent: eth0, subnet: 10.0.0.0/24}\n")
    assert macplan.load(str(p), kernel_lacks=iter(())).hosts[0].kernel_lacks == frozenset({"8021q"})
    assert macplan.load(str(p), kernel_lacks=["ipvlan"]).hosts[0].kernel_lacks == frozenset({"ipvlan"})
