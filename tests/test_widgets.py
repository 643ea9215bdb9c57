"""The planner widget without a browser: trait changes, set_state (what a browser edit sends),
button clicks, and the incremental check against a full one."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

pytest.importorskip("ipywidgets")

import macplan  # noqa: E402
from macplan import emit  # noqa: E402
from macplan.checked import Checked
from macplan.model import Host, Interface, Network, Plan  # noqa: E402
from macplan.notebook.app import app_main  # noqa: E402
from macplan.notebook.planner import Planner

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "examples" / "seed.sh")
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture
def seed():
    return Planner.open(SEED, interfaces=["eth0"], engine="20.10")


def rules_of(p: Planner, name: str) -> list[str]:
    return [f.rule for r in p.report.networks if r.name == name for f in r.findings]


def test_opens_the_seed_guide_with_docker_s_verdict(seed):
    assert seed.summary() == ("plan seed, engine 20.10: 5 networks on 1 host, 1 refused, 1 errors, 2 warnings; "
                              "selected pub_net")
    assert [label for label, _ in seed.networks.options] == [
        "✓ pub_net", "✖ macnet32", "✓ macvlan50", "⚠ ipvlan210", "⚠ macvlan216"]
    # errors first, in Docker's words
    first = seed.findings_html.value.index("macplan-error")
    assert first < seed.findings_html.value.index("macplan-warning")
    assert "docker: network dm-&lt;id&gt; is already using parent interface eth0" in seed.findings_html.value
    assert seed.fields["subnets"].value == "172.16.86.0/24"
    assert seed.fields["parent"].value == "eth0"
    assert seed.commands_html.value == ""           # tabs render when opened
    seed.tabs.selected_index = 1
    assert "docker network create -d macvlan" in seed.commands_html.value


def test_text_plain_is_a_stable_summary(seed):
    bundle = seed._repr_mimebundle_()
    assert bundle["text/plain"] == "<macplan Planner: " + seed.summary() + ">"
    assert "application/vnd.jupyter.widget-view+json" in bundle
    again = Planner.open(SEED, interfaces=["eth0"], engine="20.10")
    assert again._repr_mimebundle_()["text/plain"] == bundle["text/plain"]
    assert again.findings_html.value == seed.findings_html.value
    assert again.network_html.value == seed.network_html.value


def test_selecting_in_the_list_fills_the_form(seed):
    seed.networks.set_state({"index": 2})  # what a click in the browser sends
    assert seed.network.name == "macvlan50"
    assert (seed.fields["parent"].value, seed.fields["vlan"].value) == ("eth0", "50")
    assert seed.fields["gateways"].value == "192.168.50.1"
    seed.select("macnet32")
    assert seed.fields["ip_ranges"].value == "192.168.32.128/25"
    assert seed.fields["aux"].value == "my-router=192.168.32.129"
    assert "Docker refuses macnet32" in seed.network_html.value


def test_a_conflict_appears_and_goes(seed):
    seed.select("macvlan50")
    seed.fields["vlan"].set_state({"value": ""})        # macvlan50 now on eth0 itself
    assert rules_of(seed, "macvlan50") == ["parent-in-use"]
    assert 'data-network="macvlan50" data-rule="parent-in-use"' in seed.findings_html.value
    assert "✖ macvlan50" in [label for label, _ in seed.networks.options]
    seed.fields["vlan"].set_state({"value": "50"})
    assert rules_of(seed, "macvlan50") == []
    assert 'data-network="macvlan50"' not in seed.findings_html.value
    assert seed.plan.network("macvlan50").parent == "eth0.50"


@pytest.mark.parametrize("key, bad, words", [
    ("subnets", "192.168.50.0/33", "is not a subnet"),
    ("subnets", "banana", "is not a subnet"),
    ("gateways", "192.168.50.300", "is not an IP address"),
    ("ip_ranges", "10.0.0.0", "is not a ip-range"),
    ("aux", "router", "name=address"),
    ("aux", "r=1.2.3", "is not an IP address"),
    ("containers", "-3", "whole number"),
    ("containers", "many", "whole number"),
    ("vlan", "5000", "1 to 4094"),
    ("vlan", "x", "1 to 4094"),
    ("parent", "eth 0", "not an interface name"),
    ("name", "  ", "needs a name"),
])
def test_bad_values_show_inline_and_change_nothing(seed, key, bad, words):
    seed.select("macvlan50")
    before = seed.plan
    seed.fields[key].set_state({"value": bad})
    assert words in seed.errors[key].value
    assert seed.plan is before
    assert "went wrong" not in seed.status.value
    # a good value clears the error
    good = {"subnets": "192.168.50.0/24", "gateways": "192.168.50.1", "ip_ranges": "192.168.50.128/25",
            "aux": "r=192.168.50.2", "containers": "10", "vlan": "51", "parent": "eth1", "name": "m50"}[key]
    seed.fields[key].value = good
    assert seed.errors[key].value == ""


def test_vlan_without_parent_is_an_inline_error(seed):
    seed.select("ipvlan210")
    seed.fields["vlan"].value = "30"
    assert "needs a parent" in seed.errors["vlan"].value
    seed.fields["parent"].value = "eth0"
    seed.fields["vlan"].value = "30"
    assert seed.network.parent == "eth0.30"
    assert seed.errors["vlan"].value == ""


def test_parent_typed_with_vlan_is_split(seed):
    seed.select("pub_net")
    seed.fields["parent"].value = "eth0.70"
    assert seed.network.parent == "eth0.70"


def test_edits_reach_the_plan_commands_and_capacity(seed):
    seed.select("macvlan50")
    seed.fields["ip_ranges"].value = "192.168.50.64/26"
    seed.fields["aux"].value = "printer=192.168.50.70"
    seed.fields["containers"].value = "80"
    net = seed.plan.network("macvlan50")
    assert net.ip_ranges == ("192.168.50.64/26",) and net.aux == (("printer", "192.168.50.70"),)
    assert seed.capacity.network("macvlan50").containers == 63
    seed.tabs.set_state({"selected_index": 1})
    assert "--ip-range=192.168.50.64/26" in seed.commands_html.value
    seed.tabs.selected_index = 0
    assert "holds <b style='color:#b00020'>63</b> containers (expected 80)" in seed.network_html.value
    assert "<img" in seed.network_html.value     # the address map


def test_driver_and_mode(seed):
    seed.select("macvlan50")
    seed.fields["driver"].value = "ipvlan"
    assert seed.network.driver == "ipvlan"
    assert [v for _, v in seed.fields["mode"].options] == ["", "l2", "l3", "l3s"]
    seed.fields["mode"].value = "l3"
    assert seed.network.mode == "l3"
    assert "-o ipvlan_mode=l3" in seed.commands()
    seed.fields["driver"].value = "macvlan"
    assert seed.network.mode is None and seed.fields["mode"].value == ""


def test_ipv6_checkbox_and_engine_dropdown(seed):
    seed.select("macvlan216")
    seed.fields["ipv6"].value = True
    assert "ipv6-subnet-ignored" not in rules_of(seed, "macvlan216")
    seed.engine_choice.value = "27"                # macvlan networks may share a parent from 27
    assert seed.report.engine == "27"
    assert "parent-in-use" not in rules_of(seed, "macnet32")
    assert seed.report.networks[1].accepted


def test_add_and_remove_with_buttons(seed):
    seed.add_button.click()
    assert seed.network.name == "net6" and len(seed.plan.networks) == 6
    assert seed.networks.value == 5
    # a new network is one Docker accepts: a free VLAN of the trunk, a subnet nobody uses
    assert seed.network.parent == "eth0.1" and seed.network.subnets == ("10.0.1.0/24",)
    assert seed.network.gateways == ("10.0.1.1",)
    assert seed.report.networks[5].accepted and rules_of(seed, "net6") == []
    seed.fields["subnets"].value = "10.9.0.0/24"
    seed.fields["vlan"].value = "9"
    assert seed.plan.network("net6").parent == "eth0.9"
    seed.remove_button.click()                      # asks first
    assert len(seed.plan.networks) == 6 and seed.remove_confirm.layout.display == ""
    assert "Remove <code>net6</code>?" in seed.remove_question.value
    seed.remove_no.click()
    assert len(seed.plan.networks) == 6 and seed.remove_confirm.layout.display == "none"
    seed.remove_button.click()
    seed.remove_yes.click()
    assert [n.name for n in seed.plan.networks] == ["pub_net", "macnet32", "macvlan50", "ipvlan210", "macvlan216"]
    for _ in range(5):
        seed.remove_button.click()
        seed.remove_yes.click()
    assert seed.plan.networks == () and seed.selected is None
    assert seed.remove_button.disabled
    seed.add_button.click()
    assert seed.network.name == "net1" and seed.report.ok


@pytest.mark.parametrize("path", EXAMPLES + [Path(SEED)], ids=lambda p: p.name)
def test_added_networks_are_accepted_on_every_example(path):
    p = Planner.open(str(path), interfaces=["eth0"], engine="20.10")
    before = {r.name: r.accepted for r in p.report.networks}
    for _ in range(3):
        p.add_network()
        assert p.report.networks[p.selected].accepted, p.findings_text(p.network.name)
        assert not [f for f in p.report.networks[p.selected].findings if f.severity == "error"]
    assert {r.name: r.accepted for r in p.report.networks if r.name in before} == before


def test_commands_tab_and_export_mark_refusals_as_the_cli_does(seed, tmp_path, capsys):
    from macplan.cli import main

    seed.tabs.selected_index = 1
    assert "5 commands, 1 refused by Docker 20.10" in seed.commands_html.value
    assert "in an order Docker accepts" not in seed.commands_html.value
    assert "# Docker 20.10 refuses this: network dm-&lt;id&gt; is already using parent interface eth0" \
        in seed.commands_html.value
    seed.commands_path.value = str(tmp_path / "seed.sh")
    seed.export_button.click()
    assert "1 marked as refused" in seed.save_status.value
    assert main(["commands", SEED, "--engine", "20.10", "--interfaces", "eth0"]) == 1
    assert (tmp_path / "seed.sh").read_text() == capsys.readouterr().out
    seed.engine_choice.value = "27"
    seed.tabs.selected_index = 0
    seed.tabs.selected_index = 1
    assert "5 commands, in an order Docker accepts" in seed.commands_html.value
    assert "refuses this" not in seed.commands()


def test_undo_and_the_unsaved_mark(seed, tmp_path):
    assert not seed.unsaved and "unsaved" not in seed.title.value and seed.undo_button.disabled
    seed.select("macvlan50")
    seed.fields["vlan"].value = ""
    seed.fields["containers"].value = "9"
    assert seed.unsaved and "unsaved changes" in seed.title.value and not seed.undo_button.disabled
    seed.undo_button.click()
    assert seed.network.containers is None and seed.fields["containers"].value == ""
    seed.undo_button.click()
    assert seed.plan.network("macvlan50").parent == "eth0.50" and rules_of(seed, "macvlan50") == []
    assert not seed.unsaved and "unsaved" not in seed.title.value and seed.undo_button.disabled
    seed.remove_button.click()
    seed.remove_yes.click()
    seed.add_button.click()
    seed.undo_button.click()
    seed.undo_button.click()
    assert [n.name for n in seed.plan.networks][2] == "macvlan50" and seed.network.name == "macvlan50"
    seed.fields["containers"].value = "3"
    seed.yaml_path.value = str(tmp_path / "s.yaml")
    seed.save_button.click()
    assert not seed.unsaved and "unsaved" not in seed.title.value


def test_hosts_interfaces_limits_and_dhcp(seed):
    seed.tabs.selected_index = 2
    hf = seed.host_fields
    assert seed.host_choice.value == "host" and hf["interfaces"].value == "eth0 ethernet"
    hf["interfaces"].value = "eth0 ethernet 3\nwlan0 wifi"
    assert seed.plan.host("host").interface("eth0").mac_limit == 3
    assert seed.plan.host("host").interface("wlan0").kind == "wifi"
    hf["interfaces"].value = "eth0 copper"
    assert "neither a kind" in seed.host_errors["interfaces"].value
    assert seed.plan.host("host").interface("wlan0") is not None
    hf["vlan_limits"].value = "50=0"
    assert seed.plan.vlan_limits == ((50, 0),)
    hf["vlan_limits"].value = "50"
    assert "VLAN=limit" in seed.host_errors["vlan_limits"].value
    hf["dhcp"].value = "office 192.168.50.10-192.168.50.20"
    assert seed.plan.dhcp[0].name == "office" and seed.plan.dhcp[0].last == "192.168.50.20"
    hf["dhcp"].value = "192.168.50.30-192.168.50.20"
    assert "before the last" in seed.host_errors["dhcp"].value
    hf["name"].value = "docker1"
    assert [h.name for h in seed.plan.hosts] == ["docker1"] and {n.host for n in seed.plan.networks} == {"docker1"}
    assert seed.host_choice.value == "docker1"
    seed.add_host_button.click()
    assert [h.name for h in seed.plan.hosts] == ["docker1", "host2"] and seed.host_choice.value == "host2"
    assert hf["interfaces"].value == ""
    assert "1 refused" in seed.title.value          # the whole plan was re-checked


def test_filter_keeps_the_list_small_on_4094_networks():
    p = Planner(trunk_plan(4094), engine="20.10")
    assert len(p.networks.options) == 200
    assert "4,094 of 4,094 networks match; showing the first 200" in p.list_note.value
    p.filter.value = "v4093"
    assert [label.split()[1:] for label, _ in p.networks.options] == [["v4093", "@h1"]]
    p.networks.set_state({"index": 0})
    assert p.network.name == "v4093"
    p.filter.value = "10.15."
    assert len(p.networks.options) <= 201 and all("10.15." in p.plan.networks[i].subnets[0]
                                                   for _, i in p.networks.options if i != p.selected)
    p.filter.value = ""
    assert p.network.name == "v4093" and p.selected in [i for _, i in p.networks.options]


def test_save_defaults_to_the_file_opened(tmp_path, monkeypatch):
    import shutil

    shutil.copy(ROOT / "examples" / "vlan-trunk.yaml", tmp_path / "mine.yaml")
    monkeypatch.chdir(tmp_path)
    p = Planner.open("mine.yaml")
    assert (p.yaml_path.value, p.commands_path.value) == ("mine.yaml", "mine.sh")
    p.select(0)
    p.fields["containers"].value = "4"
    p.save_button.click()
    assert macplan.load(str(tmp_path / "mine.yaml")).networks[0].containers == 4
    assert not (tmp_path / "vlan-trunk.yaml").exists()
    s = Planner.open(SEED, interfaces=["eth0"])
    assert (s.yaml_path.value, s.commands_path.value) == ("seed.yaml", "seed.sh")   # outside: its name, here


def test_in_the_app_paths_are_relative_to_its_root(tmp_path, monkeypatch):
    import shutil

    (tmp_path / "plans").mkdir()
    shutil.copy(ROOT / "examples" / "vlan-trunk.yaml", tmp_path / "plans" / "site.yaml")
    monkeypatch.setenv("MACPLAN_APP", "1")
    monkeypatch.setenv("MACPLAN_APP_ROOT", str(tmp_path))
    monkeypatch.chdir(ROOT / "notebooks")             # where Voila runs the notebook
    p = Planner.open(str(tmp_path / "plans" / "site.yaml"))
    assert p.yaml_path.value == "plans/site.yaml" and str(tmp_path) in p.save_where.value
    p.select(0)
    p.fields["containers"].value = "6"
    p.save_button.click()
    assert macplan.load(str(tmp_path / "plans" / "site.yaml")).networks[0].containers == 6
    p.open_path.value = "plans/site.yaml"
    p.open_button.click()
    assert p.plan.networks[0].containers == 6 and "opened" in p.open_status.value
    p.yaml_path.value = "../escape.yaml"
    p.save_button.click()
    assert "could not save" in p.save_status.value and not (tmp_path.parent / "escape.yaml").exists()
    seedp = Planner.open(SEED, interfaces=["eth0"])   # the app's default plan lives outside the root
    assert seedp.yaml_path.value == "seed.yaml"


def test_default_engine_is_one_function(monkeypatch):
    from macplan.notebook import planner as mod

    monkeypatch.setattr(mod, "default_engine", lambda: "27")
    p = Planner.open(SEED, interfaces=["eth0"])
    assert p.report.engine == "27" and p.engine_choice.value == "27"


def test_open_panel(seed, tmp_path):
    seed.open_text.value = "docker network create -d macvlan --subnet=10.1.0.0/24 -o parent=eth1 lan\n"
    seed.open_interfaces.value = "eth1"
    seed.open_text_button.click()
    assert [n.name for n in seed.plan.networks] == ["lan"] and seed.report.ok
    seed.open_text.value = "networks:\n  a:\n    parnet: eth0\n"
    seed.open_text_button.click()
    assert "did you mean &#x27;parent&#x27;" in seed.open_status.value
    assert [n.name for n in seed.plan.networks] == ["lan"]
    seed.open_path.value = str(tmp_path / "missing.yaml")
    seed.open_button.click()
    assert "cannot open" in seed.open_status.value
    seed.open_path.value = str(ROOT / "examples" / "vlan-trunk.yaml")
    seed.open_button.click()
    assert seed.plan.name == "vlan-trunk" and seed.fields["vlan"].value == "10"
    assert "max 256 MACs" in seed.hosts_html.value
    assert "VLAN 10" in seed.macs_html.value
    seed.open_empty.click()
    assert seed.plan.networks == () and "No findings" in seed.findings_html.value


def test_save_and_export(seed, tmp_path):
    seed.select("macvlan50")
    seed.fields["containers"].value = "12"
    seed.yaml_path.value = str(tmp_path / "p.yaml")
    seed.save_button.click()
    assert "saved the plan" in seed.save_status.value
    back = macplan.load(str(tmp_path / "p.yaml"))
    assert back.networks == seed.plan.networks
    seed.commands_path.value = str(tmp_path / "p.sh")
    seed.export_button.click()
    assert (tmp_path / "p.sh").read_text() == emit.checked_commands(seed.plan, seed.report)[0]
    seed.yaml_path.value = str(tmp_path / "no" / "such" / "dir.yaml")
    seed.save_button.click()
    assert "could not save" in seed.save_status.value


# ---------------------------------------------------------------- apply, with a fake engine

class FakeTransport:
    """An engine in memory (the engine module's Transport protocol)."""

    def __init__(self, fail_on: str | None = None):
        self.nets: dict[str, dict] = {}
        self.fail_on = fail_on
        self.calls: list[str] = []

    def version(self):
        return {"Version": "20.10.24+dfsg1", "ApiVersion": "1.41"}

    def networks(self):
        return list(self.nets.values())

    def create_network(self, body):
        from macplan.errors import EngineRefused

        self.calls.append("create " + body["Name"])
        if body["Name"] == self.fail_on:
            raise EngineRefused("Error response from daemon: boom", 403, "boom")
        nid = f"{len(self.calls):064x}"
        self.nets[nid] = {"Name": body["Name"], "Id": nid, "Driver": body.get("Driver"), "Scope": "local",
                          "Options": body.get("Options") or {}, "Labels": body.get("Labels") or {},
                          "IPAM": body.get("IPAM") or {}, "EnableIPv6": bool(body.get("EnableIPv6")),
                          "Internal": False, "Attachable": False, "ConfigOnly": False, "Containers": {}}
        return nid

    def remove_network(self, net_id):
        self.calls.append("remove " + self.nets[net_id]["Name"])
        del self.nets[net_id]

    def disconnect(self, net_id, container):
        pass

    def close(self):
        pass


def _planner_with(transport, **kw):
    from macplan.engine.client import Engine

    plan = macplan.load(str(ROOT / "examples" / "vlan-trunk.yaml"))
    return Planner(plan, engine_factory=lambda host, progress: Engine(transport=transport, progress=progress),
                   lab_docker_host=lambda: "unix:///fake.sock", **kw)


def test_apply_shows_the_diff_then_applies_with_progress():
    t = FakeTransport()
    p = _planner_with(t)
    p.confirm_button.click()
    assert "Show the diff first" in p.apply_result.value and t.calls == []
    p.diff_button.click()
    assert "+ servers" in p.diff_html.value and "2 to create" in p.diff_html.value
    assert p.confirm_button.layout.display == "" and t.calls == []
    p.confirm_button.click()
    assert t.calls == ["create servers", "create cameras"]
    assert (p.progress.value, p.progress.max, p.progress.bar_style) == (2, 2, "success")
    assert "Applied" in p.apply_result.value and "created servers, cameras" in p.apply_result.value
    assert p.confirm_button.layout.display == "none"
    p.diff_button.click()
    assert "nothing to do" in p.diff_html.value and p.confirm_button.layout.display == "none"


def test_an_edit_after_the_diff_withdraws_the_confirmation():
    t = FakeTransport()
    p = _planner_with(t)
    p.diff_button.click()
    p.fields["containers"].value = "7"
    assert p.confirm_button.layout.display == "none" and "show the diff again" in p.diff_html.value
    p.confirm_button.click()
    assert t.calls == []


def test_apply_failure_is_reported_and_rolled_back():
    t = FakeTransport(fail_on="cameras")
    p = _planner_with(t)
    p.diff_button.click()
    p.confirm_button.click()
    assert "Failed" in p.apply_result.value and "Rolled back: servers" in p.apply_result.value
    assert p.progress.bar_style == "danger" and t.nets == {}


def test_apply_refuses_plans_with_errors_and_unreachable_engines(seed):
    t = FakeTransport()
    p = Planner(seed.plan, engine="20.10", lab_docker_host=lambda: "unix:///fake.sock",
                engine_factory=lambda h, pr: __import__("macplan.engine.client").engine.client.Engine(transport=t, progress=pr))
    p.diff_button.click()
    assert "error finding" in p.diff_html.value and p.confirm_button.layout.display == "none"
    p2 = Planner(seed.plan, engine="20.10")
    p2.apply_target.value = "docker_host"
    p2.apply_docker_host.value = "unix:///nonexistent/docker.sock"
    p2.diff_button.click()
    assert 'class="macplan-err"' in p2.diff_html.value
    p2.apply_docker_host.value = ""
    p2.diff_button.click()
    assert "fill in DOCKER_HOST" in p2.diff_html.value


# ---------------------------------------------------------------- incremental == full

def trunk_plan(n: int, hosts: int = 2) -> Plan:
    hs = tuple(Host(f"h{i}", (Interface("eth0", mac_limit=300), Interface("eth1"))) for i in range(hosts))
    nets = []
    for vid in range(1, n + 1):
        nets.append(Network(name=f"v{vid}", host=f"h{vid % hosts}", options=(("parent", f"eth0.{vid}"),),
                            subnets=(f"10.{vid // 256}.{vid % 256}.0/24",), gateways=(f"10.{vid // 256}.{vid % 256}.1",),
                            containers=20 + vid))
    return Plan(name="trunk", hosts=hs, networks=tuple(nets), vlan_limits=((3, 30),))


def _same(a: Checked, plan: Plan, engine: str):
    full = macplan.check(plan, engine=engine)
    assert a.plan == plan
    assert a.report.to_dict() == full.to_dict()
    assert [p.to_dict() for p in a.report.parents] == [p.to_dict() for p in full.parents]
    assert [v.to_dict() for v in a.report.vlans] == [v.to_dict() for v in full.vlans]
    assert a.report.ports == full.ports
    assert macplan.capacity(plan, engine, report=a.report).to_dict() == macplan.capacity(plan, engine).to_dict()


def _random_edit(rng: random.Random, net: Network, n: int) -> Network:
    k = rng.randrange(7)
    other = rng.randrange(1, n + 1)
    if k == 0:   # take another network's subnet: pool overlap
        return net.with_(subnets=(f"10.{other // 256}.{other % 256}.0/24",), gateways=())
    if k == 1:   # take another VLAN, or the bare trunk
        return net.with_(options=(("parent", rng.choice([f"eth0.{other}", "eth0", "eth1"])),))
    if k == 2:
        return net.with_(name=f"v{other}")
    if k == 3:
        return net.with_(driver=rng.choice(["ipvlan", "macvlan"]))
    if k == 4:
        return net.with_(containers=rng.choice([0, 10, 300]))
    if k == 5:
        return net.with_(subnets=("10.200.0.0/16",), gateways=("10.200.0.1",), ip_ranges=("10.200.1.0/24",))
    return net.with_(gateways=("192.168.0.1",))


@pytest.mark.parametrize("engine", ["20.10", "27"])
def test_incremental_check_equals_full_check(engine):
    rng = random.Random(5)
    plan = trunk_plan(40)
    c = Checked(plan, engine)
    kinds = set()
    for _ in range(60):
        i = rng.randrange(len(plan.networks))
        plan = plan.with_(networks=plan.networks[:i] + (_random_edit(rng, plan.networks[i], 40),)
                          + plan.networks[i + 1:])
        c.replace(i, plan.networks[i])
        kinds.add(c.last)
        _same(c, plan, engine)
    assert "incremental" in kinds


@pytest.mark.parametrize("path", EXAMPLES + [Path(SEED)], ids=lambda p: p.name)
def test_incremental_check_on_the_examples(path):
    plan = macplan.load(str(path)) if path.suffix == ".yaml" else macplan.load(str(path), interfaces=["eth0"])
    c = Checked(plan, "20.10")
    for i, net in enumerate(plan.networks):
        for edit in (net.with_(containers=5), net.with_(options=(("parent", "eth0"),)), net.with_(name="pub_net")):
            plan2 = plan.with_(networks=plan.networks[:i] + (edit,) + plan.networks[i + 1:])
            c2 = Checked(plan, "20.10")
            c2.replace(i, edit)
            _same(c2, plan2, "20.10")
    assert c.plan == plan


def test_big_plan_edit_is_incremental_and_fast():
    p = Planner(trunk_plan(400), engine="20.10")
    p.select("v200")
    p.fields["gateways"].value = ""
    p.fields["subnets"].value = "10.0.202.0/24"     # v202 (same host) has it
    assert p.checked.last == "incremental"
    assert "Pool overlaps" in p.findings_text("v202")   # the later create is refused
    assert p.timings["edit"] < 2.0    # generous: a shared CI machine; bench/widget.py has the figure


# ---------------------------------------------------------------- macplan app

def test_app_main_usage_errors(capsys, tmp_path):
    assert app_main(["--help"]) == 0
    assert "macplan app" in capsys.readouterr().out
    assert app_main([str(tmp_path / "nope.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_the_planner_and_the_cli_default_to_the_same_engine(monkeypatch):
    """One rule everywhere: with no engine answering, the planner's default is the CLI's."""
    from macplan.notebook import planner as mod
    from macplan.profile import DEFAULT_ENGINE
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    assert mod.default_engine() == DEFAULT_ENGINE
