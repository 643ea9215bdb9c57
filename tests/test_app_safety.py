"""`macplan app` serves a root kernel: nothing without the token, only local Host names, files
only under its root, and nothing left running once it is stopped.

The server tests start the real `macplan app` (Voila and its kernels) in a subprocess."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from macplan.notebook.planner import Planner

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed.sh"


# ------------------------------------------------------------------ the planner's file boxes

@pytest.fixture
def tree(tmp_path):
    """root/ (served) with a plan in it, and a secret next to it, outside the root."""
    root = tmp_path / "root"
    root.mkdir()
    (root / "plan.sh").write_text(SEED.read_text())
    secret = tmp_path / "secret.txt"
    secret.write_text("hunter2-the-first-line: [\n")
    return root, secret


def _status(p: Planner) -> str:
    return p.open_status.value


@pytest.mark.parametrize("path", ["../secret.txt", "{secret}", "sub/../../secret.txt", "link-out"])
def test_open_box_refuses_paths_outside_the_root(tree, path):
    root, secret = tree
    (root / "link-out").symlink_to(secret)
    p = Planner(None, engine="20.10", root=str(root))
    before = p.plan
    assert p.load_path(path.format(secret=secret)) is False
    assert p.plan is before
    assert "hunter2" not in _status(p)
    assert "only files under" in _status(p)


def test_open_box_reads_files_under_the_root_relative_to_it(tree, monkeypatch):
    root, _ = tree
    monkeypatch.chdir("/")              # relative paths are the root's, not the kernel's cwd
    p = Planner(None, engine="20.10", root=str(root))
    assert p.load_path("plan.sh") is True
    assert len(p.plan.networks) > 0


def test_open_errors_never_quote_the_file(tree):
    root, _ = tree
    (root / "bad.yaml").write_text("networks:\n  x: {driver: hunter2-secret-value}\n  x: {}\n")
    (root / "bad.sh").write_text("docker network create --subnet \"$(cat /hunter2)\" hunter2\n")
    p = Planner(None, engine="20.10", root=str(root))
    for name, line in (("bad.yaml", 3), ("bad.sh", 1)):
        assert p.load_path(name) is False
        assert "hunter2" not in _status(p)
        assert f"line {line}" in _status(p)


@pytest.mark.parametrize("path", ["../evil.yaml", "{outside}", "link-out"])
def test_save_and_export_refuse_paths_outside_the_root(tree, path):
    root, secret = tree
    (root / "link-out").symlink_to(secret)
    outside = root.parent / "evil2.yaml"
    p = Planner(None, engine="20.10", root=str(root))
    assert p.save_yaml(path.format(outside=outside)) is None
    assert p.export_commands(path.format(outside=outside)) is None
    assert not (root.parent / "evil.yaml").exists() and not outside.exists()
    assert secret.read_text().startswith("hunter2")
    assert "only files under" in p.save_status.value


def test_save_under_the_root_writes_there(tree, monkeypatch):
    root, _ = tree
    monkeypatch.chdir("/")
    p = Planner(None, engine="20.10", root=str(root))
    assert p.load_path("plan.sh")
    assert p.save_yaml("out/../saved.yaml") == str(root / "saved.yaml")
    assert (root / "saved.yaml").read_text().startswith("name:")


def test_app_kernel_is_confined_by_its_environment(tree, monkeypatch):
    root, _ = tree
    monkeypatch.setenv("MACPLAN_APP", "1")
    monkeypatch.setenv("MACPLAN_APP_ROOT", str(root))
    outside = root.parent / "outside.sh"
    outside.write_text(SEED.read_text())
    p = Planner(None, engine="20.10")    # the notebook does not pass root: the app's env does
    assert p.load_path(str(outside)) is False
    assert p.load_path("plan.sh") is True


# ------------------------------------------------------------------ the server

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _tree(pid: int) -> set[int]:
    kids: dict[int, list[int]] = {}
    for e in os.listdir("/proc"):
        if e.isdigit():
            try:
                with open(f"/proc/{e}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(e))
    out, todo = set(), [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            out.add(k)
            todo.append(k)
    return out


def _get(url: str, host: str | None = None) -> int:
    req = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.fixture
def app(tmp_path):
    pytest.importorskip("voila")
    port = _free_port()
    log = tmp_path / "app.log"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    env.pop("MACPLAN_APP", None)
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "macplan", "app", "--port", str(port)], cwd=tmp_path,
                                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline, url = time.monotonic() + 60, None
        while time.monotonic() < deadline and proc.poll() is None:
            m = re.search(r"http://127\.0\.0\.1:(\d+)/\S*", log.read_text())
            if m:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    url = m.group(0)
                    break
                except OSError:
                    pass
            time.sleep(0.3)
        assert url, f"macplan app did not come up:\n{log.read_text()[-3000:]}"
        yield proc, port, url, log
    finally:
        if proc.poll() is None:      # a failed test must not leave a server behind
            for pid in _tree(proc.pid) | {proc.pid}:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            proc.wait(10)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_app_serves_nothing_without_the_token_and_stops_everything(app, stop):
    proc, port, url, log = app
    base = f"http://127.0.0.1:{port}"
    m = re.search(r"[?&]token=([A-Za-z0-9_-]+)", url)
    assert m and len(m.group(1)) >= 32, f"no token in the printed URL {url!r}"
    token = m.group(1)

    assert _get(f"{base}/") == 403
    assert _get(f"{base}/?token=wrong{token}") == 403
    assert _get(f"{base}/api/kernels") == 403
    assert _get(f"{base}/voila/static/voila.js") == 403
    assert _get(f"{base}/?token={token}", host="evil.example") == 403       # DNS rebinding
    assert _get(f"{base}/?token={token}", host=f"attacker.test:{port}") == 403
    assert _get(f"{base}/?token={token}") == 200                            # renders: a kernel runs
    assert _get(f"http://localhost:{port}/?token={token}", host=f"localhost:{port}") == 200

    started = _tree(proc.pid)
    for pid in started | {proc.pid}:       # ps shows command lines to every local user
        try:
            assert token.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes()
        except FileNotFoundError:
            pass
    assert any("ipykernel" in Path(f"/proc/{p}/cmdline").read_bytes().decode(errors="replace")
               for p in started if _alive(p)), "expected a kernel to be running"
    proc.send_signal(stop)
    assert proc.wait(40) == 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in started):
        time.sleep(0.2)
    survivors = [p for p in started if _alive(p)]
    assert not survivors, f"still running after {stop!r}: {survivors}"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_open_box_refuses_fifos_and_directories_under_the_root(tree):
    root, _ = tree
    os.mkfifo(root / "pipe.yaml")        # opening it would block the kernel forever
    (root / "dir.yaml").mkdir()
    p = Planner(None, engine="20.10", root=str(root))
    assert p.load_path("pipe.yaml") is False and "not a regular file" in _status(p)
    assert p.load_path("dir.yaml") is False


def test_kernels_die_with_the_app_even_when_voila_is_killed(app):
    """jupyter_client starts kernels in their own session: with Voila SIGKILLed they would be
    orphans running as root. `macplan app` adopts them (subreaper) and stops them as it exits."""
    proc, port, url, log = app
    assert _get(url) == 200
    started = _tree(proc.pid)
    voila = [p for p in started if b"_serve_voila" in Path(f"/proc/{p}/cmdline").read_bytes()]
    kernels = [p for p in started if b"ipykernel" in Path(f"/proc/{p}/cmdline").read_bytes()]
    assert len(voila) == 1 and kernels
    os.kill(voila[0], signal.SIGKILL)
    proc.wait(40)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in kernels):
        time.sleep(0.2)
    assert not [p for p in kernels if _alive(p)]


def test_a_plans_name_never_makes_the_default_save_path_leave_the_directory(tmp_path):
    plan_file = tmp_path / "p.yaml"
    plan_file.write_text('name: "../../etc/cron.d/evil"\nnetworks: {}\n')
    p = Planner.open(str(plan_file), engine="20.10")
    for box in (p.yaml_path, p.commands_path):
        assert "/" not in box.value and not box.value.startswith(".")


@pytest.mark.parametrize("argv,words", [(["--ip", "example.com"], "--ip example.com: not an IP address"),
                                        (["--root", "/nonexistent/dir"], "not a directory"),
                                        (["no-such-plan.yaml"], "no such file")])
def test_app_refuses_bad_arguments_before_serving_anything(argv, words, capsys):
    from macplan.cli import main
    assert main(["app", *argv]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1
