"""The YAML plan reader's shortcuts (issue 13) keep what it reads and the first error it names."""
from __future__ import annotations

import pytest

from macplan.errors import PlanError
from macplan.model import Network
from macplan.read.plan import load_yaml_text


def test_seldom_settings_are_read_when_given():
    plan = load_yaml_text("""
networks:
  a: {parent: eth0.5, subnet: 10.0.0.0/24, containers: 3}
  b:
    parent: eth1
    ipv6: true
    ipv4: false
    internal: true
    attachable: true
    ingress: true
    scope: swarm
    config_only: true
    config_from: base
    labels: {z: "1", a: "2"}
    ipam_driver: default
    ipam_options: {k: v}
""")
    a, b = plan.networks
    assert a == Network("a", options=(("parent", "eth0.5"),), subnets=("10.0.0.0/24",), containers=3)
    assert b == Network("b", options=(("parent", "eth1"),), ipv6=True, ipv4=False, internal=True, attachable=True,
                        ingress=True, scope="swarm", config_only=True, config_from="base",
                        labels=(("a", "2"), ("z", "1")), ipam_driver="default", ipam_options=(("k", "v"),))


def test_first_error_is_still_the_first_setting_read():
    with pytest.raises(PlanError, match="ipv6 must be true or false"):
        load_yaml_text("networks:\n  a: {parent: eth0, ipv6: maybe, containers: many}\n")
    with pytest.raises(PlanError, match="containers must be a whole number"):
        load_yaml_text("networks:\n  a: {parent: eth0, containers: many}\n")
    with pytest.raises(PlanError, match=r"unknown key 'contaners' in network a \(did you mean 'containers'\?\)"):
        load_yaml_text("networks:\n  a: {parent: eth0, contaners: 2}\n")
