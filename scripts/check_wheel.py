"""What a user gets from `pip install macplan`: build the wheel, install it into a fresh venv,
and from an empty directory run what the README promises.  ./dev test runs it; it needs
nothing but PyPI (for the build backend and the dependencies).

    python scripts/check_wheel.py [--no-notebooks] [--keep]

Steps: the sdist, built from a clean copy of the checkout, runs the core tests, and the wheel is
built from it; the wheel carries the checkout's examples/ and planner notebook byte for byte;
`macplan examples` writes them and `macplan check` reads one; `macplan explain` explains;
`macplan app` without the notebooks extra says which extra in one line (exit 2); with it, the
planner answers 403 without the token and 200 with it, and stops on SIGTERM."""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def step(msg: str) -> None:
    print(f"check_wheel: {msg}", flush=True)


def run(argv, cwd, env, code=0, quiet=False) -> subprocess.CompletedProcess:
    p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    shown = " ".join([os.path.basename(str(argv[0]))] + [str(a) for a in argv[1:]])
    if p.returncode != code:
        sys.stderr.write(p.stdout[-4000:] + p.stderr[-4000:])
        raise SystemExit(f"check_wheel: `{shown}` exited {p.returncode}, expected {code}")
    if not quiet:
        step(f"$ {shown} -> {p.returncode}")
    return p


_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache",
                                     ".hypothesis", "*.pyc")


def build(tmp: Path, python: str, env) -> tuple[Path, Path]:
    """The sdist from a clean copy of the checkout, then the wheel from the sdist (as `pip
    install macplan` from the sdist would): (sdist, wheel)."""
    src, dist = tmp / "src", tmp / "dist"
    shutil.copytree(ROOT, src, ignore=_NOT_SOURCE, symlinks=True)
    run([python, "-m", "build", "-q", "--outdir", str(dist), str(src)], tmp, env)
    sdists, wheels = list(dist.glob("macplan-*.tar.gz")), list(dist.glob("macplan-*.whl"))
    assert len(sdists) == 1 and len(wheels) == 1, (sdists, wheels)
    return sdists[0], wheels[0]


def sdist_tests(sdist: Path, tmp: Path) -> None:
    """The sdist holds what the core tests need (run with this interpreter, which has pytest)."""
    import tarfile
    with tarfile.open(sdist) as tf:
        tf.extractall(tmp / "sdist", filter="data")
    top = next((tmp / "sdist").iterdir())
    env = dict(os.environ, PYTHONPATH=str(top))
    run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "tests", "--ignore=tests/engine",
         "--ignore=tests/browser"], top, env)
    step(f"{sdist.name}: the core tests pass from the unpacked sdist")


def same_as_checkout(wheel: Path) -> None:
    """One source: the wheel's package data is the checkout's files, byte for byte."""
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        want = {f"macplan/data/examples/{p.name}": p for p in (ROOT / "examples").iterdir()
                if p.suffix in (".yaml", ".sh")}
        want["macplan/data/notebooks/10-planner.ipynb"] = ROOT / "notebooks" / "10-planner.ipynb"
        for name, src in want.items():
            assert name in names, f"{name} is not in the wheel"
            assert z.read(name) == src.read_bytes(), f"{name} differs from {src}"
        extra = {n for n in names if n.startswith("macplan/data/")} - set(want)
        assert not extra, f"the wheel has data the checkout has not: {sorted(extra)}"
        assert any(n.endswith("/licenses/LICENSE") or n.endswith(".dist-info/LICENSE") for n in names), \
            "no LICENSE in the wheel"
    step(f"{wheel.name}: examples and the planner notebook are the checkout's")


