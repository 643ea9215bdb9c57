"""The planner after an edit: only the panels (and parts of panels) whose content changed are
sent again, undo gives back every plan with its check, and a big plan stays small on screen
(issue 13: a 4,094-network plan, an edit redrawn in under 100 ms)."""

from __future__ import annotations

import gc

import pytest

pytest.importorskip("ipywidgets")

import macplan  # noqa: E402
from macplan.model import Host, Interface, Network, Plan  # noqa: E402
from macplan.notebook import planner as planner_module  # noqa: E402
from macplan.notebook.planner import Planner  # noqa: E402


def trunk_plan(n: int, hosts: int = 2) -> Plan:
    hs = tuple(Host(f"h{i}", (Interface("eth0", mac_limit=300), Interface("eth1"))) for i in range(hosts))
    nets = tuple(Network(name=f"v{vid}", host=f"h{vid % hosts}", options=(("parent", f"eth0.{vid}"),),
                         subnets=(f"10.{vid // 256}.{vid % 256}.0/24",), gateways=(f"10.{vid // 256}.{vid % 256}.1",),
                         containers=20 + vid)
                 for vid in range(1, n + 1))
    return Plan(name="trunk", hosts=hs, networks=nets, vlan_limits=((3, 30),))


def changes(widget) -> list:
    """The values a widget's `value` trait changes to (a trait set to its own value sends nothing)."""
    seen: list = []
    widget.observe(lambda change: seen.append(change["new"]), names="value")
    return seen


def test_an_edit_resends_only_the_parts_of_the_network_panel_it_changed():
    p = Planner(trunk_plan(40), engine="20.10")
    p.select("v20")
    head, maps, cmd = p.network_html.parts
    sent = {"head": changes(head), "maps": changes(maps), "cmd": changes(cmd), "macs": changes(p.macs_html)}
    drawn = maps.value
    assert "<img" in drawn and "<img" in p.network_html.value

    p.fields["vlan"].value = "41"                  # the command changes; the address map does not
    assert "eth0.41" in cmd.value and maps.value is drawn
    assert sent["maps"] == [] and sent["head"] == [] and len(sent["cmd"]) == 1

    p.fields["subnets"].value = "10.0.22.0/24"     # v22 has it: refused, the map hidden, kept
    assert "Docker refuses v20" in p.network_html.value and "<img" not in p.network_html.value
    assert maps.layout.display == "none" and maps.value is drawn
    p.fields["subnets"].value = "10.0.20.0/24"     # fixed: the same map shows again, unsent
    assert maps.layout.display == "" and "<img" in p.network_html.value
    assert sent["maps"] == []

    p.fields["containers"].value = "90"            # the map shows the expected containers
    assert len(sent["maps"]) == 1 and "(expected 90)" in head.value


def test_a_panel_is_what_a_fresh_planner_draws():
    """Whatever was kept from earlier edits, the panels equal those of a planner opened on the
    plan as it now is."""
    p = Planner(trunk_plan(40), engine="20.10")
    p.select("v7")
    for key, value in (("vlan", "41"), ("subnets", "10.0.9.0/24"), ("subnets", "10.0.7.0/24"),
                       ("containers", "3"), ("name", "seven"), ("gateways", "10.0.7.254")):
        p.fields[key].value = value
        fresh = Planner(p.plan, engine="20.10")
        fresh.select(p.selected)
        for a, b in ((p.network_html, fresh.network_html), (p.findings_html, fresh.findings_html),
                     (p.macs_html, fresh.macs_html), (p.hosts_html, fresh.hosts_html)):
            assert a.value == b.value
        assert p.networks.options == fresh.networks.options and p.summary() == fresh.summary()


def test_undo_gives_back_every_plan_with_its_check():
    p = Planner(trunk_plan(30), engine="20.10")
    p.select("v10")
    plans = []
    edits = [("containers", "5"), ("vlan", "11"), ("subnets", "10.0.12.0/24"), ("add", None),
             ("engine", "27"), ("name", "ten"), ("remove", None), ("containers", "")]
    for key, value in edits:
        plans.append(p.plan)
        if key == "add":
            p.add_network()
            p.select("v10")
        elif key == "remove":
            p.select("v3")
            p.remove_network()
            p.select(9)
        elif key == "engine":
            plans.pop()                             # not an undo step
            p.engine_choice.value = value
        else:
            p.fields[key].value = value
    while plans:
        assert p.undo()
        want = plans.pop()
        assert p.plan == want
        full = macplan.check(want, engine="27")     # the engine chosen now, whatever it was
        assert p.report.to_dict() == full.to_dict()
        assert [v.to_dict() for v in p.report.vlans] == [v.to_dict() for v in full.vlans]
        assert p.findings_text() == Planner(want, engine="27").findings_text()
    assert not p.undo() and p.undo_button.disabled and not p.unsaved


def test_only_the_newest_undo_step_keeps_its_report():
    p = Planner(trunk_plan(30), engine="20.10")
    for value in ("1", "2", "3", "4"):
        p.fields["containers"].value = value
    assert [step[1] is not None for step in p._undo] == [False, False, False, True]


def test_a_big_plan_shows_windows_of_its_list_charts_and_commands():
    p = Planner(trunk_plan(600), engine="20.10")
    p.select("v300")
    assert len(p.networks.options) == 201 and "600 of 600 networks match" in p.list_note.value
    p.tabs.selected_index = 0
    assert "VLANs: showing" in p.macs_html.value and "Capacity: showing" in p.macs_html.value
    p.tabs.selected_index = 1
    html = p.commands_html.value
    assert "600 commands, in an order Docker accepts" in html
    assert "Showing lines" in html and "around v300" in html and "Export commands writes them all" in html
    shown = html.split("<pre>")[1].split("</pre>")[0].splitlines()
    assert len(shown) == planner_module._MAX_COMMAND_LINES
    assert any(line.endswith(" v300") for line in shown)
    assert p.commands() == macplan.emit.checked_commands(p.plan, p.report)[0]    # export: all of them
    p.select("v1")                                  # the window follows the selection
    assert "around v1;" in p.commands_html.value


def test_a_big_plan_is_frozen_out_of_the_garbage_collectors_way(monkeypatch):
    monkeypatch.setattr(planner_module, "_FREEZE_AT", 20)
    gc.unfreeze()                                   # whatever an earlier test left frozen
    monkeypatch.setattr(planner_module, "_frozen", False)
    try:
        Planner(trunk_plan(5), engine="20.10")      # a small plan: the collector left alone
        assert gc.get_freeze_count() == 0
        p = Planner(trunk_plan(30), engine="20.10")
        assert gc.get_freeze_count() > 0
        p.fields["containers"].value = "7"          # an edit freezes nothing more
        assert p.checked.last == "incremental"
        Planner(trunk_plan(5), engine="20.10")      # a small plan opened: unfrozen
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
        planner_module._frozen = False
