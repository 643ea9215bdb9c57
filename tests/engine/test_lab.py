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
from macplan.cli import lab as labcli
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
        rc = labcli.cli(["env", "--name", "macplan-nolab", "--dir", str(tmp_path / "x")])
    assert rc == 0
    assert out.getvalue() == f"export DOCKER_HOST=unix://{tmp_path}/x/docker.sock\n"
    if os.geteuid() == 0:
        out = io.StringIO()
        with redirect_stdout(out):
            rc = labcli.cli(["status", "--name", "macplan-nolab", "--dir", str(tmp_path / "x")])
        assert rc == 1 and "macplan-nolab: down" in out.getvalue()
    assert labcli.cli(["bogus"]) == 2
    assert labcli.cli(["up", "--parents", "bad name!"]) == 2


def test_cli_status_running(lab, capsys):
    rc = labcli.cli(["status", "--name", lab.lab.name])
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
            rc = labcli.cli(["up", "--name", "macplan-nobody"])
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


# ---- the lab trusts nothing it is told (it runs as root) -------------------------------------

def _foreign_netns_with_process(name: str) -> int:
    """A netns this test creates itself, with a process in it, standing in for someone else's."""
    subprocess.run(["ip", "netns", "add", name], check=True)
    proc = subprocess.Popen(["nsenter", f"--net=/var/run/netns/{name}", "sleep", "300"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc


def _mounted(path: Path) -> bool:
    return any(line.split()[4] == str(path) for line in Path("/proc/self/mountinfo").read_text().splitlines())


@pytest.fixture
def hostile(tmp_path):
    """A directory `lab up` never made: someone's data/ and exec/, a mount under it, and a netns
    of the lab's name (made here) with a live process in it. All of it removed afterwards."""
    if os.geteuid() != 0:
        pytest.skip("needs root")
    name = f"macplan-tf{os.getpid() % 100000}"
    d = tmp_path / "not-a-lab"
    for sub in ("data", "exec"):
        (d / sub / "deep").mkdir(parents=True)
        (d / sub / "deep" / "precious.txt").write_text("keep me\n")
    (d / "docker.sock").write_text("not a socket\n")
    mnt = d / "data" / "other-lab-mount"
    mnt.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], check=True)
    proc = _foreign_netns_with_process(name)
    try:
        yield name, d, mnt, proc
    finally:
        proc.kill()
        proc.wait()
        subprocess.run(["umount", str(mnt)], capture_output=True)
        subprocess.run(["ip", "netns", "del", name], capture_output=True)


def _untouched(d: Path, mnt: Path, proc, name: str) -> None:
    assert (d / "data" / "deep" / "precious.txt").read_text() == "keep me\n"
    assert (d / "exec" / "deep" / "precious.txt").read_text() == "keep me\n"
    assert (d / "docker.sock").exists()
    assert _mounted(mnt), "a mount the lab did not make was unmounted"
    assert proc.poll() is None, "a process in a netns the lab did not create was killed"
    assert Path(f"/var/run/netns/{name}").exists(), "a netns the lab did not create was deleted"


