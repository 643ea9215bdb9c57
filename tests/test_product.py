"""What an installed user gets: bundled examples and planner, `macplan examples | explain`,
`-` as PLAN, the engine docker would use (contexts, TLS), one default engine, one version."""
from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import macplan
from macplan.cli import main
from macplan.cli import stdin as stdin_mod
from macplan.cli.bundled import example_files, planner_notebook, write_examples
from macplan.engine import transport
from macplan.engine.transport import Endpoint, resolve_endpoint
from macplan.errors import EngineError
from macplan.profile import DEFAULT_ENGINE, default_engine
from macplan.rules import RULES

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ bundled files

def test_bundled_files_are_the_checkouts():
    # run from a checkout, the bundled files are the checkout's own (the wheel copies them;
    # scripts/check_wheel.py compares the wheel's bytes with these)
    assert {p.name for p in example_files()} == {p.name for p in (ROOT / "examples").iterdir()
                                                  if p.suffix in (".yaml", ".sh")}
    assert planner_notebook().read_bytes() == (ROOT / "notebooks" / "10-planner.ipynb").read_bytes()
    # the notebook's default plan is next to it, where the package data puts it too
    assert (planner_notebook().parent / ".." / "examples" / "seed.sh").resolve().is_file()


def test_setup_bundles_what_bundled_finds():
    text = (ROOT / "setup.py").read_text()
    assert '("examples", "*.yaml", "data/examples")' in text and '"10-planner.ipynb", "data/notebooks"' in text


def test_examples_writes_only_into_dir_and_keeps_what_exists(tmp_path, capsys):
    target = tmp_path / "plans"
    target.mkdir()
    (target / "basic.yaml").write_text("mine\n")
    outside = tmp_path / "outside.yaml"
    outside.write_text("outside\n")
    (target / "seed.sh").symlink_to(outside)
    assert main(["examples", str(target)]) == 0
    out, err = capsys.readouterr()
    assert (target / "basic.yaml").read_text() == "mine\n"
    assert outside.read_text() == "outside\n" and (target / "seed.sh").is_symlink()
    assert "kept 2 file(s)" in err and "basic.yaml" in err
    assert (target / "vlan-trunk.yaml").read_bytes() == (ROOT / "examples" / "vlan-trunk.yaml").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside.yaml", "plans"]
    # --force replaces the link itself, never writes through it
    assert main(["examples", str(target), "--force"]) == 0
    assert outside.read_text() == "outside\n" and not (target / "seed.sh").is_symlink()
    assert (target / "basic.yaml").read_bytes() == (ROOT / "examples" / "basic.yaml").read_bytes()


def test_examples_are_checked_where_they_were_written(tmp_path, capsys):
    written, kept = write_examples(str(tmp_path))
    assert kept == [] and len(written) == len(example_files())
    assert main(["check", str(tmp_path / "basic.yaml")]) == 0


# ------------------------------------------------------------------ explain and links

