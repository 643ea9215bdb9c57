"""Removing a host in the planner's Hosts & limits tab, without a browser: one undoable edit,
refused while networks (or a script's other commands) use the host, the last host replaced by
the implicit one so the plan still saves and re-opens."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

import macplan  # noqa: E402
from macplan import emit  # noqa: E402
from macplan.model import Endpoint, Host, Interface, Network, Plan  # noqa: E402
from macplan.notebook.planner import Planner  # noqa: E402


def _net(name: str, host: str, vid: int) -> Network:
    return Network(name=name, host=host, options=(("parent", f"eth0.{vid}"),),
                   subnets=(f"10.0.{vid}.0/24",), gateways=(f"10.0.{vid}.1",))


def three_hosts() -> Plan:
    hosts = tuple(Host(f"node{k}", (Interface("eth0", mac_limit=32),)) for k in (1, 2, 3))
    nets = (_net("a", "node1", 10), _net("b", "node1", 11), _net("c", "node3", 12))
    return Plan(name="three", hosts=hosts, networks=nets)


@pytest.fixture
def planner() -> Planner:
    p = Planner(three_hosts(), engine="20.10")
    p.tabs.selected_index = 2            # the Hosts & limits tab
    return p


def names(p: Planner) -> list[str]:
    return [h.name for h in p.plan.hosts]


def test_removes_an_unused_host_and_undo_brings_it_back(planner):
    before = planner.plan
    planner.host_choice.value = "node2"
    assert planner.host_fields["name"].value == "node2"
    planner.remove_host_button.click()
    assert names(planner) == ["node1", "node3"]
    assert planner.plan.networks == before.networks
    # the neighbour (the host after it) is selected, its fields shown
    assert planner.host_choice.options == ("node1", "node3") and planner.host_choice.value == "node3"
    assert planner.host_fields["name"].value == "node3"
    assert "removed <code>node2</code>" in planner.host_status.value
    assert "Undo" in planner.host_status.value
    # the rest of the planner: the hosts summary, the form's host choices, unsaved
    assert "node2" not in planner.hosts_html.value
    planner.select("a")
    assert list(planner.fields["host"].options) == ["node1", "node3"]
    assert planner.unsaved and not planner.undo_button.disabled

    planner.undo_button.click()
    assert planner.plan == before and not planner.unsaved
    assert planner.host_choice.value == "node2"           # comes back selected
    assert "node2" in planner.hosts_html.value
    assert list(planner.fields["host"].options) == ["node1", "node2", "node3"]
    assert planner.host_status.value == ""


def test_removing_the_last_host_in_the_list_selects_the_one_before(planner):
    planner.select("c")
    planner.fields["host"].value = "node1"          # move its network away first
    planner.host_choice.value = "node3"
    planner.remove_host_button.click()
    assert names(planner) == ["node1", "node2"] and planner.host_choice.value == "node2"


def test_a_host_with_networks_is_refused_and_nothing_changes(planner):
    before, steps = planner.plan, len(planner._undo)
    planner.host_choice.value = "node1"
    planner.remove_host_button.click()
    assert planner.plan is before
    assert len(planner._undo) == steps and planner.undo_button.disabled
    assert "node1 still has 2 networks: move or remove them first" in planner.host_status.value
    assert "macplan-err" in planner.host_status.value
    assert not planner.unsaved
    # one network: said in the singular
    planner.host_choice.value = "node3"
    assert planner.host_status.value == ""               # another host: the message goes
    planner.remove_host_button.click()
    assert "node3 still has 1 network: move or remove them first" in planner.host_status.value
    assert planner.plan is before


def test_the_refusal_goes_once_the_networks_have_moved(planner):
    planner.select("c")
    planner.fields["host"].value = "node1"
    planner.host_choice.value = "node3"
    planner.remove_host_button.click()
    assert names(planner) == ["node1", "node2"]
    assert {n.host for n in planner.plan.networks} == {"node1"}
    planner.undo()
    assert names(planner) == ["node1", "node2", "node3"]
    planner.undo()
    assert planner.plan == three_hosts()


def test_a_script_s_other_commands_keep_their_host():
    plan = three_hosts().with_(endpoints=(Endpoint(network="c", container="web", host="node2"),))
    p = Planner(plan, engine="20.10")
    p.tabs.selected_index = 2
    p.host_choice.value = "node2"
    p.remove_host()
    assert p.plan is plan and not p._undo
    assert "node2 still has 1 other command of the script" in p.host_status.value


def test_the_last_host_becomes_the_implicit_one(tmp_path):
    only = Plan(name="solo", hosts=(Host("node1", (Interface("eth0", mac_limit=8),)),))
    p = Planner(only, engine="20.10")
    p.tabs.selected_index = 2
    p.remove_host_button.click()
    # a plan always has a host: Plan's default, what a YAML plan without hosts: reads as
    assert p.plan.hosts == Plan().hosts and names(p) == ["host"]
    assert p.host_choice.value == "host" and p.host_fields["interfaces"].value == ""
    assert "removed <code>node1</code>" in p.host_status.value and "implicit" in p.host_status.value
    path = p.save_yaml(str(tmp_path / "solo.yaml"))
    assert path is not None and "saved" in p.save_status.value
    assert "hosts" not in (tmp_path / "solo.yaml").read_text()
    assert macplan.load(path) == p.plan
    # nothing left to remove: said, and no undo step
    steps = len(p._undo)
    p.remove_host_button.click()
    assert "nothing to remove" in p.host_status.value and len(p._undo) == steps
    p.undo_button.click()
    assert p.plan == only and p.host_choice.value == "node1"


def test_the_last_host_with_networks_is_refused():
    plan = Plan(name="solo", hosts=(Host("node1", (Interface("eth0"),)),), networks=(_net("a", "node1", 10),))
    p = Planner(plan, engine="20.10")
    p.remove_host()          # the tab never opened: the host it would show, the first
    assert p.plan is plan and not p._undo
    assert "node1 still has 1 network" in p.host_status.value


def test_an_empty_host_list_cannot_be_saved_which_is_why_the_last_host_is_replaced():
    with pytest.raises(ValueError, match="reads back the same"):
        emit.dump_yaml(Plan(name="none", hosts=()))


def test_saving_after_a_removal_reads_back_equal(planner, tmp_path):
    planner.host_choice.value = "node2"
    planner.remove_host()
    path = planner.save_yaml(str(tmp_path / "three.yaml"))
    assert path is not None and not planner.unsaved
    again = macplan.load(path)
    assert again == planner.plan and [h.name for h in again.hosts] == ["node1", "node3"]
    reopened = Planner.open(path, engine="20.10")
    assert reopened.plan == planner.plan
    assert reopened.summary().split(";")[0] == planner.summary().split(";")[0]


def test_findings_follow_the_removal():
    """A host with declared interfaces removed and put back: the re-check after each edit is
    the full one (what a freshly opened planner shows)."""
    p = Planner(three_hosts(), engine="20.10")
    p.tabs.selected_index = 2
    p.host_choice.value = "node2"
    p.remove_host()
    fresh = Planner(p.plan, engine="20.10")
    assert p.findings_html.value == fresh.findings_html.value
    assert p.summary() == fresh.summary()
    p.tabs.selected_index = 0
    fresh.tabs.selected_index = 0
    assert p.macs_html.value == fresh.macs_html.value


def test_undoing_a_rename_selects_the_host_under_its_old_name(planner):
    planner.host_choice.value = "node2"
    planner.host_fields["name"].value = "spare"
    assert names(planner) == ["node1", "spare", "node3"] and planner.host_choice.value == "spare"
    planner.undo()
    assert names(planner) == ["node1", "node2", "node3"] and planner.host_choice.value == "node2"


def test_the_apply_host_choice_follows_host_edits(planner):
    # Save & apply's "plan host" lists the hosts with networks; renaming one (in the Hosts tab)
    # must not leave the old name there, which apply would then look for in vain
    assert list(planner.apply_host.options) == ["node1", "node3"]
    planner.apply_host.value = "node3"
    planner.host_choice.value = "node1"
    planner.host_fields["name"].value = "edge"
    assert list(planner.apply_host.options) == ["edge", "node3"] and planner.apply_host.value == "node3"
    planner.undo()
    assert list(planner.apply_host.options) == ["node1", "node3"] and planner.apply_host.value == "node3"