def test_down_refuses_what_up_never_made(hostile, capsys):
    name, d, mnt, proc = hostile
    rc = labcli.cli(["down", "--name", name, "--dir", str(d)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "not made by `macplan lab up`" in err and "nothing removed" in err
    _untouched(d, mnt, proc, name)
    # a marker-less directory with nothing of a lab in it is simply "nothing to do"
    assert labcli.cli(["down", "--name", "macplan-tnothing", "--dir", str(d.parent / "empty")]) == 0


def test_up_refuses_a_foreign_dir_or_netns(hostile, tmp_path, capsys):
    name, d, mnt, proc = hostile
    rc = labcli.cli(["up", "--name", name, "--dir", str(d), "--no-image", "--parents", "eth0"])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "not made by `macplan lab up`" in err, err
    _untouched(d, mnt, proc, name)
    fresh = tmp_path / "fresh"
    try:
        rc = labcli.cli(["up", "--name", name, "--dir", str(fresh), "--no-image", "--parents", "eth0"])
        err = capsys.readouterr().err
        assert rc == 2 and f"netns {name} exists and this lab did not create it" in err, err
        _untouched(d, mnt, proc, name)
    finally:
        if rc == 0:  # today's code brings a lab up over someone's netns: take it down again
            Lab(name, lab_dir=fresh, verbose=False).down()


def test_down_kills_and_unmounts_only_its_own(tmp_path):
    """A real lab whose name is also a cgroup holding someone's process, and a mount of someone
    else's inside the lab directory: down removes the lab and neither of those."""
    if os.geteuid() != 0:
        pytest.skip("needs root")
    name = f"macplan-tc{os.getpid() % 100000}"
    lab = Lab(name, parents=("eth0",), lab_dir=tmp_path / "lab", verbose=False)
    cg = Path("/sys/fs/cgroup/pids") / name  # what `--cgroup-parent /NAME` used to be
    other = tmp_path / "lab" / "other"
    victim = reader = None
    try:
        lab.up()
        c = lab.client()
        try:
            c.networks.create("mv", driver="macvlan", options={"parent": "eth0"})
            c.containers.run(labmod.IMAGE, ["sleep", "300"], network="mv", detach=True)
        finally:
            c.close()
        cg.mkdir(exist_ok=True)
        victim = subprocess.Popen(["sleep", "300"])
        (cg / "cgroup.procs").write_text(f"{victim.pid}\n")
        other.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(other)], check=True)
        # someone reading a lab file: its command line names the exec-root, it is not the lab's
        reader = subprocess.Popen(["tail", "-f", str(lab.dir / "exec" / "containerd" / "containerd.toml")],
                                  stdout=subprocess.DEVNULL)
        lab.kill_dockerd()  # the hard case: down has to hunt for leftovers
        lab.down()
        assert victim.poll() is None, "down killed a process of a cgroup named after the lab"
        assert reader.poll() is None, "down killed a process that only names a file of the lab"
        assert _mounted(other), "down unmounted a mount it did not make"
        assert traces(lab) == NOTHING
        assert not (lab.dir / labmod.MARKER).exists()
    finally:
        for proc in (victim, reader):
            if proc:
                proc.kill()
                proc.wait()
        subprocess.run(["umount", str(other)], capture_output=True)
        try:
            cg.rmdir()
        except OSError:
            pass
        lab.down()


def test_env_is_shell_quoted(tmp_path):
    evil = tmp_path / "a b$(touch PWNED)'\";x"
    out = io.StringIO()
    with redirect_stdout(out):
        assert labcli.cli(["env", "--dir", str(evil)]) == 0
    line = out.getvalue()
    got = subprocess.run(["sh", "-c", f'cd "{tmp_path}" && eval "$1" && printf %s "$DOCKER_HOST"', "sh", line],
                         capture_output=True, text=True)
    assert got.stdout == f"unix://{evil}/docker.sock", got
    assert not (tmp_path / "PWNED").exists()