def app_answers(venv_bin: Path, work: Path, env) -> None:
    proc = subprocess.Popen([str(venv_bin / "macplan"), "app"], cwd=work, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        line = proc.stdout.readline()
        m = re.search(r"(http://\S+?)/\?token=(\S+)", line)
        assert m, f"no URL with a token in {line!r} (stderr: {proc.stderr.read() if proc.poll() is not None else ''})"
        base, token = m.groups()
        step(f"{line.strip()[:60]}...")
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{base}/?token={token}", timeout=60) as res:
                    body = res.read().decode(errors="replace")
                    assert res.status == 200
                    (work.parent / "app-page.html").write_text(body)
                    # the notebook ran: its default plan was found and the planner widget is on the page
                    assert "Traceback" not in body, "the planner notebook failed"
                    assert "application/vnd.jupyter.widget-view+json" in body, body[:300]
                    # the planner's summary of its default plan, the seed guide's five commands
                    assert "5 networks on 1 host" in body, "the planner did not open its default plan"
                    break
            except (urllib.error.URLError, ConnectionError) as exc:
                if isinstance(exc, urllib.error.HTTPError) or time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.5)
        step("GET /?token=... -> 200")
        try:
            urllib.request.urlopen(f"{base}/", timeout=30)
            raise AssertionError("GET / without the token was served")
        except urllib.error.HTTPError as exc:
            assert exc.code == 403, exc.code
        step("GET / without the token -> 403")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
    step(f"macplan app stopped on SIGTERM (exit {proc.returncode})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-notebooks", action="store_true", help="skip installing the notebooks extra and the app")
    ap.add_argument("--no-sdist-tests", action="store_true", help="skip running the core tests from the sdist")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="macplan-wheel-"))
    try:
        home, work = tmp / "home", tmp / "work"
        home.mkdir()
        work.mkdir()
        # a user's environment: nothing of the checkout, no engine named, no docker config
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DOCKER_HOST", "DOCKER_CONTEXT",
                                                                 "DOCKER_CONFIG", "VIRTUAL_ENV", "MACPLAN_PLAN")}
        venv.create(tmp / "venv", with_pip=True)
        vbin = tmp / "venv" / "bin"
        cache = env.get("PIP_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "pip")
        env["PIP_CACHE_DIR"] = cache
        run([str(vbin / "python"), "-m", "pip", "install", "-q", "build"], tmp, env)
        sdist, wheel = build(tmp, str(vbin / "python"), env)
        same_as_checkout(wheel)
        if not args.no_sdist_tests:
            sdist_tests(sdist, tmp)
        run([str(vbin / "python"), "-m", "pip", "uninstall", "-q", "-y", "build", "pyproject_hooks", "packaging"],
            tmp, env)
        # a fresh HOME (no docker config), but pip's own cache, so a second run needs no network
        env = dict(env, HOME=str(home), PATH=f"{vbin}{os.pathsep}{env.get('PATH', '')}",
                   PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_CACHE_DIR=cache)
        run([str(vbin / "python"), "-m", "pip", "install", "-q", str(wheel)], work, env)
        mp = str(vbin / "macplan")
        p = run([mp, "examples", "plans"], work, env)
        assert (work / "plans" / "seed.sh").is_file() and "plans/seed.sh" in p.stdout
        p = run([mp, "check", "plans/seed.sh", "--engine", "20.10", "--interfaces", "eth0"], work, env, code=1)
        assert "macnet32" in p.stdout and "REFUSED" in p.stdout, p.stdout
        p = run([mp, "check", "plans/basic.yaml", "--json"], work, env)
        assert '"link": "macplan explain' in p.stdout or '"findings": []' in p.stdout
        p = run([mp, "explain", "parent-in-use"], work, env)
        assert "What to do" in p.stdout
        run([mp, "explain"], work, env)
        with open(work / "plans" / "seed.sh", encoding="utf-8") as fh:
            p = subprocess.run([mp, "check", "-", "--interfaces", "eth0"], cwd=work, env=env, stdin=fh,
                               capture_output=True, text=True)
        assert p.returncode in (0, 1) and "<stdin>" in p.stdout, p.stdout + p.stderr
        step(f"$ macplan check - < plans/seed.sh -> {p.returncode}")
        run([mp, "app", "--help"], work, env)
        p = run([mp, "app"], work, env, code=2)
        assert p.stderr.count("\n") == 1 and "pip install 'macplan[notebooks]'" in p.stderr, p.stderr
        step(f"  {p.stderr.strip()}")
        if args.no_notebooks:
            return 0
        step("installing the notebooks extra (from PyPI, or pip's cache)")
        run([str(vbin / "python"), "-m", "pip", "install", "-q", f"{wheel}[notebooks]"], work, env)
        app_answers(vbin, work, env)
        return 0
    finally:
        if args.keep:
            step(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
