"""`macplan verify` on the lab: probes get the predicted addresses, reach each other and the LAN
side's gateway, the host needs a shim; a parent link set down fails verify; nothing verify made
survives it (probes, shims, the LAN namespace), also when it is interrupted.

Everything runs through the real command line (`python -m macplan verify ...`) against the lab's
dockerd; what macplan predicted is compared with what the probes saw from inside.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macplan.engine.client import Engine
from macplan.engine.verify import LABEL, SHIM_PREFIX

ROOT = Path(__file__).resolve().parents[2]

# Two networks on their own parents: one with an ip-range, a gateway outside it and an aux
# address at the range's first address (so the first probe's address depends on macplan knowing
# it), one small subnet with its gateway at the top.
PLAN = """\
name: verify-test
engine: "20.10"
hosts:
  lab:
    interfaces: [eth1, eth2]
networks:
  vt-front:
    parent: eth1
    subnet: 10.61.0.0/24
    gateway: 10.61.0.1
    ip_range: 10.61.0.64/28
    aux: {router2: 10.61.0.64}
  vt-back:
    parent: eth2
    subnet: 10.62.0.0/28
    gateway: 10.62.0.14
"""

KEYS = {"name", "probes", "peer_reach", "gateway_reach", "host_reach", "host_reach_with_shim", "findings"}


@pytest.fixture
def applied(clean_engine, tmp_path):
    plan_file = tmp_path / "verify-test.yaml"
    plan_file.write_text(PLAN)
    import macplan

    plan = macplan.load(str(plan_file))
    with Engine(clean_engine.docker_host) as eng:
        res = eng.apply(plan)
        assert res.ok, res.error
    yield clean_engine, plan_file


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    return env


def _verify(lab, plan_file, *extra, timeout=120):
    argv = [sys.executable, "-m", "macplan", "verify", str(plan_file), "--docker-host", lab.docker_host,
            "--json", "-q", *extra]
    t = time.monotonic()
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=_env())
    proc.seconds = time.monotonic() - t
    return proc


def _left(lab) -> dict:
    """What verify may leave behind: probes, shim links, the LAN namespace, moved far ends."""
    # the low-level list: the high-level one inspects each container, which races with a verify
    # run removing its probes at that moment (404)
    probes = lab.client.api.containers(all=True, filters={"label": LABEL})
    netns = lab.lab.name
    links = subprocess.run(["ip", "-n", netns, "-br", "link"], capture_output=True, text=True).stdout
    names = [l.split()[0].split("@")[0] for l in links.splitlines() if l.strip()]
    lan = Path(f"/var/run/netns/{netns}-lan").exists()
    return {"probes": [c["Names"][0].lstrip("/") for c in probes], "shims": [n for n in names if n.startswith(SHIM_PREFIX)],
            "lan": lan, "links": len(names)}


def test_healthy_plan_verifies(applied):
    lab, plan_file = applied
    before = _left(lab)
    proc = _verify(lab, plan_file, "--shim")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = json.loads(proc.stdout)
    assert [n["name"] for n in out["networks"]] == ["vt-front", "vt-back"]
    nets = {n["name"]: n for n in out["networks"]}
    for n in out["networks"]:
        assert set(n) == KEYS
        assert len(n["probes"]) == 2
        for p in n["probes"]:
            assert set(p) == {"ip", "mac", "predicted_ip", "predicted_mac"}
            assert p["ip"] == p["predicted_ip"], n
            if p["predicted_mac"] is not None:     # engines up to 27 derive the MAC from the IPv4
                assert p["mac"] == p["predicted_mac"], n
        assert n["peer_reach"] is True
        assert n["gateway_reach"] is True          # the LAN side answers as the planned gateway
        assert n["host_reach"] is False            # macvlan: the host needs a shim ...
        assert n["host_reach_with_shim"] is True   # ... and the shim's own commands give it one
        rules = {f["rule"]: f for f in n["findings"]}
        assert rules["verify-host-isolation"]["severity"] == "info"
        assert "macplan shim" in rules["verify-host-isolation"]["message"]
        assert not [f for f in n["findings"] if f["severity"] == "error"]
        assert all(set(f) == {"rule", "severity", "message", "docker_error"} for f in n["findings"])
    # aux 10.61.0.64 is the range's first address: the probes get the next two
    assert [p["ip"] for p in nets["vt-front"]["probes"]] == ["10.61.0.65", "10.61.0.66"]
    assert [p["ip"] for p in nets["vt-back"]["probes"]] == ["10.62.0.1", "10.62.0.2"]
    assert _left(lab) == before == {"probes": [], "shims": [], "lan": False, "links": before["links"]}
    print(f"healthy verify with --shim: {proc.seconds:.1f}s")


def test_without_shim_flag_host_reach_with_shim_is_null(applied):
    lab, plan_file = applied
    proc = _verify(lab, plan_file)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for n in json.loads(proc.stdout)["networks"]:
        assert n["host_reach_with_shim"] is None


def test_parent_down_fails_and_says_so(applied):
    lab, plan_file = applied
    netns = lab.lab.name
    subprocess.run(["ip", "-n", netns, "link", "set", "eth2", "down"], check=True)
    try:
        proc = _verify(lab, plan_file)
    finally:
        subprocess.run(["ip", "-n", netns, "link", "set", "eth2", "up"], check=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    nets = {n["name"]: n for n in json.loads(proc.stdout)["networks"]}
    back = nets["vt-back"]
    assert back["peer_reach"] is False and back["gateway_reach"] is False
    errors = [f for f in back["findings"] if f["severity"] == "error"]
    assert [f["rule"] for f in errors] == ["verify-parent-down"]
    assert "eth2" in errors[0]["message"] and "down" in errors[0]["message"]
    # the other network is unaffected
    assert not [f for f in nets["vt-front"]["findings"] if f["severity"] == "error"]
    assert _left(lab)["probes"] == []


def test_no_lan_side_means_no_gateway(applied):
    """Without the LAN side nothing answers for the gateway: verify must notice (it can fail)."""
    lab, plan_file = applied
    proc = _verify(lab, plan_file, "--no-lan")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for n in json.loads(proc.stdout)["networks"]:
        assert n["peer_reach"] is True and n["gateway_reach"] is False
        msg = next(f["message"] for f in n["findings"] if f["rule"] == "verify-gateway-unreachable")
        assert "promiscuous" in msg and "MAC" in msg


def test_underlay_dropping_extra_macs(applied):
    """The LAN side hears only the parents' own MACs (a VM NIC without promiscuous mode): the
    probes reach each other but not the gateway, and verify blames the underlay."""
    lab, plan_file = applied
    proc = _verify(lab, plan_file, "--lan-one-mac")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for n in json.loads(proc.stdout)["networks"]:
        assert [p["ip"] == p["predicted_ip"] for p in n["probes"]] == [True, True]
        assert n["peer_reach"] is True and n["gateway_reach"] is False
        errors = [f for f in n["findings"] if f["severity"] == "error"]
        assert [f["rule"] for f in errors] == ["verify-gateway-unreachable"]
        assert "promiscuous" in errors[0]["message"] and "forged transmits" in errors[0]["message"]
    assert _left(lab)["lan"] is False


def test_engine_pool_differs_from_plan(applied, tmp_path):
    """The plan says aux 10.62.0.1, the engine's network has none: the probe's address differs."""
    lab, plan_file = applied
    other = tmp_path / "other.yaml"
    other.write_text(PLAN.replace("    gateway: 10.62.0.14\n", "    gateway: 10.62.0.14\n"
                                  "    aux: {reserved: 10.62.0.1}\n"))
    proc = _verify(lab, other)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    back = {n["name"]: n for n in json.loads(proc.stdout)["networks"]}["vt-back"]
    assert back["probes"][0]["predicted_ip"] == "10.62.0.2" and back["probes"][0]["ip"] == "10.62.0.1"
    assert "verify-address-mismatch" in {f["rule"] for f in back["findings"]}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_verify_leaves_nothing(applied, sig):
    lab, plan_file = applied
    before = _left(lab)
    argv = [sys.executable, "-m", "macplan", "verify", str(plan_file), "--docker-host", lab.docker_host,
            "--shim", "-q"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not lab.client.containers.list(filters={"label": LABEL}):
            time.sleep(0.05)
        assert lab.client.containers.list(filters={"label": LABEL}), "no probe ever started"
        mid = _left(lab)
        assert mid["lan"] is True        # caught mid-run: the LAN side is up
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 2, (out, err)
    assert "interrupted" in err and "Traceback" not in err
    assert _left(lab) == before


def test_killed_run_leftovers_removed_by_next_run(applied):
    """kill -9 mid-shim: nothing can clean up then; the next run removes exactly that run's probes,
    shim link and LAN side, and still verifies (the leftovers held the predicted addresses)."""
    lab, plan_file = applied
    before = _left(lab)
    argv = [sys.executable, "-m", "macplan", "verify", str(plan_file), "--docker-host", lab.docker_host,
            "--shim", "-q"]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _left(lab)["shims"]:
            time.sleep(0.02)
        proc.kill()
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    stale = _left(lab)
    assert stale["shims"] and stale["probes"] and stale["lan"], stale
    again = _verify(lab, plan_file)
    assert again.returncode == 0, again.stdout + again.stderr
    assert _left(lab) == before


def test_bad_input_one_line_exit_2(lab, tmp_path):
    proc = _verify(lab, tmp_path / "missing.yaml")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    plan = tmp_path / "p.yaml"
    plan.write_text(PLAN)
    proc = _verify(lab, plan, "--image", "macplan/no-such-image:never")
    assert proc.returncode == 2 and "never pulls" in proc.stderr and proc.stderr.count("\n") == 1


def test_verify_finds_the_engine_through_the_docker_context(applied, tmp_path):
    # no --docker-host and no DOCKER_HOST: like apply and diff, verify talks to the engine of the
    # current docker context (here one that names the lab's socket)
    import hashlib
    lab, plan_file = applied
    config = tmp_path / "docker-config"
    meta = config / "contexts" / "meta" / hashlib.sha256(b"lab").hexdigest()
    meta.mkdir(parents=True)
    (meta / "meta.json").write_text(json.dumps({"Name": "lab", "Metadata": {}, "Endpoints": {
        "docker": {"Host": lab.docker_host, "SkipTLSVerify": False}}}))
    (config / "config.json").write_text(json.dumps({"currentContext": "lab"}))
    env = {k: v for k, v in _env().items() if k not in ("DOCKER_HOST", "DOCKER_CONTEXT")}
    env["DOCKER_CONFIG"] = str(config)
    proc = subprocess.run([sys.executable, "-m", "macplan", "verify", str(plan_file), "--json", "-q", "--no-lan"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode in (0, 1), proc.stderr          # verified (1: a finding), not "cannot reach"
    assert json.loads(proc.stdout)["networks"], proc.stdout
    # and --context names it whatever the current one is
    (config / "config.json").write_text(json.dumps({"currentContext": "default"}))
    proc = subprocess.run([sys.executable, "-m", "macplan", "verify", str(plan_file), "--json", "-q", "--no-lan",
                           "--context", "lab"], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode in (0, 1), proc.stderr
