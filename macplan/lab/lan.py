"""The lab's LAN side: a namespace where the far ends of the lab's parent links answer as gateways.

A lab (``macplan.lab``) gives dockerd veth "parents" whose far ends sit unused in the lab's own
namespace, so nothing answers on the wire. For ``macplan verify`` the far end of each planned
parent moves into a second namespace, ``<lab>-lan``, and takes the planned gateway address there:
a stand-in for the router on the LAN. Teardown moves the far ends back (the kernel drops their
addresses on the way) and deletes the namespace, so the lab is left as ``lab up`` made it.

    with Lan("glab", {"eth0": ["172.16.86.1/24"]}) as lan:
        ...                      # probes on eth0 can ping 172.16.86.1
    lab_netns("unix:///tmp/glab/docker.sock")  # -> "glab" when that socket is a running lab's

Only links this module moved and the namespace it made are touched; every command is an argv
list (no shell).
"""
from __future__ import annotations

import fcntl
import json
import subprocess
from pathlib import Path
from typing import Optional

from macplan.errors import LanError

__all__ = ["LanError", "Lan", "lab_netns", "lab_facts"]

NETNS_DIR = Path("/var/run/netns")
SUFFIX = "-lan"


def _ip(*argv: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(["ip", *argv], capture_output=True, text=True, timeout=30)
    if check and proc.returncode != 0:
        err = (proc.stderr or proc.stdout).strip().splitlines()
        raise LanError(f"ip {' '.join(argv)}: {err[-1] if err else 'exit ' + str(proc.returncode)}")
    return proc


def _lab_state(docker_host: Optional[str]) -> Optional[dict]:
    if not docker_host or not docker_host.startswith("unix://"):
        return None
    sock = Path(docker_host[len("unix://"):])
    try:
        state = json.loads((sock.parent / "lab.json").read_text())
    except (OSError, ValueError):
        return None
    name = state.get("name")
    if not name or state.get("docker_host") != docker_host or not (NETNS_DIR / name).exists():
        return None
    return state


def lab_netns(docker_host: Optional[str]) -> Optional[str]:
    """The netns of the running macplan lab whose dockerd listens on ``docker_host``, else None.

    A lab keeps its socket and ``lab.json`` in one directory; the state file names the lab and
    its docker host, and the namespace must exist."""
    state = _lab_state(docker_host)
    return state["name"] if state else None


def lab_facts(docker_host: Optional[str]) -> Optional[tuple[list[str], list[str]]]:
    """(parent interfaces, kernel features it lacks) of the lab behind ``docker_host``, or None."""
    state = _lab_state(docker_host)
    if not state:
        return None
    return list(state.get("parents") or []), list(state.get("kernel_lacks") or [])


def _links(netns: str) -> list[dict]:
    out = _ip("-n", netns, "-j", "link", "show").stdout
    try:
        return json.loads(out or "[]")
    except ValueError as exc:
        raise LanError(f"ip -j link show in {netns}: unreadable output") from exc


class Lan:
    """The LAN namespace of lab ``netns``; ``gateways`` maps a parent to addresses with prefix."""

    def __init__(self, netns: str, gateways: dict[str, list[str]], *, one_mac: bool = False):
        self.netns = netns
        #: like a VM NIC without promiscuous mode / forged transmits, or a switch port that learns
        #: one MAC: the gateway hears only frames from the parent's own MAC (a macvlan link in
        #: "source" mode on the far end), so containers' frames never reach it
        self.one_mac = one_mac
        self.name = f"{netns}{SUFFIX}"
        self.gateways = {p: list(a) for p, a in gateways.items()}
        self.moved: dict[str, str] = {}      # parent -> far-end link name now in the LAN netns
        self.notes: list[str] = []           # what could not be set up, per parent
        self._lock_fh = None
        self._made = False

    # the far end of a lab parent: a veth peer in the lab netns itself
    def _peer(self, parent: str, links: list[dict]) -> Optional[str]:
        me = next((l for l in links if l.get("ifname") == parent), None)
        if me is None or me.get("link_netnsid") is not None:
            return None
        peer = me.get("link")
        if not peer or not any(l.get("ifname") == peer for l in links):
            return None
        return peer

    def up(self) -> "Lan":
        lock = Path("/tmp") / f"{self.netns}.lan.lock"
        self._lock_fh = open(lock, "w")
        try:
            fcntl.flock(self._lock_fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_fh.close()
            self._lock_fh = None
            raise LanError(f"another verify run holds the LAN side of lab {self.netns}") from None
        try:
            if (NETNS_DIR / self.name).exists():
                # left by a run that was killed before its teardown: bring its far ends home
                self._restore_all()
            _ip("netns", "add", self.name)
            self._made = True
            _ip("-n", self.name, "link", "set", "lo", "up")
            links = _links(self.netns)
            for parent, addrs in self.gateways.items():
                peer = self._peer(parent, links)
                if peer is None:
                    self.notes.append(f"{parent}: not a lab veth with its far end in the lab; no LAN side for it")
                    continue
                _ip("-n", self.netns, "link", "set", peer, "netns", self.name)
                self.moved[parent] = peer
                _ip("-n", self.name, "link", "set", peer, "up")
                dev = peer
                if self.one_mac:
                    mac = next((l.get("address") for l in links if l.get("ifname") == parent), None)
                    dev = f"mpgw{len(self.moved)}"
                    _ip("-n", self.name, "link", "add", dev, "link", peer, "type", "macvlan", "mode", "source",
                        "macaddr", "add", str(mac))
                    _ip("-n", self.name, "link", "set", dev, "up")
                for a in addrs:
                    extra = ("nodad",) if ":" in a else ()
                    res = _ip("-n", self.name, "addr", "add", a, "dev", dev, *extra, check=False)
                    if res.returncode != 0:
                        self.notes.append(f"{parent}: could not answer as {a}: {res.stderr.strip()}")
        except BaseException:
            self.down()
            raise
        return self

    def _restore_all(self) -> None:
        """Move every link of the LAN netns back into the lab, then delete the LAN netns."""
        try:
            links = _links(self.name)
        except LanError:
            links = []
        for l in links:
            name = l.get("ifname")
            if name and name != "lo":
                self._home(name)
        _ip("netns", "del", self.name, check=False)

    def _home(self, link: str) -> None:
        if _ip("-n", self.name, "link", "set", link, "netns", self.netns, check=False).returncode == 0:
            _ip("-n", self.netns, "link", "set", link, "up", check=False)

    def down(self) -> None:
        try:
            for peer in self.moved.values():
                self._home(peer)
            self.moved.clear()
            if self._made or (NETNS_DIR / self.name).exists():
                _ip("netns", "del", self.name, check=False)
                self._made = False
        finally:
            if self._lock_fh is not None:
                self._lock_fh.close()
                self._lock_fh = None

    def __enter__(self) -> "Lan":
        return self.up()

    def __exit__(self, *exc) -> None:
        self.down()
