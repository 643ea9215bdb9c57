"""engine.py through its transport seam, no daemon: malformed answers, escaping, identity rules.

The fake transport only stands in for the socket; everything above it (Engine, the CLI's exit
codes and messages) is the real code. Behaviour against a real dockerd is in tests/engine/.
"""

from __future__ import annotations

import copy

import pytest

import macplan
from macplan import errors
from macplan.cli import engine as engine_cli
from macplan.engine import client as eng_client
from macplan.engine import transport as eng_transport
from macplan.engine.client import Engine
from macplan.engine.state import LABEL_HASH, LABEL_ORIGIN, LABEL_PLAN, plan_origin

PLAN = "docker network create -d macvlan --subnet 10.1.0.0/24 -o parent=eth0 n1\n"


def good_net(name="n1", **over) -> dict:
    n = {"Name": name, "Id": "a" * 64, "Driver": "macvlan", "Scope": "local", "EnableIPv6": False,
         "Internal": False, "Attachable": False, "Ingress": False, "ConfigOnly": False,
         "ConfigFrom": {"Network": ""}, "Options": {"parent": "eth0"}, "Labels": {},
         "IPAM": {"Driver": "default", "Options": None, "Config": [{"Subnet": "10.1.0.0/24"}]},
         "Containers": {}}
    n.update(over)
    return n


class FakeTransport:
    """Answers with whatever JSON the test gives it; records what macplan asked for."""

    def __init__(self, networks=(), version=None, create_answer="b" * 64):
        self._networks = list(networks)
        self._version = version if version is not None else {"Version": "20.10.24", "ApiVersion": "1.41"}
        self.create_answer = create_answer
        self.calls = []

    def version(self):
        return copy.deepcopy(self._version)

    def networks(self):
        return copy.deepcopy(self._networks)

    def create_network(self, body):
        self.calls.append(("create", body["Name"]))
        return self.create_answer

    def remove_network(self, net_id):
        self.calls.append(("remove", net_id))

    def disconnect(self, net_id, container):
        self.calls.append(("disconnect", net_id, container))

    def close(self):
        pass


@pytest.fixture
def plan_file(tmp_path):
    p = tmp_path / "site.sh"
    p.write_text(PLAN)
    return p