def test_explain_a_rule_and_the_list(capsys):
    assert main(["explain", "parent-in-use"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("parent-in-use\n") and "What to do:" in out
    assert main(["explain"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == len(RULES)
    assert main(["explain", "parent-in-us"]) == 2
    assert "did you mean 'parent-in-use'" in capsys.readouterr().err


def test_every_link_is_a_command_that_explains(capsys):
    rep = macplan.check(macplan.load(str(ROOT / "examples" / "seed.sh"), interfaces=["eth0"]), "20.10")
    links = {f.link for n in rep.networks for f in n.findings}
    assert links
    for link in links:
        argv = link.split()
        assert argv[:2] == ["macplan", "explain"]
        assert main(argv[1:]) == 0
    capsys.readouterr()


# ------------------------------------------------------------------ stdin

@pytest.mark.parametrize("text,fmt", [
    ("networks:\n  a: {driver: macvlan, parent: eth0}\n", "yaml"),
    ("# a plan\n---\nname: x\n", "yaml"),
    ("{networks: {a: {parent: eth0}}}\n", "yaml"),
    ("$ docker network create -d macvlan -o parent=eth0 a\n", "script"),
    ("#!/bin/sh\nset -e\nPARENT=eth0\nsudo docker network create -d macvlan -o parent=$PARENT a\n", "script"),
    ("docker network create -d macvlan \\\n  --subnet=10.0.0.0/24 a  # note: x\n", "script"),
])
def test_stdin_format_is_told_by_content(text, fmt):
    assert stdin_mod.sniff_format(text) == fmt


def test_stdin_plan_script_and_compose(monkeypatch, capsys):
    for name, want in (("seed.sh", "script"), ("vlan-trunk.yaml", "yaml"), ("compose.yaml", "compose")):
        plan, fmt = stdin_mod.load_stdin(io.StringIO((ROOT / "examples" / name).read_text()), interfaces=["eth0"])
        assert fmt == want and plan.networks, name
    monkeypatch.setattr(sys, "stdin", io.StringIO((ROOT / "examples" / "seed.sh").read_text()))
    assert main(["check", "-", "--engine", "20.10", "--interfaces", "eth0", "--json"]) == 1
    assert [n["name"] for n in json.loads(capsys.readouterr().out)["networks"]][:2] == ["pub_net", "macnet32"]
    monkeypatch.setattr(sys, "stdin", io.StringIO((ROOT / "examples" / "vlan-trunk.yaml").read_text()))
    assert main(["convert", "-"]) == 0
    assert capsys.readouterr().out.startswith("docker network create")
    monkeypatch.setattr(sys, "stdin", io.StringIO("networks:\n  a:\n    parnet: eth0\n"))
    assert main(["check", "-"]) == 2
    assert capsys.readouterr().err.startswith("macplan: <stdin>:3:")


# ------------------------------------------------------------------ the engine docker would use

def _context(home: Path, name: str, host: str, tls: bool = False, skip_verify: bool = False) -> None:
    digest = hashlib.sha256(name.encode()).hexdigest()
    meta = home / ".docker" / "contexts" / "meta" / digest
    meta.mkdir(parents=True)
    (meta / "meta.json").write_text(json.dumps({"Name": name, "Metadata": {}, "Endpoints": {
        "docker": {"Host": host, "SkipTLSVerify": skip_verify}}}))
    if tls:
        d = home / ".docker" / "contexts" / "tls" / digest / "docker"
        d.mkdir(parents=True)
        for f in ("ca.pem", "cert.pem", "key.pem"):
            (d / f).write_text("x")


@pytest.fixture
def home(tmp_path):
    (tmp_path / ".docker").mkdir()
    _context(tmp_path, "remote", "tcp://remote.example:2376", tls=True)
    _context(tmp_path, "other", "ssh://me@other.example")
    _context(tmp_path, "loose", "tcp://loose.example:2376", tls=True, skip_verify=True)
    return tmp_path


def test_endpoint_order_is_dockers(home):
    env = {"HOME": str(home)}
    assert resolve_endpoint(env=env) == Endpoint("unix:///var/run/docker.sock", "default")
    (home / ".docker" / "config.json").write_text(json.dumps({"currentContext": "other"}))
    assert resolve_endpoint(env=env).host == "ssh://me@other.example"
    env["DOCKER_CONTEXT"] = "remote"
    ep = resolve_endpoint(env=env)
    assert ep.host == "tcp://remote.example:2376" and ep.source == "context remote" and ep.verify
    tls_dir = home / ".docker" / "contexts" / "tls" / hashlib.sha256(b"remote").hexdigest() / "docker"
    assert ep.tls == (str(tls_dir / "ca.pem"), str(tls_dir / "cert.pem"), str(tls_dir / "key.pem"))
    env["DOCKER_HOST"] = "tcp://envhost:2375"
    assert resolve_endpoint(env=env) == Endpoint("tcp://envhost:2375", "DOCKER_HOST")
    assert resolve_endpoint(context="other", env=env).host == "ssh://me@other.example"
    assert resolve_endpoint("unix:///x.sock", context="other", env=env).host == "unix:///x.sock"
    assert resolve_endpoint(context="default", env={"HOME": str(home)}).source == "default"
    loose = resolve_endpoint(context="loose", env=env)
    assert loose.tls is not None and not loose.verify


def test_docker_config_and_tls_from_the_environment(home, tmp_path):
    certs = tmp_path / "certs"
    certs.mkdir()
    for f in ("ca.pem", "cert.pem", "key.pem"):
        (certs / f).write_text("x")
    env = {"HOME": "/nonexistent", "DOCKER_CONFIG": str(home / ".docker"), "DOCKER_CONTEXT": "other"}
    assert resolve_endpoint(env=env).host == "ssh://me@other.example"
    env = {"HOME": str(home), "DOCKER_HOST": "tcp://h:2376", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": str(certs)}
    ep = resolve_endpoint(env=env)
    assert ep.verify and ep.tls == (str(certs / "ca.pem"), str(certs / "cert.pem"), str(certs / "key.pem"))
    env.pop("DOCKER_TLS_VERIFY")
    ep = resolve_endpoint(env=env)
    assert ep.tls is not None and not ep.verify
    env.pop("DOCKER_CERT_PATH")
    assert resolve_endpoint(env=env).tls is None


def test_a_missing_or_broken_context_is_one_line(home):
    with pytest.raises(EngineError, match="docker context 'nope' not found"):
        resolve_endpoint(context="nope", env={"HOME": str(home)})
    (home / ".docker" / "config.json").write_text("{not json")
    with pytest.raises(EngineError, match="cannot read"):
        resolve_endpoint(env={"HOME": str(home)})


def test_docker_transport_uses_the_context(home, monkeypatch):
    pytest.importorskip("docker")
    import docker
    seen = {}

    class FakeAPI:
        def __init__(self, base_url, version, timeout, tls):
            seen.update(base_url=base_url, tls=tls)

    monkeypatch.setattr(docker, "APIClient", FakeAPI)
    monkeypatch.setenv("HOME", str(home))
    for key in ("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"):
        monkeypatch.delenv(key, raising=False)
    t = transport.DockerTransport(context="loose")
    assert t.docker_host == seen["base_url"] == "tcp://loose.example:2376"
    assert seen["tls"] and seen["tls"].verify is False
    monkeypatch.setenv("DOCKER_CONTEXT", "other")
    assert transport.DockerTransport().docker_host == "ssh://me@other.example"


def test_engine_commands_take_a_context(home, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("HOME", str(home))
    plan = tmp_path / "p.yaml"
    plan.write_text((ROOT / "examples" / "basic.yaml").read_text())
    assert main(["diff", str(plan), "--context", "nope"]) == 2
    assert "docker context 'nope' not found" in capsys.readouterr().err


# ------------------------------------------------------------------ the default engine

def test_default_engine_is_the_answering_engines_else_the_default(monkeypatch):
    assert default_engine(None) == DEFAULT_ENGINE == "29"
    assert default_engine("20.10.24+dfsg1") == "20.10"
    assert default_engine("27.5.1") == "27"
    assert default_engine("17.03.0-ce") == DEFAULT_ENGINE          # outside the profiles: the default
    monkeypatch.setattr(transport, "engine_version", lambda endpoint=None, timeout=1.0: "26.1.5")
    assert transport.default_engine() == "26"
    monkeypatch.setattr(transport, "engine_version", lambda endpoint=None, timeout=1.0: None)
    assert transport.default_engine() == "29"


def test_engine_version_asks_a_unix_socket(tmp_path):
    import socket
    import threading
    path = str(tmp_path / "d.sock")
    srv = socket.socket(socket.AF_UNIX)
    srv.bind(path)
    srv.listen(1)

    def answer():
        conn, _ = srv.accept()
        conn.recv(4096)
        body = b'{"Version": "20.10.24+dfsg1", "ApiVersion": "1.41"}'
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                     % (len(body), body))
        conn.close()

    th = threading.Thread(target=answer, daemon=True)
    th.start()
    assert transport.engine_version(Endpoint(f"unix://{path}", "test")) == "20.10.24+dfsg1"
    th.join(5)
    srv.close()
    assert transport.engine_version(Endpoint(f"unix://{tmp_path}/none.sock", "test")) is None
    assert transport.engine_version(Endpoint("ssh://x", "test")) is None
    assert transport.engine_version(Endpoint("tcp://127.0.0.1:1", "test")) is None
    assert transport.engine_version(Endpoint("tcp://127.0.0.1:1", "test", (None, None, None), True)) is None


def test_check_without_engine_asks_the_engine(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(transport, "engine_version", lambda endpoint=None, timeout=1.0: "20.10.24")
    plan = tmp_path / "p.sh"
    plan.write_text("docker network create -d macvlan -o parent=eth0 a\n")
    assert main(["check", str(plan), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["engine"] == "20.10"
    assert main(["check", str(plan), "--json", "--engine", "27"]) == 0
    assert json.loads(capsys.readouterr().out)["engine"] == "27"


# ------------------------------------------------------------------ plan host vs docker's host

def test_plan_host_is_not_dockers_host(capsys):
    multi = str(ROOT / "examples" / "multi-host.yaml")
    assert main(["export", "compose", multi, "--plan-host", "node1"]) == 0
    new = capsys.readouterr().out
    assert main(["export", "compose", multi, "--host", "node1"]) == 0
    out, err = capsys.readouterr()
    assert out == new and "--host is deprecated" in err
    with pytest.raises(SystemExit) as exc:
        main(["export", "compose", multi, "--host", "tcp://10.0.0.1:2375"])
    assert exc.value.code == 2
    assert "--docker-host" in capsys.readouterr().err


# ------------------------------------------------------------------ app, version, metadata

def test_app_names_the_missing_extra_in_one_line(monkeypatch, capsys):
    from macplan.notebook import app
    monkeypatch.setattr(app, "_missing_modules", lambda: ["voila"])
    assert main(["app"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'macplan[notebooks]'" in err
    assert main(["app", "--help"]) == 0


def test_one_version_and_declared_metadata():
    text = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in text and 'version = {attr = "macplan.__version__"}' in text
    assert 'requires-python = ">=3.11"' in text and '"jsonschema' in text
    p = subprocess.run([sys.executable, "-m", "macplan", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert p.stdout.strip() == f"macplan {macplan.__version__}"
    assert "MIT License" in (ROOT / "LICENSE").read_text()