def test_install_is_opt_in_and_never_docker_io_over_another_dockerd(tmp_path, monkeypatch):
    """Programs are found on PATH: a PATH of fakes (a foreign dockerd, a recording apt-get)."""
    if os.geteuid() != 0:
        pytest.skip("needs root (policy-rc.d)")
    if not os.path.exists("/usr/sbin/policy-rc.d"):
        pytest.skip("would create /usr/sbin/policy-rc.d on the host")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log = tmp_path / "apt-argv"
    (bin_ / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    (bin_ / "dockerd").write_text("#!/bin/sh\necho 'Docker CE (fake)'\n")
    for f in bin_.iterdir():
        f.chmod(0o755)
    for real in ("ip", "nsenter"):
        os.symlink(shutil.which(real), bin_ / real)
    monkeypatch.setenv("PATH", str(bin_))

    def lab(install: bool) -> Lab:
        return Lab("macplan-tinst", lab_dir=tmp_path / "lab", install=install, verbose=False)

    # a dockerd is there, its containerd and runc are not: say so, install nothing
    with pytest.raises(labmod.LabError, match="containerd, runc is missing.*will not install Debian's docker.io"):
        lab(True)._ensure_packages()
    assert not log.exists()
    # no engine at all: without --install it only says what it would install
    (bin_ / "dockerd").unlink()
    with pytest.raises(labmod.LabError, match=r"--install` would run apt-get install docker.io"):
        lab(False)._ensure_packages()
    assert not log.exists()
    # with --install: exactly what is missing
    (tmp_path / "lab").mkdir()
    with pytest.raises(labmod.LabError, match="still missing"):  # the fake apt-get installs nothing
        lab(True)._ensure_packages()
    assert log.read_text().splitlines()[-1] == "install -y -q --no-install-recommends docker.io"
    # a complete foreign engine present, only iproute2 missing: docker.io never named
    for b in ("dockerd", "containerd", "runc"):
        (bin_ / b).write_text("#!/bin/sh\n")
        (bin_ / b).chmod(0o755)
    (bin_ / "ip").unlink()
    with pytest.raises(labmod.LabError, match="still missing"):
        lab(True)._ensure_packages()
    assert log.read_text().splitlines()[-1] == "install -y -q --no-install-recommends iproute2"


def test_lab_cgroup_is_never_named_by_the_user():
    """`--name docker` must not make the host's `docker` cgroup the lab's: a cgroup of the lab's
    name exists (made here, empty) and the lab does not count it as its own."""
    if os.geteuid() != 0:
        pytest.skip("needs root")
    name = f"macplan-tg{os.getpid() % 100000}"
    cg = Path("/sys/fs/cgroup/pids") / name
    cg.mkdir()
    try:
        for n in (name, "docker", "system.slice"):
            lab = Lab(n, verbose=False, lab_dir="/nonexistent/macplan-lab-test")
            assert lab._cgroup_dirs() == [] and lab._leftover_pids(exclude=set()) == set()
    finally:
        cg.rmdir()


def test_lab_dir_must_be_roots_alone(tmp_path, capsys):
    """Anyone can create /tmp/NAME before root does: a symlink or a directory of theirs (with a
    forged marker) is refused by up and down alike."""
    if os.geteuid() != 0:
        pytest.skip("needs root")
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chown(theirs, 65534, 65534)
    (theirs / labmod.MARKER).write_text('{"name": "macplan-tdir", "id": "0123456789abcdef", "netns": null}')
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").mkdir()
    for d in (theirs, link):
        for action in ("down", "up"):  # down first: today's code would bring a lab up there
            rc = labcli.cli([action, "--name", "macplan-tdir", "--dir", str(d), "--no-image", "--parents", "eth0"])
            err = capsys.readouterr().err
            assert rc == 2 and err.count("\n") == 1 and "nothing done" in err, (d, action, err)
    assert sorted(os.listdir(tmp_path / "elsewhere")) == []
    assert sorted(os.listdir(theirs)) == [labmod.MARKER]
    assert not Path("/var/run/netns/macplan-tdir").exists()


def test_restart_and_kill_act_only_on_a_lab_up_made(hostile):
    name, d, mnt, proc = hostile
    lab = Lab(name, lab_dir=d, verbose=False)
    for act in (lab.restart, lab.kill_dockerd, lab.start_dockerd):
        with pytest.raises(labmod.LabError, match="nothing done"):
            act()
    with pytest.raises(labmod.LabError, match="not up"):
        lab.kernel_lacks  # probing adds links: never in a netns the lab did not create
    assert "mpprobe" not in subprocess.run(["ip", "-n", name, "link"], capture_output=True, text=True).stdout
    _untouched(d, mnt, proc, name)
