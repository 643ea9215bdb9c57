"""The sandbox lab itself: it answers, and up/down (also after a crash) leave nothing behind."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from macplan import lab as labmod
from macplan.lab import KERNEL_FEATURES, Lab


def _sh(*argv: str) -> str:
    if not shutil.which(argv[0]):
        return ""
    return subprocess.run(argv, capture_output=True, text=True).stdout


def host_snapshot() -> dict:
    """The host's own network state: the lab must never change any of it."""
    return {
        "links": re.sub(r"\s+", " ", _sh("ip", "-d", "-o", "link", "show")),
        "addrs": _sh("ip", "-o", "addr", "show"),
        "routes": _sh("ip", "route", "show", "table", "all"),
        "iptables": _sh("iptables-save") and re.sub(r"^#.*$", "", _sh("iptables-save"), flags=re.M),
        "nft": _sh("nft", "list", "ruleset"),
        "ip_forward": Path("/proc/sys/net/ipv4/ip_forward").read_text(),
    }


def traces(lab: Lab) -> dict:
    """Everything a lab could leave behind."""
    return {
        "netns": lab.netns_path.exists(),
        "pids": sorted(lab._leftover_pids(exclude={os.getpid()})),
        "mounts": lab._mounts(),
        "cgroups": [str(d) for d in lab._cgroup_dirs()],
        "socket": lab.socket_path.exists(),
        "data": (lab.dir / "data").exists(),
    }


NOTHING = {"netns": False, "pids": [], "mounts": [], "cgroups": [], "socket": False, "data": False}


@pytest.fixture
def scratch_lab():
    if os.geteuid() != 0:
        pytest.skip("needs root")
    lab = Lab(f"macplan-tl{os.getpid() % 100000}", parents=("eth0", "eth0.50"), verbose=False)
    yield lab
    lab.down()
    shutil.rmtree(lab.dir, ignore_errors=True)


def test_fixture_lab_answers(lab):
    assert re.match(r"^\d+\.\d+\.\d+", lab.version)
    assert lab.client.ping()
    links = subprocess.run(["ip", "-n", lab.lab.name, "-o", "link"], capture_output=True, text=True).stdout
    for parent in lab.interfaces:
        assert re.search(rf"^\d+: {re.escape(parent)}@", links, re.M), parent
    assert lab.kernel_lacks <= set(KERNEL_FEATURES)
    assert lab.client.images.get(lab.image)
    assert lab.docker_host.startswith("unix:///")


def test_kernel_probe_matches_docker(clean_engine):
    """kernel_lacks is what Docker runs into: a parentless macvlan needs a dummy link."""
    lab = clean_engine
    try:
        lab.client.networks.create("noparent", driver="macvlan")
        created = True
    except Exception as exc:
        created = False
        assert "operation not supported" in str(exc)
    assert created == ("dummy" not in lab.kernel_lacks)


def test_macvlan_container_works(clean_engine):
    import docker

    lab = clean_engine
    ipam = docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet="192.0.2.0/28")])
    lab.client.networks.create("mv", driver="macvlan", options={"parent": lab.interfaces[0]}, ipam=ipam)
    lab.client.containers.run(lab.image, ["sleep", "30"], name="peer", network="mv", detach=True)
    out = lab.client.containers.run(lab.image, ["ping", "-c", "1", "-W", "2", "192.0.2.2"],
                                    network="mv", remove=True)
    assert b"1 packets received" in out


def test_restart_keeps_networks(clean_engine):
    lab = clean_engine
    lab.client.networks.create("keep", driver="macvlan", options={"parent": lab.interfaces[1]})
    t = time.monotonic()
    lab.restart()
    assert time.monotonic() - t < 30
    assert lab.client.networks.get("keep").attrs["Driver"] == "macvlan"


def test_up_down_leaves_nothing(scratch_lab):
    before = host_snapshot()
    lab = scratch_lab
    lab.up()
    assert lab.timings["up"] < 60
    assert lab.running()
    assert traces(lab)["netns"] and traces(lab)["socket"]
    c = lab.client()
    try:
        c.networks.create("mv", driver="macvlan", options={"parent": "eth0.50"})
        c.containers.run(labmod.IMAGE, ["sleep", "300"], network="mv", detach=True)
    finally:
        c.close()
    assert host_snapshot() == before
    t = time.monotonic()
    lab.down()
    assert time.monotonic() - t < 20  # containers are SIGKILLed first, no 10 s stop timeout
    assert traces(lab) == NOTHING
    assert host_snapshot() == before
    lab.down()  # repeatable
    assert traces(lab) == NOTHING


def test_down_after_crash(scratch_lab):
    lab = scratch_lab
    lab.up()
    c = lab.client()
    try:
        c.networks.create("mv", driver="macvlan", options={"parent": "eth0"})
        for _ in range(2):
            c.containers.run(labmod.IMAGE, ["sleep", "300"], network="mv", detach=True)
    finally:
        c.close()
    lab.kill_dockerd()  # kill -9: shims and container processes survive as orphans
    assert lab.status()["state"] == "broken"
    assert traces(lab)["pids"], "orphans expected after kill -9"
    lab.down()
    assert traces(lab) == NOTHING
    assert lab.status()["state"] == "down"


def test_up_over_a_running_lab_replaces_it(scratch_lab):
    lab = scratch_lab
    lab.up()
    first = lab.dockerd_pid()
    Lab(lab.name, parents=("eth0", "eth0.50"), verbose=False).up()
    assert lab.running() and lab.dockerd_pid() != first


def test_cli_env_and_status(tmp_path):
    out = io.StringIO()
    with redirect_stdout(out):
        rc = labmod.cli(["env", "--name", "macplan-nolab", "--dir", str(tmp_path / "x")])
    assert rc == 0
    assert out.getvalue() == f"export DOCKER_HOST=unix://{tmp_path}/x/docker.sock\n"
    if os.geteuid() == 0:
        out = io.StringIO()
        with redirect_stdout(out):
            rc = labmod.cli(["status", "--name", "macplan-nolab", "--dir", str(tmp_path / "x")])
        assert rc == 1 and "macplan-nolab: down" in out.getvalue()
    assert labmod.cli(["bogus"]) == 2
    assert labmod.cli(["up", "--parents", "bad name!"]) == 2


def test_cli_status_running(lab, capsys):
    rc = labmod.cli(["status", "--name", lab.lab.name])
    out = capsys.readouterr().out
    assert rc == 0
    assert f"{lab.lab.name}: running" in out and lab.version in out


def test_without_root_one_line_exit_2():
    """A real unprivileged process (fork + setuid), not a patched geteuid."""
    if os.geteuid() != 0:
        pytest.skip("needs root to drop to nobody")
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(r)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            sys.stdout = sys.stderr = open(w, "w", closefd=False)  # pytest captures sys.std*
            rc = labmod.cli(["up", "--name", "macplan-nobody"])
            sys.stderr.flush()
            sys.stdout.flush()
        except BaseException:
            rc = 99
        os._exit(rc)
    os.close(w)
    with os.fdopen(r) as fh:
        text = fh.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 2
    lines = text.strip().splitlines()
    assert len(lines) == 1 and "root" in lines[0], text
    assert not Path("/var/run/netns/macplan-nobody").exists()
