"""Fixtures for tests against a real Docker engine: the sandboxed lab of ``macplan.lab``.

Every test collected under ``tests/engine/`` gets the ``engine`` marker.

``lab`` (session scope) starts one ``macplan.lab.Lab`` for the whole run and yields a handle:

    lab.docker_host    "unix:///tmp/<name>/docker.sock"  (also what ``--docker-host`` takes)
    lab.client         docker.DockerClient on that socket (API version negotiated)
    lab.version        daemon version string, e.g. "20.10.24+dfsg1"; pick rule profiles from it
    lab.interfaces     tuple of parent interface names present in the lab netns
                       (default eth0 eth1 eth2 eth3 eth0.50 eth0.60 eth1.70: veths, so a dotted
                       name is an existing link and Docker never needs 8021q for it)
    lab.kernel_lacks   frozenset, subset of {"8021q", "dummy", "ipvlan"}, probed with ``ip link add``
                       (this VM's kernel lacks all three: parentless macvlan, eth0.77-style VLAN
                       creation and ipvlan containers fail with "operation not supported")
    lab.image          "macplan/busybox:latest", a local static-busybox image (no registry)
    lab.restart()      restart dockerd keeping its data; use it after provoking 20.10's IPAM pool
                       leak ("auxiliary address ... must belong to the master pool" leaks the pool,
                       the next create of that subnet says "Pool overlaps ...")
    lab.kill_dockerd() SIGKILL the daemon (fault injection); lab.start_dockerd() brings it back
    lab.lab            the underlying ``macplan.lab.Lab``

``clean_engine`` (function scope) removes every container and every non-predefined network
(and leaves a swarm if one is active) before the test and again after it; if a test left the
daemon stopped, it starts it again first. It yields the same handle as ``lab``.

Which lab: netns ``macplan-test-0`` (or ``-1``.. when another pytest run holds ``-0``), so it
never collides with a manual ``macplan lab up`` (``macplan-lab``) or other labs on the machine.
Set ``MACPLAN_TEST_LAB`` to force a name. If the lab cannot start, or we are not root, the engine
tests are skipped, except with ``CI=true``, where they fail. The lab installs nothing itself: a
missing dockerd, containerd, runc or static busybox skips the tests with the packages
``./dev test`` (or ``macplan lab up --install``) would install.
"""

from __future__ import annotations

import fcntl
import os
import time

import pytest

from macplan.errors import LabError
from macplan.lab import IMAGE, Lab

PREDEFINED_NETWORKS = {"host", "none", "bridge"}


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.engine)


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(reason: str):
    if _ci():
        pytest.fail(f"engine lab unavailable in CI: {reason}", pytrace=False)
    pytest.skip(f"engine lab unavailable: {reason}")


class LabHandle:
    """What the ``lab`` fixture yields; the interface the engine tests rely on."""

    def __init__(self, lab: Lab):
        import docker

        self.lab = lab
        self.docker_host = lab.docker_host
        self.interfaces = tuple(lab.interfaces)
        self.kernel_lacks = frozenset(lab.kernel_lacks)
        self.image = IMAGE
        self.client = docker.DockerClient(base_url=lab.docker_host, version="auto", timeout=60)
        self.version = self.client.version()["Version"]

    def restart(self) -> None:
        """Restart dockerd keeping its data (containers are killed, networks survive)."""
        self.lab.restart()

    def kill_dockerd(self) -> None:
        self.lab.kill_dockerd()

    def start_dockerd(self) -> None:
        if not self.lab.running():
            self.lab.start_dockerd()

    def clean(self) -> None:
        """Remove all containers and user networks; leave any swarm."""
        if not self.lab.running():
            if self.lab.dockerd_pid() is None:
                self.lab.start_dockerd()
        c = self.client
        try:
            if c.info().get("Swarm", {}).get("LocalNodeState") not in (None, "", "inactive"):
                c.swarm.leave(force=True)
        except Exception:
            pass
        for ctr in c.containers.list(all=True):
            try:
                ctr.remove(force=True)
            except Exception:
                pass
        for attempt in range(2):
            left = []
            for net in c.networks.list():
                if net.name in PREDEFINED_NETWORKS or net.attrs.get("Scope") == "swarm":
                    continue
                try:
                    net.reload()
                    # --bridge=none gotcha: an endpoint can outlive its container; force it off
                    for cid in (net.attrs.get("Containers") or {}):
                        try:
                            net.disconnect(cid, force=True)
                        except Exception:
                            pass
                    net.remove()
                except Exception:
                    left.append(net)
            if not left:
                return
            # config-only networks cannot go while a config-from network uses them: second pass
        if left:
            # last resort: the daemon is confused (e.g. leaked endpoints); restart and retry
            self.restart()
            for net in self.client.networks.list():
                if net.name not in PREDEFINED_NETWORKS:
                    try:
                        net.remove()
                    except Exception:
                        pass


@pytest.fixture(scope="session")
def lab():
    if os.geteuid() != 0:
        _unavailable("needs root (network namespace + dockerd)")
    forced = os.environ.get("MACPLAN_TEST_LAB")
    names = [forced] if forced else [f"macplan-test-{i}" for i in range(4)]
    lock_fh = None
    name = None
    for n in names:
        fh = open(f"/tmp/{n}.session.lock", "w")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if forced else fcntl.LOCK_NB))
        except BlockingIOError:
            fh.close()
            continue
        lock_fh, name = fh, n
        break
    if name is None:
        _unavailable("all test lab names are in use by other pytest runs")
    the_lab = Lab(name, verbose=False)
    try:
        t = time.monotonic()
        the_lab.up()
        handle = LabHandle(the_lab)
        handle.up_seconds = time.monotonic() - t
    except (LabError, OSError, ImportError) as exc:
        try:
            the_lab.down()
        except Exception:
            pass
        lock_fh.close()
        _unavailable(str(exc))
    try:
        yield handle
    finally:
        try:
            handle.client.close()
        except Exception:
            pass
        try:
            the_lab.down()
        finally:
            lock_fh.close()


@pytest.fixture
def clean_engine(lab):
    lab.clean()
    yield lab
    try:
        lab.clean()
    except Exception:
        pass
