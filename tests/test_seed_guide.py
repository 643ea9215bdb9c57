"""The five commands of Docker's "Use macvlan networks" guide, checked as one script.

Expected texts come from research/moby-rules.md and from the 20.10 daemon observed in
research/lab.md (section 2), not from macplan's own output."""
from pathlib import Path

import pytest

import macplan

SEED = Path(__file__).parent.parent / "examples" / "seed.sh"


def seed(engine, interfaces=("eth0",)):
    plan = macplan.load(str(SEED), interfaces=list(interfaces))
    return {n.name: n for n in macplan.check(plan, engine=engine).networks}


def rules(result):
    return {f.rule for f in result.findings}


def test_seed_parses_as_five_commands_in_order():
    plan = macplan.load(str(SEED))
    assert [n.name for n in plan.networks] == ["pub_net", "macnet32", "macvlan50", "ipvlan210", "macvlan216"]
    macnet32 = plan.networks[1]
    assert macnet32.aux == (("my-router", "192.168.32.129"),)
    assert macnet32.ip_ranges == ("192.168.32.128/25",)
    assert plan.networks[4].subnets == ("192.168.216.0/24", "192.168.218.0/24", "2001:db8:abc8::/64")


def test_on_2010_macnet32_is_refused_for_sharing_eth0():
    nets = seed("20.10")
    assert nets["pub_net"].accepted
    assert not nets["macnet32"].accepted
    [error] = [f for f in nets["macnet32"].findings if f.severity == "error"]
    assert error.docker_error == "network dm-<id> is already using parent interface eth0"
    assert error.rule == "parent-in-use"


def test_ipvlan210_has_no_parent_so_docker_uses_a_dummy_link():
    nets = seed("20.10")
    assert nets["ipvlan210"].accepted
    assert "no-parent" in rules(nets["ipvlan210"])


def test_macvlan216_loses_ipv6_without_the_ipv6_flag():
    nets = seed("20.10")
    assert nets["macvlan216"].accepted
    assert "ipv6-subnet-ignored" in rules(nets["macvlan216"])
    cap = macplan.capacity(macplan.load(str(SEED), interfaces=["eth0"]), "20.10").network("macvlan216")
    assert [s.subnet for s in cap.subnets] == ["192.168.216.0/24", "192.168.218.0/24"]   # no IPv6 pool


def test_from_27_macvlan_networks_may_share_a_parent():
    nets = seed("27")
    assert nets["macnet32"].accepted
    # and then the auto-gateway / mixed driver hints do not fire for the guide's explicit gateways
    assert "auto-gateway-in-range" not in rules(nets["macnet32"])


@pytest.mark.parametrize("engine", ["20.10", "23", "24", "25", "26", "27", "28", "29"])
def test_every_engine_profile_checks_the_guide(engine):
    nets = seed(engine)
    assert nets["pub_net"].accepted and nets["macvlan50"].accepted
    assert nets["macnet32"].accepted == (engine in ("27", "28", "29"))


def test_on_a_host_without_8021q_the_vlan_parents_fail_like_the_lab_daemon():
    plan = macplan.load(str(SEED), interfaces=["eth0"], kernel_lacks=["8021q", "dummy"])
    nets = {n.name: n for n in macplan.check(plan, "20.10").networks}
    assert nets["macvlan50"].findings[0].docker_error == "failed to create eth0.50 vlan link: operation not supported"
    assert nets["ipvlan210"].findings[0].docker_error == "operation not supported"
