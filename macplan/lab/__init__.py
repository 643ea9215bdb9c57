"""A sandboxed Docker engine: dockerd in its own network namespace, for teaching and tests.

The lab never touches the host's own interfaces, routes or firewall: every link it makes
lives inside the netns (veth pairs whose named end stands in for a parent such as ``eth0`` or
``eth0.50``), dockerd runs with no bridge and no iptables, on a private socket under the lab
directory, with its own data-root, exec-root (so its own containerd) and cgroup parent.
Teardown finds what is left even after a crash (dockerd killed with -9): processes in the
netns, processes naming the exec-root, processes in the lab cgroup; then it unmounts what
dockerd mounted under the lab's data and exec roots, removes the cgroups and deletes the netns.

It runs as root, so it trusts nothing it is told: ``up`` writes a marker (``.macplan-lab``,
with a random id) into the lab directory before it creates anything, and records there the
netns it created (by inode) and the cgroup it uses (``macplan-lab-<id>``, never a name taken
from ``--name``, which could be ``docker`` or ``system.slice``). ``down`` removes only what the
marker records: on a directory without the marker it refuses and removes nothing; a netns of
that name which is not the recorded one, its processes, and mounts outside the data and exec
roots are left alone. ``up`` refuses a non-empty directory or an existing netns it did not make.

It installs nothing unless asked (``--install``), and never Debian's ``docker.io`` when a
``dockerd`` is already there (on a host with Docker CE the two packages conflict).

    macplan lab up [--name N] [--parents eth0,eth1,eth0.50] [--dir D] [--install] [--no-image]
    macplan lab down | status | env [--name N] [--dir D]

Python:  ``lab = Lab(name="macplan-lab"); lab.up(); lab.docker_host; lab.version(); lab.down()``.
"""
from __future__ import annotations

import errno
import fcntl
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from typing import Optional

from macplan.errors import LabError, NotRootError

__all__ = [
    "DEFAULT_NAME",
    "DEFAULT_PARENTS",
    "IMAGE",
    "KERNEL_FEATURES",
    "Lab",
    "LabError",
    "NotRootError",
    "cli",
]


DEFAULT_NAME = "macplan-lab"


DEFAULT_PARENTS = ("eth0", "eth1", "eth2", "eth3", "eth0.50", "eth0.60", "eth1.70")


IMAGE = "macplan/busybox:latest"


KERNEL_FEATURES = ("8021q", "dummy", "ipvlan")


PACKAGES = ("docker.io", "busybox-static", "iproute2", "util-linux")


MARKER = ".macplan-lab"


#: files a lab directory may hold before it has a marker (what an earlier macplan left there)
_LAB_FILES = {"lock", "dockerd.log", "daemon.json", "apt.log", "lab.json", "lab.tmp"}


NETNS_DIR = Path("/var/run/netns")


CGROUP_ROOT = Path("/sys/fs/cgroup")


_IFNAME = re.compile(r"^[A-Za-z0-9_.@:-]{1,15}$")


_LABNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


def _log(msg: str) -> None:
    print(f"macplan lab: {msg}", file=sys.stderr, flush=True)


