"""Against the real lab daemon: plan identity, and faults that must leave nothing unreported.

Faults are real: dockerd is SIGKILLed, containers really attach. They are triggered from the
CLI's own progress lines (a stderr that pulls a tripwire when it sees a given line), so the CLI
path under test is the one users run.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from test_engine import SEED_COMMANDS, nets

from macplan import errors
from macplan.cli import engine as engine_cli
from macplan.engine import client as eng_client
from macplan.engine import transport as eng_transport
from macplan.engine.state import LABEL_ORIGIN, LABEL_PLAN


class Tripwire(io.StringIO):
    """A stderr that runs ``action`` once, when a line containing ``when`` is written."""

    def __init__(self, when: str, action):
        super().__init__()
        self.when, self.action, self.fired = when, action, None

    def write(self, text: str) -> int:
        n = super().write(text)
        if self.fired is None and self.when in text:
            self.fired = text.strip()
            self.action(text)
        return n


def cli(command: str, *argv, stderr=None, monkeypatch=None) -> tuple[int, str, str]:
    out, err = io.StringIO(), stderr or io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        rc = engine_cli.cli(command, [str(a) for a in argv])
    finally:
        sys.stdout, sys.stderr = old
    return rc, out.getvalue(), err.getvalue()


def plan_in(tmp_path: Path, sub: str, *names: str, text: str = "") -> Path:
    d = tmp_path / sub
    d.mkdir(exist_ok=True)
    p = d / "plan.sh"
    p.write_text(text or "\n".join(SEED_COMMANDS[n] for n in names) + "\n")
    return p


def test_two_plans_called_plan_keep_apart(clean_engine, tmp_path):
    lab, h = clean_engine, clean_engine.docker_host
    a = plan_in(tmp_path, "siteA", "pub_net", "macnet32")
    b = plan_in(tmp_path, "siteB", "macvlan50")
    assert cli("apply", a, "--docker-host", h, "-q")[0] == 0
    ids = {n: v["Id"] for n, v in nets(lab).items()}

    rc, out, err = cli("apply", b, "--docker-host", h, "-q")
    assert rc == 0, err
    now = nets(lab)
    assert sorted(now) == ["macnet32", "macvlan50", "pub_net"]  # siteB removed none of siteA's
    assert {n: now[n]["Id"] for n in ids} == ids
    assert now["pub_net"]["Labels"][LABEL_ORIGIN].endswith(str(a.resolve()))

    # destroy of an empty plan that is also called `plan` removes nothing, and says what it left
    empty = plan_in(tmp_path, "siteC", text="# nothing yet\n")
    rc, out, err = cli("destroy", empty, "--docker-host", h)
    assert rc == 0 and "removed 0" in out, err
    assert "not touched: pub_net belongs to plan plan from" in err
    assert sorted(nets(lab)) == ["macnet32", "macvlan50", "pub_net"]

    # a foreign network that carries macplan's plan label is not the plan's
    lab.client.networks.create("stray", driver="macvlan", options={"parent": "eth3"}, labels={LABEL_PLAN: "plan"})
    assert cli("apply", a, "--docker-host", h, "-q")[0] == 0
    rc, out, err = cli("destroy", a, "--docker-host", h, "-q")
    assert rc == 0 and out.startswith("removed 2 network(s) of plan plan: ") and "stray" not in out
    assert sorted(nets(lab)) == ["macvlan50", "stray"]

    # siteA now plans siteB's network, differently: exit 2, one line, nothing touched;
    # --adopt names what is taken over
    (a.parent / "plan.sh").write_text(SEED_COMMANDS["macvlan50"].replace("192.168.50.1", "192.168.50.254") + "\n")
    before = nets(lab)["macvlan50"]["Id"]
    rc, out, err = cli("apply", a, "--docker-host", h, "-q")
    assert rc == 2 and err.count("\n") == 1, err
    assert "macvlan50 belongs to plan plan from" in err and str(b.resolve()) in err and "--adopt macvlan50" in err
    assert nets(lab)["macvlan50"]["Id"] == before
    rc, out, err = cli("diff", a, "--docker-host", h)
    assert rc == 1 and "! macvlan50" in out
    rc, out, err = cli("apply", a, "--docker-host", h, "-q", "--adopt", "macvlan50")
    assert rc == 0, err
    m50 = nets(lab)["macvlan50"]
    assert m50["Id"] != before and m50["Labels"][LABEL_ORIGIN].endswith(str(a.resolve()))
    assert m50["IPAM"]["Config"][0]["Gateway"] == "192.168.50.254"


def _removed_list(err: str) -> list[str]:
    m = re.search(r"removed by this run: ([^;]*)", err)
    return [] if not m or m.group(1) == "none" else m.group(1).split(", ")


def test_dockerd_killed_during_destroy_of_50(clean_engine, tmp_path):
    lab, h = clean_engine, clean_engine.docker_host
    text = "".join(f"docker network create --config-only --subnet 10.77.{i}.0/24 -o parent=eth0 c{i:02d}\n"
                   for i in range(1, 51))
    p = plan_in(tmp_path, "fifty", text=text)
    assert cli("apply", p, "--docker-host", h, "-q")[0] == 0
    assert len(nets(lab)) == 50

    trip = Tripwire("[25/50] remove", lambda line: lab.kill_dockerd())
    rc, out, err = cli("destroy", p, "--docker-host", h, stderr=trip)
    assert trip.fired, err
    last = err.strip().splitlines()[-1]
    assert rc == 2 and "Traceback" not in err
    assert "the engine is not answering, so what exists now is unknown" in last
    removed = _removed_list(last)
    assert removed == [f"c{i:02d}" for i in range(1, 25)], last
    assert "cannot re-read" in out and len(re.findall(r" unknown \(", out)) == 50
    # the 25th was being removed when dockerd died: if the request may have reached it, the
    # output says "maybe"; when the connection was refused, it says "not removed"
    maybe = (re.search(r"maybe removed: ([^;]*)", last) or [None, ""])[1]
    maybe = set(maybe.split(", ")) - {""}
    assert maybe <= {"c25"}, last
    m = re.search(r"not removed: ([^;]*)", last)
    not_removed = set(m.group(1).split(", ")) if m else set()
    assert not_removed | maybe == {f"c{i:02d}" for i in range(25, 51)}
    lab.start_dockerd()
    left = set(nets(lab))
    # exactly what the output said: 24 removed, the others there (the "maybe" one either way)
    assert not left & set(removed)
    assert not_removed <= left <= not_removed | maybe


def test_container_attached_during_destroy(clean_engine, tmp_path):
    lab, h = clean_engine, clean_engine.docker_host
    p = plan_in(tmp_path, "att", "pub_net", "macnet32", "macvlan50")
    assert cli("apply", p, "--docker-host", h, "-q")[0] == 0
    hit = []

    def attach(line: str) -> None:
        name = line.split("remove ", 1)[1].strip()
        hit.append(name)
        lab.client.containers.run(lab.image, ["sleep", "300"], name="late", network=name, detach=True)

    trip = Tripwire("[2/3] remove", attach)
    rc, out, err = cli("destroy", p, "--docker-host", h, stderr=trip)
    assert rc == 1, err
    last = err.strip().splitlines()[-1]
    assert "active endpoints" in last
    removed = _removed_list(last)
    assert len(removed) == 1 and hit[0] not in removed
    now = nets(lab)
    assert set(now) == {"pub_net", "macnet32", "macvlan50"} - set(removed)
    for name in ("pub_net", "macnet32", "macvlan50"):  # the state table is the engine, re-read
        want = "absent (removed by this run)" if name in removed else "present (not removed by this run)"
        assert f"{name:<20} {want}" in out, out


class LosesCreateAnswer(eng_transport.DockerTransport):
    """The real transport; for one network the daemon creates it and the answer never arrives."""

    victim = "macvlan50"
    on_loss = None

    def create_network(self, body: dict) -> str:
        nid = super().create_network(body)
        if body.get("Name") == self.victim:
            if self.on_loss:
                self.on_loss()
            raise errors.EngineUnreachable(f"create {self.victim}: engine at {self.docker_host} not answering: "
                                        f"connection lost (daemon gone?)", sent=True)
        return nid


def test_daemon_dies_while_creating_a_network(clean_engine, tmp_path, monkeypatch):
    lab, h = clean_engine, clean_engine.docker_host
    p = plan_in(tmp_path, "dies", "pub_net", "macnet32", "macvlan50", "macvlan216")
    monkeypatch.setattr(LosesCreateAnswer, "on_loss", staticmethod(lab.kill_dockerd))
    monkeypatch.setattr(eng_client, "DockerTransport", LosesCreateAnswer)
    rc, out, err = cli("apply", p, "--docker-host", h)
    last = err.strip().splitlines()[-1]
    assert rc == 2, err
    assert "left from this run: pub_net, macnet32, macvlan50 (maybe)" in last, last
    assert "macvlan50            unknown (being created when the engine stopped answering: it may exist)" in out
    lab.start_dockerd()
    assert sorted(nets(lab)) == ["macnet32", "macvlan50", "pub_net"]  # all of it was in the output


def test_lost_create_answer_is_found_and_rolled_back(clean_engine, tmp_path, monkeypatch):
    lab, h = clean_engine, clean_engine.docker_host
    p = plan_in(tmp_path, "lost", "pub_net", "macnet32", "macvlan50", "macvlan216")
    monkeypatch.setattr(eng_client, "DockerTransport", LosesCreateAnswer)
    rc, out, err = cli("apply", p, "--docker-host", h)
    last = err.strip().splitlines()[-1]
    assert rc == 1, err
    assert "rolled back" in last and "macvlan50" in last.split("rolled back", 1)[1]
    assert "left from this run" not in last
    assert nets(lab) == {}  # the network whose answer was lost did not stay behind
    for name in ("pub_net", "macnet32", "macvlan50", "macvlan216"):
        assert f"{name:<20} absent" in out
