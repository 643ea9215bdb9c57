"""apply / diff / import / destroy against the real lab daemon: no mocks, faults injected for real."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import textwrap
from pathlib import Path

import docker
import pytest

import macplan
from macplan import errors
from macplan.cli import engine as engine_cli
from macplan.engine.client import Engine
from macplan.engine.state import LABEL_HASH, LABEL_PLAN, normalise

# The seed guide's networks, adjusted to coexist in the lab: one macvlan per parent (20.10
# refuses a second macvlan on a parent), eth0.50 / eth0.60 are veths (no 8021q needed).
SEED_COMMANDS = {
    "pub_net": """$ docker network create -d macvlan \\
    --subnet=172.16.86.0/24 --gateway=172.16.86.1 \\
    -o parent=eth0 pub_net""",
    "macnet32": """$ docker network create -d macvlan --subnet=192.168.32.0/24 --ip-range=192.168.32.128/25 \\
    --gateway=192.168.32.254 --aux-address="my-router=192.168.32.129" -o parent=eth1 macnet32""",
    "macvlan50": """$ docker network create -d macvlan --subnet=192.168.50.0/24 --gateway=192.168.50.1 \\
    -o parent=eth0.50 macvlan50""",
    "ipvlan210": """$ docker network create -d ipvlan --subnet=192.168.210.0/24 --subnet=192.168.212.0/24 \\
    --gateway=192.168.210.254 --gateway=192.168.212.254 -o ipvlan_mode=l2 -o parent=eth2 ipvlan210""",
    "macvlan216": """$ docker network create -d macvlan --subnet=192.168.216.0/24 --subnet=192.168.218.0/24 \\
    --gateway=192.168.216.1 --gateway=192.168.218.1 --subnet=2001:db8:abc8::/64 \\
    --gateway=2001:db8:abc8::10 --ipv6 -o parent=eth0.60 -o macvlan_mode=bridge macvlan216""",
}
SEED = "# Docker's \"Use macvlan networks\" guide, one network per parent\n" + "\n".join(SEED_COMMANDS.values()) + "\n"
SEED_NAMES = ["pub_net", "macnet32", "macvlan50", "ipvlan210", "macvlan216"]


def write_plan(tmp_path: Path, text: str = SEED, name: str = "seed.sh") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def run(command: str, *argv: str, capsys) -> tuple[int, str, str]:
    rc = engine_cli.cli(command, [str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def nets(lab) -> dict[str, dict]:
    return {n.name: n.attrs for n in lab.client.networks.list() if n.name not in ("host", "none", "bridge")}


def test_engine_version_picks_the_rules_profile(lab):
    from macplan.profile import Profile

    with Engine(lab.docker_host) as e:
        assert e.version == lab.version
        assert e.profile == Profile.of(lab.version).line


def test_seed_end_to_end(clean_engine, tmp_path, capsys):
    lab = clean_engine
    plan_path = write_plan(tmp_path)
    plan = macplan.load(str(plan_path))
    h = lab.docker_host

    rc, out, err = run("diff", plan_path, "--docker-host", h, capsys=capsys)
    assert rc == 1, err  # there are changes: --exit-code convention
    assert all(f"+ {n}" in out for n in SEED_NAMES) and "5 to create" in out
    assert nets(lab) == {}  # diff changes nothing

    rc, out, err = run("apply", plan_path, "--docker-host", h, capsys=capsys)
    assert rc == 0, err
    assert "[5/5] create macvlan216" in err  # progress on stderr
    first = nets(lab)
    assert sorted(first) == sorted(SEED_NAMES)
    for name, attrs in first.items():
        assert attrs["Labels"][LABEL_PLAN] == plan.name
        assert len(attrs["Labels"][LABEL_HASH]) == 16
    m32 = first["macnet32"]["IPAM"]["Config"][0]
    assert (m32["Subnet"], m32["IPRange"], m32["Gateway"], m32["AuxiliaryAddresses"]) == (
        "192.168.32.0/24", "192.168.32.128/25", "192.168.32.254", {"my-router": "192.168.32.129"})
    assert first["macvlan216"]["EnableIPv6"] is True
    assert first["ipvlan210"]["Options"] == {"parent": "eth2", "ipvlan_mode": "l2"}

    # idempotent: nothing changes, and it says so
    rc, out, err = run("apply", plan_path, "--docker-host", h, capsys=capsys)
    assert rc == 0 and "nothing to do" in out
    assert {n: a["Id"] for n, a in nets(lab).items()} == {n: a["Id"] for n, a in first.items()}
    rc, out, _ = run("diff", plan_path, "--docker-host", h, "--json", capsys=capsys)
    assert rc == 0 and {a["action"] for a in json.loads(out)["actions"]} == {"keep"}

    # import: the engine's networks as a YAML plan ...
    yaml_path = tmp_path / "imported.yaml"
    rc, _, err = run("import", yaml_path, "--docker-host", h, capsys=capsys)
    assert rc == 0, err
    imported = macplan.load(str(yaml_path))
    assert sorted(n.name for n in imported.networks) == sorted(SEED_NAMES)
    # ... which matches the engine as it is
    rc, out, _ = run("diff", yaml_path, "--docker-host", h, capsys=capsys)
    assert rc == 0 and "nothing to do" in out, out
    assert "not this plan's: it belongs to plan seed from" in out  # found as planned, but not taken over

    # destroy removes only this plan's networks
    lab.client.networks.create("bystander", driver="macvlan", options={"parent": "eth3"})
    rc, out, err = run("destroy", plan_path, "--docker-host", h, capsys=capsys)
    assert rc == 0, err
    assert sorted(nets(lab)) == ["bystander"]
    lab.client.networks.get("bystander").remove()

    # round trip: the imported plan applied to an empty engine recreates the same networks
    rc, _, err = run("apply", yaml_path, "--docker-host", h, capsys=capsys)
    assert rc == 0, err
    again = nets(lab)
    assert sorted(again) == sorted(SEED_NAMES)
    for name in SEED_NAMES:
        assert normalise(again[name]) == normalise(first[name]), name


def test_apply_refuses_error_findings(clean_engine, tmp_path, capsys):
    bad = SEED + "docker network create -d macvlan --subnet 10.9.0.0/24 --gateway 10.8.0.1 -o parent=eth3 badgw\n"
    rc, out, err = run("apply", write_plan(tmp_path, bad), "--docker-host", clean_engine.docker_host,
                       capsys=capsys)
    assert rc == 1
    last = err.strip().splitlines()[-1]
    assert last.startswith("macplan apply: refused") and "error finding" in last and "badgw" in last
    assert "no matching subnet for gateway 10.8.0.1" in last and "Traceback" not in err
    assert nets(clean_engine) == {}


def test_never_touches_unlabelled_networks(clean_engine, tmp_path, capsys):
    lab = clean_engine
    theirs = lab.client.networks.create("macvlan50", driver="macvlan", options={"parent": "eth3"})
    plan_path = write_plan(tmp_path)
    rc, out, _ = run("diff", plan_path, "--docker-host", lab.docker_host, capsys=capsys)
    assert "! macvlan50" in out and "without macplan's label" in out
    rc, out, err = run("apply", plan_path, "--docker-host", lab.docker_host, capsys=capsys)
    last = err.strip().splitlines()[-1]
    assert rc == 2 and "refused" in last and "macvlan50" in last and "--adopt macvlan50" in last
    assert sorted(nets(lab)) == ["macvlan50"]  # refused before creating anything
    rc, out, err = run("destroy", plan_path, "--docker-host", lab.docker_host, capsys=capsys)
    assert rc == 0 and "removed 0" in out
    assert lab.client.networks.get("macvlan50").id == theirs.id


def test_network_of_another_plan_is_a_conflict(clean_engine, tmp_path, capsys):
    lab = clean_engine
    plan_path = write_plan(tmp_path)
    plan = macplan.load(str(plan_path))
    import dataclasses

    # plan `other` has a pub_net of its own, which differs from this plan's
    other = plan.with_(name="other", networks=(dataclasses.replace(plan.networks[0], gateways=("172.16.86.254",)),))
    with Engine(lab.docker_host) as e:
        assert e.apply(other).ok
        d = e.diff(plan)
        assert [a.kind for a in d.actions][:1] == ["conflict"] and "belongs to plan other" in d.actions[0].reason
        with pytest.raises(errors.NotOwned):
            e.apply(plan)
        assert e.destroy(plan).removed == []
        assert e.destroy(other).removed == ["pub_net"]


def test_recreate_needs_named_containers(clean_engine, tmp_path, capsys):
    lab = clean_engine
    h = lab.docker_host
    assert run("apply", write_plan(tmp_path), "--docker-host", h, "-q", capsys=capsys)[0] == 0
    old_id = lab.client.networks.get("macvlan50").id
    lab.client.containers.run(lab.image, ["sleep", "300"], name="web1", network="macvlan50", detach=True)

    cmds = dict(SEED_COMMANDS)
    del cmds["pub_net"]
    cmds["macvlan50"] = cmds["macvlan50"].replace("--subnet=192.168.50.0/24 --gateway=192.168.50.1",
                                                  "--subnet=192.168.51.0/24")
    changed = "\n".join(cmds.values()) + "\n"
    new_path = write_plan(tmp_path, changed, "seed.sh")  # the same plan file, edited
    new_plan = macplan.load(str(new_path))
    assert "pub_net" not in [n.name for n in new_plan.networks]

    rc, out, _ = run("diff", new_path, "--docker-host", h, capsys=capsys)
    assert "~ macvlan50" in out and "192.168.50.0/24 -> 192.168.51.0/24" in out and "disconnects web1" in out
    assert "- pub_net" in out

    rc, out, err = run("apply", new_path, "--docker-host", h, capsys=capsys)
    assert rc == 1 and "--disconnect" in err and "web1" in err
    assert lab.client.networks.get("macvlan50").id == old_id  # nothing happened
    assert "pub_net" in nets(lab)

    rc, out, err = run("apply", new_path, "--docker-host", h, "--disconnect", "web1", capsys=capsys)
    assert rc == 0, err
    now = nets(lab)
    assert "pub_net" not in now
    assert now["macvlan50"]["IPAM"]["Config"][0]["Subnet"] == "192.168.51.0/24"
    assert now["macvlan50"]["Id"] != old_id

    # destroy refuses a network with a container unless it is named
    lab.client.containers.run(lab.image, ["sleep", "300"], name="web2", network="macnet32", detach=True)
    rc, out, err = run("destroy", new_path, "--docker-host", h, capsys=capsys)
    assert rc == 1 and "web2" in err and "macnet32" in nets(lab)
    rc, out, err = run("destroy", new_path, "--docker-host", h, "--disconnect", "web2", capsys=capsys)
    assert rc == 0 and nets(lab) == {}


#: a subnet no plan of these tests uses (docker.types: the SDK's IPAM config)
INTRUDER_IPAM = docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet="10.250.77.0/24")])


def test_conflict_created_between_diff_and_apply_rolls_back(clean_engine, tmp_path, capsys):
    lab = clean_engine
    plan_path = write_plan(tmp_path)
    rc, out, _ = run("diff", plan_path, "--docker-host", lab.docker_host, capsys=capsys)
    assert "5 to create" in out
    # someone else takes the last network's parent meanwhile: only Docker can notice.  Its subnet
    # is given: a default pool depends on where 20.10's rotating cursor stands after earlier
    # tests, and one overlapping a planned subnet stops apply earlier, at "Pool overlaps"
    intruder = lab.client.networks.create("intruder", driver="macvlan", options={"parent": "eth0.60"},
                                          ipam=INTRUDER_IPAM)
    rc, out, err = run("apply", plan_path, "--docker-host", lab.docker_host, capsys=capsys)
    assert rc == 1
    last = err.strip().splitlines()[-1]
    assert "already using parent interface eth0.60" in last and "rolled back" in last
    assert f"dm-{intruder.id[:12]}" in last  # Docker's own words
    for name in SEED_NAMES:
        assert f"{name:<20} absent" in out  # exactly what exists now
    assert sorted(nets(lab)) == ["intruder"]


def test_name_taken_between_diff_and_apply_is_refused_up_front(clean_engine, tmp_path, capsys):
    lab = clean_engine
    plan_path = write_plan(tmp_path)
    assert "5 to create" in run("diff", plan_path, "--docker-host", lab.docker_host, capsys=capsys)[1]
    lab.client.networks.create("ipvlan210", driver="macvlan", options={"parent": "eth3"})
    rc, out, err = run("apply", plan_path, "--docker-host", lab.docker_host, capsys=capsys)
    assert rc == 2 and "ipvlan210" in err and "without macplan's label" in err
    assert sorted(nets(lab)) == ["ipvlan210"]


def test_no_rollback_keeps_and_reports(clean_engine, tmp_path, capsys):
    lab = clean_engine
    lab.client.networks.create("intruder", driver="macvlan", options={"parent": "eth0.60"}, ipam=INTRUDER_IPAM)
    rc, out, err = run("apply", write_plan(tmp_path), "--docker-host", lab.docker_host, "--no-rollback",
                       capsys=capsys)
    assert rc == 1 and "left from this run: pub_net, macnet32, macvlan50, ipvlan210" in err
    assert "pub_net              present (created by this run)" in out
    assert "macvlan216           absent" in out
    assert sorted(nets(lab)) == sorted(["intruder", *SEED_NAMES[:4]])


def test_daemon_killed_mid_apply(clean_engine, tmp_path):
    lab = clean_engine
    plan = macplan.load(str(write_plan(tmp_path)))
    seen = []

    def progress(msg: str) -> None:
        seen.append(msg)
        if msg == "[3/5] create macvlan50":
            lab.kill_dockerd()  # kill -9, for real, between two creates

    with Engine(lab.docker_host, progress=progress) as e:
        res = e.apply(plan)
    assert not res.ok and "not answering" in res.error
    assert res.created == ["pub_net", "macnet32"]  # could not roll back: reported, not hidden
    assert set(res.state.values()) == {"unknown"}
    assert any(m.startswith("rollback: could not remove macnet32") for m in seen)

    lab.start_dockerd()
    with Engine(lab.docker_host) as e:
        d = e.diff(plan)
        assert [(a.name, a.kind) for a in d.actions] == [
            ("pub_net", "keep"), ("macnet32", "keep"), ("macvlan50", "create"),
            ("ipvlan210", "create"), ("macvlan216", "create")]
        assert e.apply(plan).ok
        assert not e.diff(plan).changes


def test_cli_daemon_gone_is_exit_2(lab, tmp_path, capsys):
    plan_path = write_plan(tmp_path)
    rc, out, err = run("diff", plan_path, "--docker-host", f"unix://{tmp_path}/nosuch.sock", capsys=capsys)
    assert rc == 2 and err.count("\n") == 1 and "no such socket" in err and "Traceback" not in err


def test_socket_without_permission(lab):
    """A real unprivileged process against the root-only lab socket: one line, exit 2."""
    if os.geteuid() != 0:
        pytest.skip("needs root to drop privileges")
    fd, plan_path = tempfile.mkstemp(suffix=".sh", dir="/tmp")
    os.write(fd, SEED.encode())
    os.close(fd)
    os.chmod(plan_path, 0o644)
    try:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            rc = 99
            try:
                os.close(r)
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
                sys.stdout = sys.stderr = open(w, "w", closefd=False)
                rc = engine_cli.cli("apply", [plan_path, "--docker-host", lab.docker_host])
                sys.stderr.flush()
            finally:
                os._exit(rc)
        os.close(w)
        with os.fdopen(r) as fh:
            text = fh.read()
        _, status = os.waitpid(pid, 0)
    finally:
        os.unlink(plan_path)
    assert os.waitstatus_to_exitcode(status) == 2, text
    lines = text.strip().splitlines()
    assert len(lines) == 1 and "permission denied" in lines[0], text


def test_config_only_and_config_from(clean_engine, tmp_path, capsys):
    """Fields the SDK lacks (ConfigOnly, ConfigFrom) go through the raw API, in a valid order."""
    lab = clean_engine
    text = textwrap.dedent("""\
        docker network create --config-only --subnet 10.50.0.0/24 --gateway 10.50.0.1 -o parent=eth0.50 cfg50
        docker network create -d macvlan --config-from cfg50 local50
        """)
    plan_path = write_plan(tmp_path, text, "cfg.sh")
    rc, out, err = run("apply", plan_path, "--docker-host", lab.docker_host, capsys=capsys)
    assert rc == 0, err
    assert err.index("create cfg50") < err.index("create local50")
    n = nets(lab)
    assert n["cfg50"]["ConfigOnly"] is True
    assert n["local50"]["ConfigFrom"] == {"Network": "cfg50"}
    assert "nothing to do" in run("apply", plan_path, "--docker-host", lab.docker_host, capsys=capsys)[1]
    yaml_path = tmp_path / "cfg.yaml"
    assert run("import", yaml_path, "--docker-host", lab.docker_host, capsys=capsys)[0] == 0
    rc, out, err = run("destroy", plan_path, "--docker-host", lab.docker_host, capsys=capsys)
    assert rc == 0 and nets(lab) == {}
    assert out.index("local50") < out.index("cfg50")
    rc, out, err = run("apply", yaml_path, "--docker-host", lab.docker_host, capsys=capsys)
    assert rc == 0, err
    assert nets(lab)["local50"]["ConfigFrom"] == {"Network": "cfg50"}