def _run(argv: list[str], *, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        err = (proc.stderr or proc.stdout).strip().splitlines()
        raise LabError(f"{' '.join(argv)} failed: {err[-1] if err else 'exit ' + str(proc.returncode)}")
    return proc


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie is dead for our purposes
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _all_pids() -> list[int]:
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


def _is_static_elf(path: str) -> bool:
    """True when the ELF file has no PT_INTERP segment (a static binary runs in an empty image)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
            if head[:4] != b"\x7fELF" or head[4] != 2:  # 64-bit only; that is all Debian ships here
                return False
            end = "<" if head[5] == 1 else ">"
            phoff = struct.unpack_from(end + "Q", head, 0x20)[0]
            phentsize, phnum = struct.unpack_from(end + "HH", head, 0x36)
            fh.seek(phoff)
            table = fh.read(phentsize * phnum)
    except OSError:
        return False
    return all(struct.unpack_from(end + "I", table, i * phentsize)[0] != 3 for i in range(phnum))


def _dpkg_installed(pkg: str) -> bool:
    if not shutil.which("dpkg-query"):
        return False
    proc = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
    return proc.returncode == 0 and "ok installed" in proc.stdout


def _ping(sock: str, timeout: float = 2.0) -> bool:
    """True when the daemon behind the unix socket answers GET /_ping with OK."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(sock)
            s.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            data = b""
            while chunk := s.recv(4096):
                data += chunk
        return data.startswith(b"HTTP/1.") and b" 200 " in data.split(b"\r\n", 1)[0] + b" "
    except OSError:
        return False


class Lab:
    """One sandboxed dockerd. Cheap to construct; nothing happens until :meth:`up`."""

    def __init__(
        self,
        name: str = DEFAULT_NAME,
        parents: tuple[str, ...] | list[str] | str = DEFAULT_PARENTS,
        *,
        lab_dir: str | os.PathLike | None = None,
        install: bool = False,
        image: bool = True,
        wait: float = 60.0,
        verbose: bool = True,
    ) -> None:
        if not _LABNAME.match(name):
            raise LabError(f"invalid lab name {name!r}: letters, digits, '_', '.', '-' (at most 40)")
        if isinstance(parents, str):
            parents = tuple(p for p in re.split(r"[,\s]+", parents) if p)
        parents = tuple(parents)
        for p in parents:
            if not _IFNAME.match(p) or p.startswith("mpv") or p == "lo":
                raise LabError(f"invalid parent interface name {p!r}")
        if len(set(parents)) != len(parents):
            raise LabError("parent interface names must be unique")
        self.name = name
        self._parents = parents
        self.dir = Path(os.path.abspath(lab_dir)) if lab_dir else Path("/tmp") / name
        self.install = install
        self.want_image = image
        self.wait = wait
        self.verbose = verbose
        self.timings: dict[str, float] = {}
        self._kernel_lacks: frozenset[str] | None = None

    # ---- paths and state -------------------------------------------------------------------
    @property
    def netns_path(self) -> Path:
        return NETNS_DIR / self.name

    @property
    def socket_path(self) -> Path:
        return self.dir / "docker.sock"

    @property
    def docker_host(self) -> str:
        return f"unix://{self.socket_path}"

    @property
    def image(self) -> str:
        return IMAGE

    @property
    def _state_file(self) -> Path:
        return self.dir / "lab.json"

    @property
    def _pidfile(self) -> Path:
        return self.dir / "docker.pid"

    @property
    def log_path(self) -> Path:
        return self.dir / "dockerd.log"

    def _state(self) -> dict:
        try:
            return json.loads(self._state_file.read_text())
        except (OSError, ValueError):
            return {}

    @property
    def _marker_file(self) -> Path:
        return self.dir / MARKER

    def _marker(self) -> Optional[dict]:
        """What ``up`` recorded it created here, or None when ``up`` never made this directory."""
        try:
            m = json.loads(self._marker_file.read_text())
        except (OSError, ValueError):
            return None
        if not isinstance(m, dict) or not isinstance(m.get("id"), str) or not re.fullmatch(r"[0-9a-f]{16}", m["id"]):
            return None
        return m

    def _write_marker(self, m: dict) -> None:
        tmp = self.dir / (MARKER + ".tmp")
        tmp.write_text(json.dumps(m, indent=1) + "\n")
        tmp.replace(self._marker_file)

    @staticmethod
    def _cgroup_name(m: Optional[dict]) -> Optional[str]:
        return f"macplan-lab-{m['id']}" if m else None

    def _netns_is_ours(self, m: Optional[dict]) -> bool:
        """The netns of this name exists and is the very one ``up`` created (same inode)."""
        try:
            st = os.stat(self.netns_path)
        except OSError:
            return False
        return bool(m) and m.get("netns") == [st.st_ino, st.st_dev]

    def _check_dir(self) -> None:
        """The lab directory must be root's alone: /tmp/NAME is the default, and anyone can
        create /tmp/NAME first (a symlink, or a directory they own, with a forged marker)."""
        try:
            st = os.lstat(self.dir)
        except FileNotFoundError:
            return
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
            raise LabError(f"{self.dir} is {'a symlink' if stat.S_ISLNK(st.st_mode) else 'not a directory'}: "
                           f"a lab directory must be a plain directory; nothing done")
        if st.st_uid != os.geteuid() or st.st_mode & 0o022:
            raise LabError(f"{self.dir} is owned by uid {st.st_uid} with mode {stat.S_IMODE(st.st_mode):o}: "
                           f"a lab directory must be root's and writable by no one else; nothing done")

    def _own(self) -> dict:
        """restart, kill_dockerd, start_dockerd act only on a lab ``up`` made (and whose netns it is)."""
        self._check_dir()
        m = self._marker()
        if m is None or m.get("name") != self.name or not self._netns_is_ours(m):
            raise LabError(f"lab {self.name} in {self.dir} is not up (or not made by `macplan lab up`): nothing done")
        return m

    def _claim(self) -> dict:
        """Before ``up`` creates anything: make sure it only ever replaces its own lab."""
        self._check_dir()
        m = self._marker()
        if m is not None and m.get("name") != self.name:
            raise LabError(f"{self.dir} holds lab {m.get('name')!r}, not {self.name!r}: nothing done")
        if m is None:
            try:
                foreign = sorted(set(os.listdir(self.dir)) - _LAB_FILES)
            except FileNotFoundError:
                foreign = []
            if foreign:
                raise LabError(f"{self.dir} was not made by `macplan lab up` (no {MARKER}) and is not empty "
                               f"({', '.join(foreign[:3])}): choose another --dir; nothing done")
        if self.netns_path.exists() and not self._netns_is_ours(m):
            raise LabError(f"netns {self.name} exists and this lab did not create it: choose another --name; "
                           f"nothing done")
        if m is None:
            if not self.dir.exists():
                self.dir.mkdir(parents=True)
                os.chmod(self.dir, 0o755)  # whatever the umask says
            self._check_dir()  # mkdir's mode is masked by the umask; a racing creator is caught here
            m = {"name": self.name, "id": secrets.token_hex(8), "netns": None}
            self._write_marker(m)
        return m

    @property
    def interfaces(self) -> tuple[str, ...]:
        """The parent interfaces present in the lab (from the running lab when there is one)."""
        st = self._state()
        return tuple(st.get("parents", self._parents)) if st else self._parents

    @property
    def kernel_lacks(self) -> frozenset[str]:
        """Which of 8021q, dummy, ipvlan the kernel lacks, probed by ``ip link add`` in the netns."""
        if self._kernel_lacks is None:
            st = self._state()
            if "kernel_lacks" in st:
                self._kernel_lacks = frozenset(st["kernel_lacks"])
            elif self._netns_is_ours(self._marker()):  # never add links in someone else's netns
                self._kernel_lacks = self._probe_kernel()
            else:
                raise LabError(f"lab {self.name} is not up: kernel_lacks is probed inside its netns")
        return self._kernel_lacks

    def _say(self, msg: str) -> None:
        if self.verbose:
            _log(f"[{self.name}] {msg}")

    @staticmethod
    def require_root() -> None:
        if os.geteuid() != 0:
            raise NotRootError("needs root (it creates a network namespace and runs dockerd); run it as root")

    # ---- lifecycle ---------------------------------------------------------------------------
    def up(self) -> "Lab":
        """Tear down any earlier instance, then install, create the netns, start dockerd, wait."""
        self.require_root()
        t_all = time.monotonic()
        self._claim()  # refuses a directory or netns that is not this lab's, before writing anything
        with self._lock():
            self._claim()
            t = time.monotonic()
            self._ensure_packages()
            self.timings["install"] = time.monotonic() - t
            t = time.monotonic()
            self._down()
            self.timings["cleanup"] = time.monotonic() - t
            t = time.monotonic()
            try:
                self._make_netns()
                self._kernel_lacks = self._probe_kernel()
                self._write_state()
                self._start_dockerd()
                self.timings["dockerd"] = time.monotonic() - t
                t = time.monotonic()
                if self.want_image:
                    self._import_image()
                self.timings["image"] = time.monotonic() - t
            except BaseException:
                self._say("start failed, cleaning up")
                try:
                    self._down()
                except Exception as exc:  # keep the original error
                    self._say(f"cleanup after failure: {exc}")
                raise
        self.timings["up"] = time.monotonic() - t_all
        self._write_state()
        self._say(f"up in {self.timings['up']:.1f}s: export DOCKER_HOST={self.docker_host}")
        return self

    def down(self) -> "Lab":
        """Stop dockerd and everything the lab started; safe to repeat and after a crash."""
        self.require_root()
        t = time.monotonic()
        self._check_dir()  # a marker in a directory someone else controls proves nothing
        m = self._marker()
        if m is None:
            found = [what for what, there in (
                (f"netns {self.name}", self.netns_path.exists()),
                (f"{self.dir}/data", (self.dir / "data").exists()),
                (f"{self.dir}/exec", (self.dir / "exec").exists()),
                ("a dockerd on its data-root", self.dockerd_pid() is not None)) if there]
            if found:
                raise LabError(f"{self.dir} was not made by `macplan lab up` (no {MARKER}), so {', '.join(found)} "
                               f"may be someone else's: nothing removed")
            self.timings["down"] = time.monotonic() - t
            return self
        if m.get("name") != self.name:
            raise LabError(f"{self.dir} holds lab {m.get('name')!r}, not {self.name!r}: nothing removed")
        with self._lock():
            self._down()
            self._marker_file.unlink(missing_ok=True)
        self.timings["down"] = time.monotonic() - t
        self._say(f"down in {self.timings['down']:.1f}s")
        return self

    def restart(self) -> "Lab":
        """Restart dockerd keeping its data (networks survive; 20.10's leaked IPAM pools do not)."""
        self.require_root()
        self._own()
        with self._lock():
            t = time.monotonic()
            self._stop_dockerd()
            self._start_dockerd()
            self.timings["restart"] = time.monotonic() - t
        return self

    def kill_dockerd(self) -> None:
        """SIGKILL dockerd (fault injection: the daemon vanishes; containers and shims stay)."""
        self._own()
        pid = self.dockerd_pid()
        if pid:
            os.kill(pid, signal.SIGKILL)
            for _ in range(100):
                if not _alive(pid):
                    break
                time.sleep(0.05)

    def start_dockerd(self) -> None:
        """Start dockerd again on the existing netns and data (after :meth:`kill_dockerd`)."""
        self._own()
        with self._lock():
            self._start_dockerd()

    def running(self) -> bool:
        return self.netns_path.exists() and _ping(str(self.socket_path))

    def version(self) -> str:
        """The daemon's version string, e.g. ``20.10.24+dfsg1``."""
        return self.version_info()["Version"]

    def version_info(self) -> dict:
        import docker  # lazy: the core never needs it

        try:
            client = docker.DockerClient(base_url=self.docker_host, version="auto", timeout=10)
            try:
                return client.version()
            finally:
                client.close()
        except Exception as exc:
            raise LabError(f"lab {self.name}: engine not answering on {self.socket_path}: {exc}") from None

    def client(self, timeout: int = 60):
        import docker

        return docker.DockerClient(base_url=self.docker_host, version="auto", timeout=timeout)

    def status(self) -> dict:
        pid = self.dockerd_pid()
        st = {
            "name": self.name,
            "netns": self.netns_path.exists(),
            "dockerd_pid": pid,
            "docker_host": self.docker_host,
            "parents": list(self.interfaces),
            "kernel_lacks": sorted(self._state().get("kernel_lacks", [])),
            "version": None,
            "api_version": None,
        }
        if pid and _ping(str(self.socket_path)):
            try:
                info = self.version_info()
                st["version"], st["api_version"] = info.get("Version"), info.get("ApiVersion")
            except LabError:
                pass
        # while dockerd runs, its containerd, shims and containers are expected, not strays
        st["leftover_pids"] = [] if st["version"] else sorted(self._leftover_pids(exclude=set()))
        if st["version"]:
            st["state"] = "running"
        elif st["netns"] or pid or st["leftover_pids"] or self._mounts():
            st["state"] = "broken"
        else:
            st["state"] = "down"
        return st

    # ---- internals ---------------------------------------------------------------------------
    def _lock(self):
        lab = self

        class _Lock:
            def __enter__(self_inner):
                self_inner.fh = open(lab.dir / "lock", "w")
                fcntl.flock(self_inner.fh, fcntl.LOCK_EX)
                return self_inner

            def __exit__(self_inner, *exc):
                fcntl.flock(self_inner.fh, fcntl.LOCK_UN)
                self_inner.fh.close()

        return _Lock()

    def _write_state(self) -> None:
        st = {
            "name": self.name,
            "parents": list(self._parents),
            "docker_host": self.docker_host,
            "kernel_lacks": sorted(self._kernel_lacks or ()),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }
        tmp = self._state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(st, indent=1) + "\n")
        tmp.replace(self._state_file)

    def _missing_packages(self) -> tuple[list[str], list[str]]:
        """(missing programs, Debian packages that would provide them). Never docker.io when a
        dockerd exists: Debian's package conflicts with Docker CE's."""
        missing = [b for b in ("dockerd", "containerd", "runc", "ip", "nsenter") if not shutil.which(b)]
        busybox_ok = _dpkg_installed("busybox-static") or _is_static_elf("/bin/busybox")
        pkgs = []
        engine = {"dockerd", "containerd", "runc"} & set(missing)
        if engine:
            if shutil.which("dockerd"):
                raise LabError(f"a dockerd is installed ({shutil.which('dockerd')}) but {', '.join(sorted(engine))} "
                               f"is missing: install it from where that dockerd came from (macplan will not "
                               f"install Debian's docker.io over another Docker)")
            pkgs.append("docker.io")
        if "ip" in missing:
            pkgs.append("iproute2")
        if "nsenter" in missing:
            pkgs.append("util-linux")
        if not busybox_ok:
            missing.append("static busybox")
            pkgs.append("busybox-static")
        return missing, pkgs

    def _ensure_packages(self) -> None:
        missing, pkgs = self._missing_packages()
        if not pkgs:
            return
        if not self.install:
            raise LabError(f"missing {', '.join(missing)}; `macplan lab up --install` would run "
                           f"apt-get install {' '.join(pkgs)}")
        if not shutil.which("apt-get"):
            raise LabError(f"missing {', '.join(missing)} and no apt-get to install {' '.join(pkgs)}")
        self._say(f"installing {' '.join(pkgs)} with apt-get (missing: {', '.join(missing)})")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        prc = Path("/usr/sbin/policy-rc.d")
        made = False
        if not prc.exists():
            # never let the package start a system-wide dockerd (docker0 + iptables on the host)
            prc.write_text("#!/bin/sh\nexit 101\n")
            prc.chmod(0o755)
            made = True
        log = self.dir / "apt.log"
        try:
            with open(log, "a") as fh:
                for argv in (
                    ["apt-get", "update", "-q"],
                    ["apt-get", "install", "-y", "-q", "--no-install-recommends", *pkgs],
                ):
                    rc = subprocess.run(argv, stdout=fh, stderr=subprocess.STDOUT, env=env,
                                        stdin=subprocess.DEVNULL).returncode
                    if rc != 0:
                        tail = log.read_text(errors="replace").strip().splitlines()[-1:]
                        raise LabError(f"{' '.join(argv[:2])} failed (exit {rc}): {tail[0] if tail else ''} (log {log})")
        finally:
            if made:
                prc.unlink(missing_ok=True)
        still = [b for b in ("dockerd", "containerd", "runc", "ip", "nsenter") if not shutil.which(b)]
        if still:
            raise LabError(f"installed packages but {', '.join(still)} still missing from PATH")

    def _make_netns(self) -> None:
        m = self._marker()
        if m is None:
            raise LabError(f"{self.dir}: the lab marker vanished; not creating anything")
        _run(["ip", "netns", "add", self.name])
        st = os.stat(self.netns_path)
        m["netns"] = [st.st_ino, st.st_dev]
        self._write_marker(m)
        ns = ["ip", "-n", self.name]
        _run([*ns, "link", "set", "lo", "up"])
        for i, parent in enumerate(self._parents):
            # both ends inside the netns; a dotted name (eth0.50) is a plain veth, so docker uses
            # it as an existing parent and never needs 8021q
            peer = f"mpv{i}"
            _run([*ns, "link", "add", parent, "type", "veth", "peer", "name", peer])
            _run([*ns, "link", "set", parent, "up"])
            _run([*ns, "link", "set", peer, "up"])

    def _probe_kernel(self) -> frozenset[str]:
        ns = ["ip", "-n", self.name]
        tmp_parent = None
        base = next(iter(self._parents), None)
        if base is None:
            tmp_parent = base = "mpvprobe"
            _run([*ns, "link", "add", base, "type", "veth", "peer", "name", "mpvprobe-p"])
        probes = {
            "dummy": ["link", "add", "mpprobe0", "type", "dummy"],
            "ipvlan": ["link", "add", "link", base, "name", "mpprobe1", "type", "ipvlan", "mode", "l2"],
            "8021q": ["link", "add", "link", base, "name", "mpprobe2", "type", "vlan", "id", "4093"],
        }
        lacks = set()
        try:
            for feature, argv in probes.items():
                if _run([*ns, *argv], check=False).returncode != 0:
                    lacks.add(feature)
                else:
                    _run([*ns, "link", "del", argv[argv.index("name") + 1] if "name" in argv else argv[2]],
                         check=False)
        finally:
            if tmp_parent:
                _run([*ns, "link", "del", tmp_parent], check=False)
        return frozenset(lacks)

    def _dockerd_argv(self) -> list[str]:
        return [
            "nsenter", f"--net={self.netns_path}", "setsid", "-f",
            "dockerd",
            "--host", self.docker_host,
            "--data-root", f"{self.dir}/data",
            "--exec-root", f"{self.dir}/exec",
            "--pidfile", str(self._pidfile),
            "--config-file", str(self.dir / "daemon.json"),
            "--bridge=none", "--iptables=false", "--ip6tables=false", "--ip-masq=false",
            "--cgroup-parent", f"/{self._cgroup_name(self._marker())}",
            "--storage-driver", "overlay2",
        ]

    def dockerd_pid(self) -> int | None:
        """The pid of this lab's dockerd, checked against its command line (pids get reused)."""
        want = f"--data-root {self.dir}/data "
        try:
            pid = int(self._pidfile.read_text().strip())
            if (_cmdline(pid) + " ").find(want) >= 0 and _alive(pid):
                return pid
        except (OSError, ValueError):
            pass
        for pid in _all_pids():
            cmd = _cmdline(pid) + " "
            if cmd.split(" ", 1)[0].endswith("dockerd") and want in cmd and _alive(pid):
                return pid
        return None

    def _start_dockerd(self) -> None:
        if not self.netns_path.exists():
            raise LabError(f"lab {self.name}: netns missing; run up")
        (self.dir / "daemon.json").write_text("{}\n")  # ignore any /etc/docker/daemon.json
        if self.dockerd_pid():
            raise LabError(f"lab {self.name}: dockerd already running")
        self.socket_path.unlink(missing_ok=True)
        # after a crash: a stale pidfile stops dockerd, and a surviving containerd of the dead
        # dockerd can leave the new one waiting for containerd until it gives up
        self._pidfile.unlink(missing_ok=True)
        self._kill_leftovers()
        # dockerd trusts containerd.pid if kill(pid, 0) succeeds, which a not-yet-reaped zombie
        # does: it then waits 15 s for a containerd that is gone. Drop the pidfile unless live.
        cpid = self.dir / "exec" / "containerd" / "containerd.pid"
        try:
            pid = int(cpid.read_text().strip())
            if not (_alive(pid) and f"{self.dir}/exec/" in _cmdline(pid)):
                cpid.unlink()
        except (OSError, ValueError):
            pass
        with open(self.log_path, "a") as log:
            log.write(f"--- start {time.strftime('%F %T')}\n")
            log.flush()
            # `nsenter --net` only: `ip netns exec` would also unshare the mount namespace and
            # remount /sys, hiding the cgroup v1 mounts ("Devices cgroup isn't mounted").
            # `setsid -f` forks, so dockerd is nobody's child here and never becomes our zombie.
            rc = subprocess.run(self._dockerd_argv(), stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL).returncode
        if rc != 0:
            raise LabError(f"lab {self.name}: could not launch dockerd (exit {rc}); see {self.log_path}")
        t0 = time.monotonic()
        seen = False
        while not _ping(str(self.socket_path), timeout=1.0):
            pid = self.dockerd_pid()
            seen = seen or bool(pid)
            elapsed = time.monotonic() - t0
            if (seen and not pid) or (not pid and elapsed > 5):
                raise LabError(f"lab {self.name}: dockerd exited: {self._log_tail()}")
            if elapsed > self.wait:
                raise LabError(f"lab {self.name}: dockerd not answering after {self.wait:.0f}s: {self._log_tail()}")
            time.sleep(0.1)

    def _log_tail(self) -> str:
        try:
            lines = [l for l in self.log_path.read_text(errors="replace").splitlines() if l.strip()]
        except OSError:
            return "(no log)"
        errs = [l for l in lines if "level=fatal" in l or "level=error" in l or "failed" in l]
        return (errs or lines or ["(empty log)"])[-1][:300] + f" (log {self.log_path})"

    def _stop_dockerd(self) -> None:
        pid = self.dockerd_pid()
        if not pid:
            return
        if _ping(str(self.socket_path)):
            # SIGKILL running containers first, else dockerd waits each one's stop timeout
            try:
                client = self.client(timeout=10)
                try:
                    for c in client.containers.list():
                        try:
                            c.kill()
                        except Exception:
                            pass
                finally:
                    client.close()
            except Exception:
                pass
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 20
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _alive(pid):
            self._say("dockerd still alive after 20s, SIGKILL")
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.05)

    def _netns_pids(self) -> set[int]:
        if not self._netns_is_ours(self._marker()):
            return set()  # a netns of this name that this lab did not create: not ours to kill
        try:
            want = os.stat(self.netns_path)
        except OSError:
            return set()
        out = set()
        for pid in _all_pids():
            try:
                st = os.stat(f"/proc/{pid}/ns/net")
            except OSError:
                continue
            if (st.st_ino, st.st_dev) == (want.st_ino, want.st_dev):
                out.add(pid)
        return out

    def _cgroup_dirs(self) -> list[Path]:
        name = self._cgroup_name(self._marker())
        if not name or not CGROUP_ROOT.is_dir():
            return []
        dirs = [d / name for d in CGROUP_ROOT.iterdir() if (d / name).is_dir()]
        if (CGROUP_ROOT / name).is_dir():
            dirs.append(CGROUP_ROOT / name)
        return dirs

    def _cgroup_pids(self) -> set[int]:
        out = set()
        for d in self._cgroup_dirs():
            for procs in d.rglob("cgroup.procs"):
                try:
                    out.update(int(x) for x in procs.read_text().split())
                except (OSError, ValueError):
                    pass
        return out

    def _is_engine_process(self, pid: int) -> bool:
        """containerd, its shims, runc or docker-proxy of this lab's exec-root; not any process
        that merely names a file there (someone's ``tail -f DIR/exec/...``)."""
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return False
        prog = os.path.basename(argv[0].decode(errors="replace")) if argv else ""
        if not (prog.startswith("containerd") or prog in ("runc", "docker-proxy", "docker-init")):
            return False
        execroot = f"{self.dir}/exec/"
        return any(a.decode(errors="replace").startswith(execroot) for a in argv[1:])

    def _leftover_pids(self, exclude: set[int]) -> set[int]:
        if self._marker() is None:
            return set()
        pids = self._netns_pids() | self._cgroup_pids()
        pids |= {p for p in _all_pids() if self._is_engine_process(p)}
        return {p for p in pids if p not in exclude and _alive(p)}

    def _mounts(self) -> list[str]:
        """Mounts dockerd made: under the lab's data-root and exec-root, nowhere else."""
        if self._marker() is None:
            return []
        prefixes = (f"{self.dir}/data/", f"{self.dir}/exec/")
        out = []
        try:
            for line in Path("/proc/self/mountinfo").read_text().splitlines():
                mp = re.sub(r"\\([0-7]{3})", lambda g: chr(int(g.group(1), 8)), line.split()[4])
                if mp.startswith(prefixes) or mp in (f"{self.dir}/data", f"{self.dir}/exec"):
                    out.append(mp)
        except OSError:
            pass
        return out

    def _down(self) -> None:
        self._stop_dockerd()
        self._kill_leftovers()
        self._teardown()

    def _kill_leftovers(self) -> None:
        """With dockerd gone: kill its containerd, shims and orphaned container processes."""
        me = {os.getpid()}
        left = self._leftover_pids(exclude=me)
        if left:
            self._say(f"killing leftover lab processes: {' '.join(map(str, sorted(left)))}")
            for sig, pause in ((signal.SIGTERM, 1.0), (signal.SIGKILL, 2.0)):
                for p in left:
                    try:
                        os.kill(p, sig)
                    except ProcessLookupError:
                        pass
                deadline = time.monotonic() + pause
                while time.monotonic() < deadline and any(_alive(p) for p in left):
                    time.sleep(0.05)
                left = {p for p in left if _alive(p)}
                if not left:
                    break
            if left:
                raise LabError(f"lab {self.name}: processes survive SIGKILL: {sorted(left)}")

    def _teardown(self) -> None:
        for mp in sorted(self._mounts(), key=len, reverse=True):
            subprocess.run(["umount", "-l", mp], capture_output=True)
        deadline = time.monotonic() + 5
        while self._cgroup_pids() and time.monotonic() < deadline:
            time.sleep(0.1)
        for d in self._cgroup_dirs():
            for sub in sorted((p for p in d.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
                try:
                    sub.rmdir()
                except OSError:
                    pass
            try:
                d.rmdir()
            except OSError as exc:
                if exc.errno != errno.ENOENT:
                    raise LabError(f"lab {self.name}: cannot remove cgroup {d}: {exc.strerror}") from None
        m = self._marker()
        if self._netns_is_ours(m):
            _run(["ip", "netns", "del", self.name], check=False)
            if self.netns_path.exists():
                raise LabError(f"lab {self.name}: cannot delete netns")
        elif self.netns_path.exists():
            self._say(f"netns {self.name} is not the one this lab created: left alone")
        if m and m.get("netns"):
            m["netns"] = None
            self._write_marker(m)
        leftovers = self._mounts()
        if leftovers:
            raise LabError(f"lab {self.name}: mounts remain: {' '.join(leftovers[:3])}")
        for sub in ("data", "exec"):
            shutil.rmtree(self.dir / sub, ignore_errors=True)
        for f in (self.socket_path, self._pidfile, self._state_file):
            f.unlink(missing_ok=True)

    def _import_image(self) -> None:
        client = self.client(timeout=60)
        try:
            try:
                client.images.get(IMAGE)
                return
            except Exception:
                pass
            busybox = shutil.which("busybox") or "/bin/busybox"
            if not _is_static_elf(busybox):
                raise LabError(f"{busybox} is not a static binary: install busybox-static")
            applets = subprocess.run([busybox, "--list"], capture_output=True, text=True, check=True).stdout.split()
            buf = io.BytesIO()
            with tarfile.open(fileobj=buf, mode="w") as tar:
                def add_dir(name: str, mode: int = 0o755) -> None:
                    ti = tarfile.TarInfo(name)
                    ti.type, ti.mode = tarfile.DIRTYPE, mode
                    tar.addfile(ti)

                for d in ("bin", "etc", "proc", "sys", "dev"):
                    add_dir(d)
                add_dir("tmp", 0o1777)
                tar.add(busybox, arcname="bin/busybox")
                for a in applets:
                    if a == "busybox" or "/" in a:  # `--list` names busybox itself: never overwrite it
                        continue
                    ti = tarfile.TarInfo(f"bin/{a}")
                    ti.type, ti.linkname, ti.mode = tarfile.SYMTYPE, "busybox", 0o777
                    tar.addfile(ti)
                for fname, text in (("etc/passwd", "root:x:0:0:root:/:/bin/sh\n"), ("etc/group", "root:x:0:\n")):
                    data = text.encode()
                    ti = tarfile.TarInfo(fname)
                    ti.size, ti.mode = len(data), 0o644
                    tar.addfile(ti, io.BytesIO(data))
            repo, tag = IMAGE.rsplit(":", 1)
            client.api.import_image_from_data(buf.getvalue(), repository=repo, tag=tag,
                                              changes=['CMD ["/bin/sh"]', "ENV PATH=/bin"])
        finally:
            client.close()
