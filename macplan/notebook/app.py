"""`macplan app`: the planner notebook served by Voila, like JupyterLab serves: a random token
in the URL (403 without it), the Host header checked, files only under the directory it was
started in, and everything it started stopped with it."""
from __future__ import annotations

import argparse
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional


def _app_root() -> Optional[str]:
    """The directory `macplan app` confines the planner to (set in the kernel's environment)."""
    if os.environ.get("MACPLAN_APP") != "1":
        return None
    return os.environ.get("MACPLAN_APP_ROOT") or os.getcwd()


def _planner_notebook() -> Path:
    """The planner notebook: package data in a wheel, notebooks/ in a checkout."""
    from macplan.cli.bundled import planner_notebook
    return planner_notebook()


#: what `macplan app` imports, in the server or its kernel (the `notebooks` extra)
_NEEDS = ("voila", "ipywidgets", "ipykernel", "pandas", "netaddr")


def _missing_modules() -> list[str]:
    import importlib.util
    return [m for m in _NEEDS if importlib.util.find_spec(m) is None]


def _free_port(ip: str = "127.0.0.1") -> int:
    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    with socket.socket(family) as s:
        s.bind((ip, 0))
        return s.getsockname()[1]


_LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")


def _cookie_name(token: str) -> str:
    """One cookie per running app: browsers scope cookies by host, not port, so two apps (or an
    app restarted with a new token) must not overwrite each other's."""
    import hashlib
    return "macplan_app_" + hashlib.sha256(token.encode()).hexdigest()[:12]


def _hostname(value: str) -> Optional[str]:
    """The host part of a Host header or an Origin (brackets and port removed, lower case)."""
    from urllib.parse import urlsplit
    try:
        return urlsplit(value if "//" in value else "//" + value).hostname
    except ValueError:
        return None


def _gate(handler, token: str, allowed: frozenset) -> None:
    """Refuse (403) a request without the token or addressed to a foreign name.

    Like JupyterLab: the token comes as ``?token=``, ``Authorization: token ...`` or the cookie
    set the first time the URL with the token is opened. The Host check stops DNS rebinding (a
    web page whose name resolves to 127.0.0.1); the Origin check stops another site's page from
    opening the kernel's websocket with the cookie."""
    import hmac

    from tornado.web import HTTPError

    req = handler.request
    if _hostname(req.host or "") not in allowed:
        raise HTTPError(403, "unknown Host")
    origin = req.headers.get("Origin")
    if origin is not None and _hostname(origin) not in allowed:
        raise HTTPError(403, "foreign Origin")
    given = handler.get_query_argument("token", None)
    auth = req.headers.get("Authorization", "")
    candidates = [given, auth[6:].strip() if auth.lower().startswith("token ") else None,
                  handler.get_cookie(_cookie_name(token))]
    for i, c in enumerate(candidates):
        if c and hmac.compare_digest(c.encode(), token.encode()):
            if i == 0:
                handler.set_cookie(_cookie_name(token), token, httponly=True, samesite="Strict", path="/")
            return
    raise HTTPError(403, "no valid token")


def _serve_voila(argv: list[str]) -> None:
    """The Voila server `macplan app` runs (in a child process): every handler gated by `_gate`.

    The token arrives in the environment, not on the command line, where any local user could
    read it from /proc/PID/cmdline."""
    from voila.app import Voila

    token = os.environ.pop("MACPLAN_APP_TOKEN")
    allowed = frozenset(_LOCAL_NAMES + tuple(filter(None, os.environ.get("MACPLAN_APP_IP", "").split(","))))

    class Gated:
        def prepare(self):
            _gate(self, token, allowed)
            return super().prepare()

    class GatedVoila(Voila):
        def init_settings(self):
            settings = super().init_settings()
            settings["allow_remote_access"] = False    # Voila sets True; our gate decides anyway
            return settings

        def init_handlers(self):
            out = []
            for spec in super().init_handlers():
                spec = list(spec)
                spec[1] = type(f"Gated{spec[1].__name__}", (Gated, spec[1]), {})
                out.append(tuple(spec))
            return out

    GatedVoila.launch_instance(argv)


def _descendants(pid: int) -> list[int]:
    """Every live process below `pid` (from /proc), children before grandchildren."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name is in parentheses and may contain spaces: split after the last ')'
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(0), [])
        out += kids
        todo += kids
    return out


def _become_subreaper() -> None:
    """Kernels are started in their own session by jupyter_client; if Voila dies first they
    would be adopted by init and live on as root. As a subreaper we adopt them instead."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)    # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def _stop_all(proc: subprocess.Popen, grace: float = 10.0) -> None:
    """Stop Voila (it shuts its kernels down on SIGTERM), then anything it left behind."""
    left = set(_descendants(os.getpid()))
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    left |= set(_descendants(os.getpid()))
    for sig in (signal.SIGTERM, signal.SIGKILL):
        alive = []
        for pid in left:
            try:
                os.kill(pid, sig)
                alive.append(pid)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 3
        while alive and time.monotonic() < deadline:
            for pid in list(alive):
                try:
                    done, _ = os.waitpid(pid, os.WNOHANG)   # our adopted orphans: reap them
                except ChildProcessError:                   # not our child: poll for it
                    done = 0 if os.path.exists(f"/proc/{pid}") else pid
                if done:
                    alive.remove(pid)
            time.sleep(0.05)
        left = set(alive)
        if not left:
            return


