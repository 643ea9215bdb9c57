"""Real-browser fixtures: JupyterLab and Voila started here on 127.0.0.1, driven in headless
Chromium from Debian's ``chromium`` package with Python Playwright (no browser download).

    jupyterlab_url   a JupyterLab on a free port, token disabled, on a scratch copy of
                     notebooks/ and examples/ (so autosave never touches the
                     work tree), news and update checks off, no workspace restore
    voila_url        ``macplan app`` (``macplan.notebook.app.app_main``) on a free port, URL taken
                     from what it prints, started in ``voila_root``
    browser          one headless Chromium for the session (``$CHROMIUM`` or /usr/bin/chromium)
    page             a fresh 1400x1000 page per test

Every test here gets the ``browser`` marker. Without chromium or playwright the tests skip,
except with ``CI=true``, where they fail: CI must run them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


def pytest_collection_modifyitems(config, items):
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(reason: str):
    if _ci():
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f}s:\n{log.read_text()[-3000:]}")


def _wait_port(port: int, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"nothing listens on port {port} after {timeout:.0f}s:\n{log.read_text()[-3000:]}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


def _env() -> dict:
    env = dict(os.environ)
    paths = [str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    env["PYTHONHASHSEED"] = "0"
    env.pop("MACPLAN_APP", None)
    env.pop("MACPLAN_PLAN", None)
    return env


@pytest.fixture(scope="session")
def chromium() -> str:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("Python playwright is not installed (pip install playwright)")
    for mod in ("jupyterlab", "voila", "ipywidgets"):
        try:
            __import__(mod)
        except ImportError:
            _unavailable(f"{mod} is not installed (pip install -e '.[notebooks]')")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def jupyterlab_url(chromium, tmp_path_factory):
    work = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", work / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(ROOT / "examples", work / "examples")
    settings = work / "settings"
    for rel, data in {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                            "checkForUpdates": False},
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    }.items():
        (settings / rel).parent.mkdir(parents=True, exist_ok=True)
        (settings / rel).write_text(json.dumps(data))
    port = _free_port()
    config = work / "jupyter_server_test_config.py"
    config.write_text(f"""
c.ServerApp.port = {port}
c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port_retries = 0
c.ServerApp.open_browser = False
c.ServerApp.root_dir = {str(work)!r}
c.IdentityProvider.token = ""
c.ServerApp.password = ""
c.ServerApp.disable_check_xsrf = True
c.ServerApp.allow_root = True
c.LabApp.expose_app_in_browser = True
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"
c.LabApp.workspaces_dir = {str(work / "workspaces")!r}
""")
    env = _env()
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    env["JUPYTER_CONFIG_DIR"] = str(work / "config")
    log = work / "jupyterlab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "jupyterlab", f"--config={config}"], cwd=work, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_http(f"{url}/lab", proc, log)
        yield url
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def voila_root(tmp_path_factory) -> Path:
    """The folder `macplan app` is started in (its root): holds site.yaml, a copy of vlan-trunk.yaml."""
    work = tmp_path_factory.mktemp("voila")
    shutil.copy(ROOT / "examples" / "vlan-trunk.yaml", work / "site.yaml")
    return work


@pytest.fixture(scope="session")
def voila_url(chromium, voila_root):
    work = voila_root
    log = work / "voila.log"
    port = _free_port()
    code = "import sys; from macplan.notebook.app import app_main; sys.exit(app_main(sys.argv[1:]))"
    with open(log, "wb") as out:
        # --engine 20.10: the page's expected verdicts are Debian 12's engine (macnet32 refused);
        # without it the app asks DOCKER_HOST, else takes the documented default (29)
        proc = subprocess.Popen([sys.executable, "-c", code, "--port", str(port), "--engine", "20.10"],
                                cwd=work, env=_env(),
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        url = None
        while url is None and time.monotonic() < deadline and proc.poll() is None:
            m = re.search(r"http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]+", log.read_text())
            url = m.group(0) if m else time.sleep(0.2)
        if url is None:
            raise RuntimeError(f"macplan app printed no URL:\n{log.read_text()[-3000:]}")
        assert url.startswith(f"http://127.0.0.1:{port}/?token=")   # the token opens it, and sets its cookie
        _wait_port(port, proc, log)
        yield url
    finally:
        _stop(proc)