def run_cli(monkeypatch, capsys, transport, command, *argv):
    monkeypatch.setattr(eng_client, "DockerTransport", lambda docker_host=None, timeout=60: transport)
    rc = engine_cli.cli(command, [str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


MALFORMED_NETWORKS = [
    ("list is a dict", {"Name": "x"}),
    ("entry is a string", ["n1"]),
    ("entry is null", [None]),
    ("no Name", [{k: v for k, v in good_net().items() if k != "Name"}]),
    ("Name null", [good_net(Name=None)]),
    ("Name a number", [good_net(Name=7)]),
    ("no Id", [{k: v for k, v in good_net().items() if k != "Id"}]),
    ("Labels a list", [good_net(Labels=["io.macplan.plan=site"])]),
    ("Labels value a number", [good_net(Labels={LABEL_PLAN: 3})]),
    ("Options a string", [good_net(Options="parent=eth0")]),
    ("IPAM a list", [good_net(IPAM=[])]),
    ("IPAM Config a string", [good_net(IPAM={"Config": "10.1.0.0/24"})]),
    ("IPAM Config entry null", [good_net(IPAM={"Config": [None]})]),
    ("Subnet a number", [good_net(IPAM={"Config": [{"Subnet": 10}]})]),
    ("Aux a list", [good_net(IPAM={"Config": [{"Subnet": "10.1.0.0/24", "AuxiliaryAddresses": ["x"]}]})]),
    ("Containers a list", [good_net(Containers=["abc"])]),
    ("Containers entry a string", [good_net(Containers={"abc": "web"})]),
    ("ConfigFrom a string", [good_net(ConfigFrom="cfg")]),
    ("EnableIPv6 a string", [good_net(EnableIPv6="false")]),
    ("Driver a dict", [good_net(Driver={"x": 1})]),
]


@pytest.mark.parametrize("command", ["diff", "apply", "destroy", "import"])
@pytest.mark.parametrize("case,answer", MALFORMED_NETWORKS, ids=[c for c, _ in MALFORMED_NETWORKS])
def test_malformed_network_list_is_one_line_exit_2(monkeypatch, capsys, plan_file, command, case, answer):
    t = FakeTransport()
    t._networks = answer
    args = ([] if command == "import" else [plan_file]) + (["-q"] if command in ("apply", "destroy") else [])
    rc, out, err = run_cli(monkeypatch, capsys, t, command, *args)
    assert rc == 2, (case, out, err)
    assert err.count("\n") == 1 and "malformed" in err and "Traceback" not in err, err
    assert not [c for c in t.calls if c[0] in ("create", "remove")]  # nothing acted on nonsense


@pytest.mark.parametrize("version", [[], {"Version": None}, {"ApiVersion": "1.41"}, {"Version": 20.1},
                                     {"Version": "20.10", "ApiVersion": 1.41}, "20.10"])
def test_malformed_version_is_one_line_exit_2(monkeypatch, capsys, plan_file, version):
    rc, out, err = run_cli(monkeypatch, capsys, FakeTransport(version=version), "diff", plan_file)
    assert rc == 2 and err.count("\n") == 1 and "malformed" in err, err


@pytest.mark.parametrize("answer", [None, "", 42, {"Id": "x"}])
def test_malformed_create_answer_is_reported_and_rolled_back(monkeypatch, capsys, plan_file, answer):
    t = FakeTransport(create_answer=answer)
    rc, out, err = run_cli(monkeypatch, capsys, t, "apply", plan_file, "-q")
    assert rc in (1, 2) and err.count("\n") == 1 and "no network id" in err and "Traceback" not in err, err
    assert "n1" in out  # the state table names it


def test_diff_exit_code_convention(monkeypatch, capsys, plan_file):
    rc, out, _ = run_cli(monkeypatch, capsys, FakeTransport(), "diff", plan_file)
    assert rc == 1 and "1 to create" in out  # changes: exit 1, like git diff --exit-code
    plan = macplan.load(str(plan_file))
    with Engine(transport=FakeTransport()) as e:
        body = e.diff(plan).actions[0].body
    mine = good_net(Labels=dict(body["Labels"]))
    rc, out, _ = run_cli(monkeypatch, capsys, FakeTransport([mine]), "diff", plan_file)
    assert rc == 0 and "nothing to do" in out, out


def test_engine_names_are_escaped(monkeypatch, capsys, plan_file):
    plan = macplan.load(str(plan_file))
    evil = "x\x1b]0;owned\x07\x1b[2J\nremoved 0\u202e"
    labels = {LABEL_PLAN: plan.name, LABEL_ORIGIN: plan_origin(plan), LABEL_HASH: "0" * 16}
    nets = [good_net(evil, Id="c" * 64, Labels=labels, Options={"parent": "eth1"},
                     Containers={"d" * 64: {"Name": "/web\x1b[31m"}})]
    rc, out, err = run_cli(monkeypatch, capsys, FakeTransport(nets), "diff", plan_file)
    assert rc == 1 and "x\\x1b]0;owned\\x07\\x1b[2J\\x0aremoved 0\\u202e" in out
    assert "web\\x1b[31m" in out
    rc, out, err = run_cli(monkeypatch, capsys, FakeTransport(nets), "destroy", plan_file,
                           "--disconnect", "web\x1b[31m")
    assert rc == 0
    for text in (out, err):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b" in out
    rc, out, err = run_cli(monkeypatch, capsys, FakeTransport(nets), "import")
    assert rc == 0 and "\x1b" not in out and "\x1b" not in err
    assert macplan.load_yaml_text(out).networks[0].name == evil  # the YAML keeps it exact, quoted


def test_identity_is_name_and_origin(tmp_path, monkeypatch, capsys):
    """Two plans called `plan` in two directories: neither removes nor replaces the other's."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    pa, pb = tmp_path / "a" / "plan.sh", tmp_path / "b" / "plan.sh"
    pa.write_text(PLAN)
    pb.write_text("docker network create -d macvlan --subnet 10.2.0.0/24 -o parent=eth1 n2\n")
    a, b = macplan.load(str(pa)), macplan.load(str(pb))
    assert a.name == b.name == "plan" and plan_origin(a) != plan_origin(b)
    with Engine(transport=FakeTransport()) as e:
        body = e.diff(a).actions[0].body
    theirs = good_net(Labels=dict(body["Labels"]))
    t = FakeTransport([theirs])
    with Engine(transport=t) as e:
        assert [x.kind for x in e.diff(b).actions] == ["create"]  # n1 is not b's to remove
        res = e.destroy(b)
        assert res.removed == [] and res.skipped and "from" in res.skipped[0][1]
    assert not [c for c in t.calls if c[0] == "remove"]
    # a plan of the same name that plans n1 differently may not replace it: exit 2, one line
    pb.write_text("docker network create -d macvlan --subnet 10.9.0.0/24 -o parent=eth0 n1\n")
    rc, out, err = run_cli(monkeypatch, capsys, FakeTransport([theirs]), "apply", pb, "-q")
    assert rc == 2 and err.count("\n") == 1 and "--adopt n1" in err and str(pa) in err, err
    # a forged/foreign label without origin is not the plan's either
    forged = good_net(Labels={LABEL_PLAN: "plan"}, Options={"parent": "eth3"})
    with Engine(transport=FakeTransport([forged])) as e:
        assert e.destroy(a).removed == []
        assert e.diff(a).actions[0].kind == "conflict"
    # --adopt names what is taken over
    t = FakeTransport([theirs])
    rc, out, err = run_cli(monkeypatch, capsys, t, "apply", pb, "-q", "--adopt", "n1")
    assert rc == 0, err
    assert ("remove", theirs["Id"]) in t.calls and ("create", "n1") in t.calls


def test_internal_error_is_one_line(monkeypatch, capsys, plan_file):
    class Broken(FakeTransport):
        def networks(self):
            raise RuntimeError("boom\nsecond line")

    rc, out, err = run_cli(monkeypatch, capsys, Broken(), "diff", plan_file)
    assert rc == 2 and err.count("\n") == 1 and "Traceback" not in err


def test_docker_transport_guards_its_own_parsing():
    """DockerTransport reads list entries and the create answer itself: it checks them too."""
    t = eng_transport.DockerTransport.__new__(eng_transport.DockerTransport)
    t.docker_host = "unix:///fake"

    class Api:
        def networks(self):
            return [{"Name": "x"}]

    t.api = Api()
    import docker

    t._docker = docker
    with pytest.raises(errors.EngineMalformed):
        t.networks()


def test_remove_whose_answer_was_lost_is_checked_and_undone(plan_file):
    """The daemon removed the network and the answer never came: rollback looks, and re-creates it."""
    plan = macplan.load(str(plan_file))
    labels = {LABEL_PLAN: plan.name, LABEL_ORIGIN: plan_origin(plan), LABEL_HASH: "0" * 16}
    old = good_net("old", Id="e" * 64, Labels=labels, Options={"parent": "eth1"},
                   IPAM={"Driver": "default", "Config": [{"Subnet": "10.5.0.0/24"}]})

    class LosesRemoveAnswer(FakeTransport):
        def remove_network(self, net_id):
            super().remove_network(net_id)
            self._networks = [n for n in self._networks if n["Id"] != net_id]
            raise errors.EngineUnreachable("remove: connection lost (daemon gone?)", sent=True)

        def create_network(self, body):
            nid = super().create_network(body)
            self._networks.append(good_net(body["Name"], Id=nid, Labels=body.get("Labels") or {}))
            return nid

    t = LosesRemoveAnswer([old])
    with Engine(transport=t) as e:
        res = e.apply(plan)
    assert not res.ok and res.rolled_back == ["old"] and res.in_flight == []
    assert t.calls == [("remove", "e" * 64), ("create", "old")]
    assert res.state == {"n1": "absent", "old": "present"}


def test_adopt_names_only_planned_networks(monkeypatch, capsys, plan_file):
    t = FakeTransport([good_net("n9", Options={"parent": "eth3"})])
    rc, out, err = run_cli(monkeypatch, capsys, t, "apply", plan_file, "-q", "--adopt", "n9")
    assert rc == 2 and "--adopt n9: not a network this plan creates" in err and err.count("\n") == 1
    assert t.calls == []


def test_origin_flag_names_the_plan_across_checkouts(monkeypatch, capsys, tmp_path):
    """A CI checkout at a new path each run: --origin keeps it the same plan."""
    runs = []
    for n in (1, 2):
        d = tmp_path / f"build-{n}"
        d.mkdir()
        (d / "site.sh").write_text(PLAN.replace("10.1.0.0/24", f"10.1.{n}.0/24"))
        runs.append(d / "site.sh")
    with Engine(transport=FakeTransport()) as e:
        body = e.diff(macplan.load(str(runs[0])), origin="ci:site").actions[0].body
    assert body["Labels"][LABEL_ORIGIN] == "ci:site"
    t = FakeTransport([good_net(Labels=dict(body["Labels"]), IPAM={"Config": [{"Subnet": "10.1.1.0/24"}]})])
    rc, out, err = run_cli(monkeypatch, capsys, t, "apply", runs[1], "-q")
    assert rc == 2 and "--adopt n1" in err  # by path, the second checkout is another plan
    rc, out, err = run_cli(monkeypatch, capsys, t, "apply", runs[1], "-q", "--origin", "ci:site")
    assert rc == 0, err
    assert ("remove", "a" * 64) in t.calls and ("create", "n1") in t.calls


@pytest.mark.parametrize("command", ["diff", "destroy", "import"])
def test_nulls_where_the_api_allows_them(monkeypatch, capsys, plan_file, command):
    """null is not malformed everywhere: a null container entry, Created, Labels, IPAM..."""
    plan = macplan.load(str(plan_file))
    labels = {LABEL_PLAN: plan.name, LABEL_ORIGIN: plan_origin(plan), LABEL_HASH: "0" * 16}
    nets = [good_net("a", Id="1" * 64, Created=None, Labels=labels, Containers={"f" * 64: None}),
            good_net("b", Id="2" * 64, Created=None, Labels=None, Options=None, IPAM=None, Containers=None,
                     ConfigFrom=None, EnableIPv6=None)]
    args = ([] if command == "import" else [plan_file]) + (["--disconnect", "f" * 12] if command == "destroy" else [])
    rc, out, err = run_cli(monkeypatch, capsys, FakeTransport(nets), command, *args)
    assert rc in (0, 1) and "Traceback" not in err and "unexpected" not in err, err


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                     lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=8), kids, max_size=3),
                     max_leaves=6)
_KEYS = ["Name", "Id", "Driver", "Scope", "Created", "EnableIPv6", "Internal", "Attachable", "ConfigOnly",
         "ConfigFrom", "Options", "Labels", "IPAM", "Containers"]


@st.composite
def _network(draw):
    n = good_net(draw(st.text(min_size=1, max_size=6)), Id=draw(st.text("0123456789abcdef", min_size=1, max_size=8)))
    for key in draw(st.lists(st.sampled_from(_KEYS), max_size=3, unique=True)):
        if draw(st.booleans()):
            n.pop(key, None)
        else:
            n[key] = draw(_json)
    if draw(st.booleans()):
        ipam = n.get("IPAM") if isinstance(n.get("IPAM"), dict) else {}
        ipam["Config"] = [{"Subnet": draw(_json), "Gateway": draw(_json), "AuxiliaryAddresses": draw(_json)}]
        n["IPAM"] = ipam
    return n


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(nets=st.lists(_network(), max_size=3), command=st.sampled_from(["diff", "apply", "destroy", "import"]))
def test_any_engine_answer_is_handled(tmp_path_factory, nets, command):
    """Whatever JSON the engine sends: a result or one line, never an unexpected exception."""
    import io
    import sys

    plan_file = tmp_path_factory.mktemp("p") / "site.sh"
    plan_file.write_text(PLAN)
    old_t, out, err = eng_client.DockerTransport, io.StringIO(), io.StringIO()
    eng_client.DockerTransport = lambda docker_host=None, timeout=60: FakeTransport(nets)
    old_io = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        args = ([] if command == "import" else [str(plan_file)]) + (["-q"] if command in ("apply", "destroy") else [])
        rc = engine_cli.cli(command, args)
    finally:
        sys.stdout, sys.stderr = old_io
        eng_client.DockerTransport = old_t
    assert rc in (0, 1, 2)
    assert "unexpected" not in err.getvalue(), err.getvalue()
    if rc == 2:
        assert err.getvalue().count("\n") == 1, err.getvalue()


def test_destroy_adopt_takes_only_what_it_names(tmp_path, monkeypatch, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    pa, pb = tmp_path / "a" / "plan.sh", tmp_path / "b" / "plan.sh"
    pa.write_text(PLAN)
    pb.write_text("# empty\n")
    with Engine(transport=FakeTransport()) as e:
        labels = dict(e.diff(macplan.load(str(pa))).actions[0].body["Labels"])
    nets = [good_net("n1", Id="1" * 64, Labels=labels), good_net("n2", Id="2" * 64, Labels=labels),
            good_net("x", Id="3" * 64)]
    t = FakeTransport(nets)
    rc, out, err = run_cli(monkeypatch, capsys, t, "destroy", pb, "--adopt", "n2")
    assert rc == 0 and "removed 1 network(s) of plan plan: n2" in out, err
    assert "not touched: n1 belongs to plan plan from" in err and "--adopt n1" in err
    assert [c for c in t.calls if c[0] == "remove"] == [("remove", "2" * 64)]
    rc, out, err = run_cli(monkeypatch, capsys, FakeTransport(nets), "destroy", pb, "--adopt", "x")
    assert rc == 2 and "--adopt x: no such network of plan plan" in err