def app_main(argv: list[str]) -> int:
    """``macplan app [PLAN]``: serve the planner notebook with Voila on 127.0.0.1, behind a token.

    Prints the URL (with the token), runs until interrupted or terminated, then stops Voila and
    every kernel it started. Returns an exit code (2 when it cannot start).
    """
    ap = argparse.ArgumentParser(allow_abbrev=False, prog="macplan app",
                                 description="Serve the interactive planner (notebook 10) with Voila; needs "
                                             "the notebooks extra: pip install 'macplan[notebooks]'.")
    ap.add_argument("plan", nargs="?", help="a YAML plan or a script of docker network create commands "
                                            "(default: the seed guide's script)")
    ap.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    ap.add_argument("--ip", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this host only)")
    ap.add_argument("--root", help="the planner opens and saves files only under this directory "
                                   "(default: the current one)")
    ap.add_argument("--interfaces", help="for a script: the host's interfaces, like eth0,eth1")
    ap.add_argument("--engine", help="engine release line to check against (20.10 ... 29)")
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.plan and not Path(args.plan).is_file():
        print(f"macplan app: {args.plan}: no such file", file=sys.stderr)
        return 2
    root = Path(args.root or os.getcwd()).resolve()
    if not root.is_dir():
        print(f"macplan app: --root {args.root}: not a directory", file=sys.stderr)
        return 2
    try:
        ip = str(ipaddress.ip_address(args.ip))
    except ValueError:
        print(f"macplan app: --ip {args.ip}: not an IP address", file=sys.stderr)
        return 2
    missing = _missing_modules()
    if missing:
        print(f"macplan app: needs the notebooks extra ({', '.join(missing)} missing): "
              f"pip install 'macplan[notebooks]'", file=sys.stderr)
        return 2
    nb = Path(os.environ.get("MACPLAN_PLANNER_NOTEBOOK") or _planner_notebook())
    if not nb.is_file():
        print(f"macplan app: {nb}: the planner notebook is missing from this installation", file=sys.stderr)
        return 2
    import secrets
    token = secrets.token_urlsafe(32)
    env = dict(os.environ)
    pkg_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys([pkg_root] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]))
    env["MACPLAN_APP"] = "1"
    env["MACPLAN_APP_ROOT"] = str(root)
    env["MACPLAN_APP_TOKEN"] = token
    env["MACPLAN_APP_IP"] = ip
    for key in ("MACPLAN_PLAN", "MACPLAN_INTERFACES", "MACPLAN_ENGINE"):
        env.pop(key, None)
    if args.plan:
        env["MACPLAN_PLAN"] = str(Path(args.plan).resolve())
    if args.interfaces:
        env["MACPLAN_INTERFACES"] = args.interfaces
    if args.engine:
        env["MACPLAN_ENGINE"] = args.engine
    try:
        port = args.port or _free_port(ip)
    except OSError as exc:
        print(f"macplan app: cannot listen on {ip}: {exc.strerror}", file=sys.stderr)
        return 2
    # port_retries=0: Voila would otherwise move to another port than the URL printed here
    # -P: `python -c` would otherwise import from its working directory first (run as root)
    safe = ["-P"] if sys.version_info >= (3, 11) else []
    cmd = [sys.executable, *safe, "-c", "import sys; from macplan.notebook.app import _serve_voila; _serve_voila(sys.argv[1:])",
           str(nb), f"--port={port}", "--Voila.port_retries=0", "--no-browser", f"--Voila.ip={ip}",
           "--VoilaConfiguration.file_allowlist=[]", "--theme=light"]
    host = f"[{ip}]" if ":" in ip else ip
    stopping = []

    def on_signal(signum, frame):
        stopping.append(signum)
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    _become_subreaper()
    proc = None
    try:
        try:
            proc = subprocess.Popen(cmd, env=env, cwd=str(nb.parent))
        except OSError as exc:
            print(f"macplan app: cannot start Voila: {exc}", file=sys.stderr)
            return 2
        print(f"macplan app: the planner is at http://{host}:{port}/?token={token}\n"
              f"macplan app: it opens and saves files under {root}  (Ctrl-C stops it)", flush=True)
        code = proc.wait()
        return code
    except KeyboardInterrupt:
        return 0
    finally:
        # whatever ended us (signal, Voila exiting, an error), nothing we started outlives us
        for sig in previous:
            signal.signal(sig, signal.SIG_IGN)
        if proc is not None:
            _stop_all(proc)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
