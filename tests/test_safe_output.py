"""Everything macplan writes is what the user named: shell words quoted, comments one line,
networkd files only under the directory given (issue 10 items 1 and 2).

Expected argv lists are built here from the names, never from macplan's own output; what counts
as a valid interface name is the kernel's dev_valid_name (net/core/dev.c)."""
import builtins
import configparser
import os
import re
import shlex
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import macplan
from macplan import cli, emit
from macplan.emit import shim, swarm
from macplan.model import Host, Interface, Network, Plan
from macplan.quoting import kernel_ifname_problem

# ---- helpers ------------------------------------------------------------------------------

def commands_of(script: str) -> tuple[list[list[str]], list[str]]:
    """(argv of each command, comment lines) as a shell reads `script`: a `#` line outside quotes
    is a comment to its end; a command may span lines only inside quotes."""
    argvs, comments, pending = [], [], None
    for line in script.split("\n"):
        if pending is None:
            if not line:
                continue
            if line.startswith("#"):
                comments.append(line)
                continue
            pending = line
        else:
            pending += "\n" + line
        try:
            argvs.append(words(pending))
        except ValueError:              # an open quote: the command goes on
            continue
        assert inert(pending), pending
        pending = None
    assert pending is None, f"unterminated command: {pending!r}"
    return argvs, comments


def words(command: str) -> list[str]:
    """The words a shell reads; ; & | < > ( ) outside quotes come out as words of their own, so
    an injected `;touch x` shows up as a difference from the intended argv."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    return list(lexer)


def inert(command: str) -> bool:
    """Outside quotes, only characters the shell takes literally (no $, `, \\, globs, ~ ...)."""
    bare = re.sub(r"'[^']*'|\"'\"", "", command)
    return re.fullmatch(r"[\w@%+=:,./ -]*", bare) is not None


def one_line(text: str) -> bool:
    return len(text.splitlines()) == 1 and not any(unicodedata.category(c) == "Cc" for c in text)


def create_argv_expected(n: Network) -> list[str]:
    """docker network create's argv for the simple networks these tests build, written out."""
    argv = ["docker", "network", "create", "-d", n.driver]
    argv += [f"--subnet={s}" for s in n.subnets]
    argv += ["-o", f"parent={n.parent}"] if n.parent else []
    return argv + (["--"] if n.name.startswith("-") else []) + [n.name]


def run(argv, capsys):
    rc = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


PLAN = """
name: t
hosts:
  node1: {interfaces: [eth0]}
  node2: {interfaces: [eth0]}
networks:
  lan:
    hosts: [node1, node2]
    parent: eth0
    subnet: 10.50.0.0/24
"""


@pytest.fixture
def confined(tmp_path, monkeypatch):
    """Any attempt to create or write a file outside tmp_path fails the test (and touches nothing):
    today's code wrote into the live /etc/systemd/network, so the guard comes before the write."""
    root = os.path.realpath(tmp_path)
    escapes = []

    def inside(path):
        p = os.path.realpath(path)
        return os.path.commonpath([root, p]) == root

    real_open, real_makedirs = builtins.open, os.makedirs

    def guarded_open(file, mode="r", *a, **k):
        if isinstance(file, (str, bytes, os.PathLike)) and any(c in mode for c in "wax+") and not inside(file):
            escapes.append(os.fspath(file))
            raise PermissionError(f"test guard: write outside {root}: {file}")
        return real_open(file, mode, *a, **k)

    def guarded_makedirs(name, *a, **k):
        if not inside(name):
            escapes.append(os.fspath(name))
            raise PermissionError(f"test guard: mkdir outside {root}: {name}")
        return real_makedirs(name, *a, **k)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "makedirs", guarded_makedirs)
    yield escapes
    assert not escapes, f"macplan tried to write outside the directory given: {escapes}"


def write_plan(tmp_path, text, name="plan.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# ---- item 1: shim --networkd DIR ------------------------------------------------------------

def test_networkd_files_go_under_dir_per_host(tmp_path, confined, capsys):
    plan = write_plan(tmp_path, PLAN)
    out_dir = tmp_path / "out"
    rc, out, err = run(["shim", plan, "--networkd", out_dir], capsys)
    # stderr holds only the reminders to reserve the shims' addresses (no --ip-range in PLAN)
    assert rc == 0 and all(line.startswith("macplan shim: add --aux-address ") for line in err.splitlines())
    for host in ("node1", "node2"):              # each host its own tree: nothing overwritten
        d = out_dir / host
        assert sorted(str(p.relative_to(d)) for p in d.rglob("*") if p.is_file()) == \
            ["25-mv-lan.netdev", "25-mv-lan.network", "eth0.network.d/macplan-mv-lan.conf"]
    addresses = {(out_dir / h / "25-mv-lan.network").read_text().split("Address=")[1].split("\n")[0]
                 for h in ("node1", "node2")}
    assert len(addresses) == 2                   # node2's file did not replace node1's
    assert sorted(out.split()) == sorted(str(p) for p in out_dir.rglob("*") if p.is_file())


@pytest.mark.parametrize("host, field", [("../../x", "host"), ("a/b", "host"), ("..", "host")])
def test_networkd_refuses_a_host_that_is_not_one_directory_name(tmp_path, confined, capsys, host, field):
    plan = write_plan(tmp_path, PLAN.replace("node2", host if host != ".." else "'..'"))
    out_dir = tmp_path / "deep" / "out"
    rc, out, err = run(["shim", plan, "--networkd", out_dir], capsys)
    assert rc == 2 and err.count("\n") == 1 and f"{field} '{host}'" in err
    assert not (tmp_path / "x").exists() and not (tmp_path / "deep" / "x").exists()
    assert not out_dir.exists()                  # checked before anything is written


def test_a_newline_in_a_network_name_cannot_add_a_networkd_key(tmp_path, confined, capsys):
    evil = "lan\nDNS=6.6.6.6\n[Network]\nGateway=6.6.6.6"
    plan = write_plan(tmp_path, PLAN.replace("  lan:", f"  {evil!r}:".replace("'", '"')))
    out_dir = tmp_path / "out"
    rc, _, err = run(["shim", plan, "--networkd", out_dir], capsys)
    # stderr holds only the reminders to reserve the shims' addresses (no --ip-range in PLAN)
    assert rc == 0 and all(line.startswith("macplan shim: add --aux-address ") for line in err.splitlines())
    for f in (out_dir / "node1").rglob("*.net*"):
        if f.is_dir():
            continue
        text = f.read_text()
        assert "DNS=" not in text.replace("\\nDNS=", "")          # only the escaped comment mentions it
        # systemd's INI: [Route] may repeat (one per route), any other section at most once
        sections = [line for line in text.splitlines() if line.startswith("[")]
        assert set(sections) <= {"[NetDev]", "[MACVLAN]", "[Match]", "[Network]", "[Route]"}, sections
        assert all(sections.count(s) == 1 for s in sections if s != "[Route]"), sections
        cp = configparser.ConfigParser(strict=False, interpolation=None)
        cp.optionxform = str
        cp.read_string(text)
        keys = {k for s in cp.sections() for k in cp[s]}
        assert keys <= {"Name", "Kind", "Mode", "Address", "Destination", "MACVLAN"}
        assert all(one_line(line) for line in text.splitlines() if line.startswith("#"))


def test_networkd_never_overwrites_a_file_macplan_did_not_write(tmp_path, confined, capsys):
    plan = write_plan(tmp_path, PLAN)
    out_dir = tmp_path / "out"
    mine = out_dir / "node1" / "eth0.network.d" / "macplan-mv-lan.conf"
    mine.parent.mkdir(parents=True)
    mine.write_text("[Network]\nDHCP=yes\n")                        # the user's own file
    rc, _, err = run(["shim", plan, "--networkd", out_dir], capsys)
    assert rc == 2 and err.count("\n") == 1 and "did not write" in err
    assert mine.read_text() == "[Network]\nDHCP=yes\n"
    assert not (out_dir / "node2").exists()                        # all checked first
    mine.unlink()
    assert run(["shim", plan, "--networkd", out_dir], capsys)[0] == 0
    assert run(["shim", plan, "--networkd", out_dir], capsys)[0] == 0   # its own files: rewritten


def test_networkd_does_not_follow_a_symlink_out_of_dir(tmp_path, confined, capsys):
    plan = write_plan(tmp_path, PLAN)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out_dir / "node1").symlink_to(elsewhere)
    rc, _, err = run(["shim", plan, "--networkd", out_dir], capsys)
    assert rc == 2 and err.count("\n") == 1 and "outside" in err
    assert list(elsewhere.iterdir()) == []


# ---- item 2: shell -------------------------------------------------------------------------

def test_shim_quotes_the_parent(tmp_path, capsys):
    # eth0;touch is a name the kernel accepts (no '/', ':' or whitespace): it must stay one word
    plan = write_plan(tmp_path, PLAN.replace("parent: eth0", "parent: 'eth0;touch'")
                      .replace("[eth0]", "['eth0;touch']"))
    rc, out, _ = run(["shim", plan], capsys)
    argvs, _ = commands_of(out)
    assert rc == 0 and argvs[0] == ["ip", "link", "add", "mv-lan", "link", "eth0;touch",
                                    "type", "macvlan", "mode", "bridge"]


@pytest.mark.parametrize("parent, why", [("eth0;touch x", "whitespace"), ("eth0/1", "'/'"),
                                         ("eth0:1", "':'"), ("a" * 16, "15 bytes"),
                                         ("eth0\nrm", "whitespace")])
def test_shim_refuses_a_parent_linux_never_accepts(tmp_path, capsys, parent, why):
    plan = write_plan(tmp_path, PLAN.replace("parent: eth0", f"parent: {parent!r}".replace("'", '"')
                                             .replace("\n", "\\n")).replace("[eth0]", "[]"))
    rc, out, err = run(["shim", plan], capsys)
    assert rc == 2 and out == "" and err.count("\n") == 1 and "parent" in err and why in err


def test_kernel_ifname_rule():
    # net/core/dev.c dev_valid_name: 1..15 bytes, not . or .., no '/', ':' or isspace() byte
    for ok in ("eth0", "a" * 15, "eth0;x", "é" * 7, "x$(id)`"):
        assert kernel_ifname_problem(ok) is None, ok
    for bad in ("", ".", "..", "a" * 16, "é" * 8, "a/b", "a:b", "a b", "a\tb", "a\x0bb", "a\xa0"):
        assert kernel_ifname_problem(bad), bad


EVIL = ["lan\nrm -rf ~", "x'; touch /tmp/p; '", "$(touch p)", "`id`", "a\u2028b", "-x", "a\rb", "\x1b[31m"]


@pytest.mark.parametrize("evil", EVIL)
def test_names_stay_words_and_comments_stay_lines_in_every_script(tmp_path, capsys, evil):
    hosts = [f"h{evil}", "h2"]
    nets = [Network(evil, driver="macvlan", host=h, options=(("parent", "eth0"),), subnets=("10.9.0.0/24",))
            for h in hosts]
    plan = Plan(name="p", hosts=tuple(Host(h, (Interface("eth0"),)) for h in hosts), networks=tuple(nets))
    expected_create = [create_argv_expected(n) for n in nets]
    rm = ["docker", "network", "rm"] + (["--"] if evil.startswith("-") else []) + [evil]
    sw = swarm.to_swarm(plan, evil, hosts[0])
    scripts = {
        "commands": (emit.commands(plan), expected_create),
        "commands --remove": (emit.commands(plan, remove=True), [rm, rm]),
        "swarm": (swarm.commands(sw), None),
        "shim": (shim.commands(shim.reserve(plan)), None),
    }
    for what, (script, expected) in scripts.items():
        argvs, comments = commands_of(script)
        assert all(one_line(c) for c in comments), (what, comments)
        assert all(a[0] in ("docker", "ip") for a in argvs), (what, argvs)
        if expected is not None:
            assert argvs == expected, what
    swarm_argvs, _ = commands_of(swarm.commands(sw))
    assert swarm_argvs[-1][-1] == evil and swarm_argvs[0][-1] == f"{evil}-config"
    # per host: link add, addr add, link up, and a route for each half of the range-less subnet
    assert len(commands_of(shim.commands(shim.reserve(plan)))[0]) == 2 * (3 + 2)


def test_commands_notes_are_one_line(capsys):
    nets = (Network("a\nb", host="host", driver="macvlan", options=(("parent", "eth9"),)),)
    plan = Plan(name="p", hosts=(Host("host", (Interface("eth0"),)),), networks=nets)
    script = emit.commands(plan, notes={0: "Docker refuses a\nb\x1b"})
    argvs, comments = commands_of(script)
    assert comments == ["# Docker refuses a\\nb\\x1b"] and argvs[0][-1] == "a\nb"


# ---- property: any name, any value ------------------------------------------------------------

names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
parents = names.filter(lambda p: kernel_ifname_problem(p) is None)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=names, host=names, parent=parents, label=names)
def test_every_emitted_command_splits_back_to_its_argv(name, host, parent, label):
    n = Network(name, driver="macvlan", host=host, options=(("parent", parent),), subnets=("10.7.0.0/24",),
                ip_ranges=("10.7.0.0/25",), labels=(("k", label),))
    plan = Plan(name="p", hosts=(Host(host, (Interface(parent),)),), networks=(n,))
    argvs, comments = commands_of(emit.commands(plan))
    want = ["docker", "network", "create", "-d", "macvlan", "--subnet=10.7.0.0/24", "--ip-range=10.7.0.0/25",
            "-o", f"parent={parent}", f"--label=k={label}"] + (["--"] if name.startswith("-") else []) + [name]
    assert argvs == [want] and all(one_line(c) for c in comments)
    argvs, _ = commands_of(emit.commands(plan, remove=True))
    assert argvs == [["docker", "network", "rm"] + (["--"] if name.startswith("-") else []) + [name]]
    reserved = shim.reserve(plan)
    argvs, comments = commands_of(shim.commands(reserved))
    s = shim.shims(reserved)[0]
    assert argvs[0] == ["ip", "link", "add", s.ifname, "link", parent, "type", "macvlan", "mode", "bridge"]
    assert argvs[1:] == [["ip", "addr", "add", "10.7.0.254/32", "dev", s.ifname],
                         ["ip", "link", "set", s.ifname, "up"],
                         ["ip", "route", "add", "10.7.0.0/25", "dev", s.ifname]]
    assert len(comments) == 1 and one_line(comments[0])
    assert kernel_ifname_problem(s.ifname) is None


# ---- what Docker does with such names ------------------------------------------------------------

def one_network(name, scope=None, parent="eth0", interfaces=("eth0",), known=True):
    n = Network(name, driver="macvlan", host="h", options=(("parent", parent),), subnets=("10.1.0.0/24",),
                scope=scope)
    host = Host("h", tuple(Interface(i) for i in interfaces), interfaces_known=known, swarm="manager")
    return Plan(name="p", hosts=(host,), networks=(n,))


@pytest.mark.parametrize("name", [" ", "\n", "\t \r", "\u3000"])
@pytest.mark.parametrize("engine, text", [("20.10", "invalid name:"), ("27", "invalid name:"),
                                          ("28", "invalid name: name is empty"),
                                          ("29", "invalid name: name is empty")])
def test_docker_refuses_only_a_blank_network_name(name, engine, text):
    # libnetwork NewNetwork: `!config.IsValidName(name)` -> ErrInvalidName(name) "invalid name: %s"
    # (v20.10.24), `strings.TrimSpace(name) == ""` -> "invalid name: name is empty" (v28+); the
    # client TrimSpaces the daemon's message, which leaves "invalid name:" for the old form
    (res,) = macplan.check(one_network(name), engine).networks
    assert not res.accepted and res.findings[0].rule == "invalid-name"
    assert res.findings[0].docker_error == text


@pytest.mark.parametrize("engine", ["20.10", "29"])
def test_docker_accepts_control_characters_in_a_name_and_macplan_warns(engine):
    # anything not blank is a valid local network name (moby#27449: `docker network create ^` works)
    for name in ("a\nb", "x\x1b[31m", "\x1c"):       # \x1c: Python's isspace, not Go's
        (res,) = macplan.check(one_network(name), engine).networks
        assert res.accepted, name
        warn = [f for f in res.findings if f.rule == "name-control-characters"]
        assert len(warn) == 1 and "\n" not in warn[0].message
    (res,) = macplan.check(one_network("plain"), engine).networks
    assert not any(f.rule == "name-control-characters" for f in res.findings)


@pytest.mark.parametrize("name, text", [
    ("a.b", "name must be valid as a DNS name component"),       # moby#33433, moby#31772
    ("a\nb", "name must be valid as a DNS name component"),
    ("-a", "name must be valid as a DNS name component"),
    ("a" * 64, "name must be 63 characters or fewer"),
])
def test_swarm_network_names_are_dns_labels(name, text):
    # swarmkit manager/controlapi/common.go validateAnnotations, in 20.10.24 and 29.7.2 alike
    (res,) = macplan.check(one_network(name, scope="swarm"), "29").networks
    assert not res.accepted and res.findings[0].rule == "swarm-name"
    assert res.findings[0].docker_error == f"rpc error: code = InvalidArgument desc = {text}"
    (res,) = macplan.check(one_network("a_b-" + "c" * 59, scope="swarm"), "29").networks
    assert not any(f.rule == "swarm-name" for f in res.findings)


def test_dns_label_check_is_linear():
    import time
    t = time.perf_counter()
    macplan.check(one_network("a" * 5000 + "!", scope="swarm"), "29")
    assert time.perf_counter() - t < 2                 # a backtracking regex takes forever here


@pytest.mark.parametrize("parent", ["eth0;touch x", "a" * 16, "e:0", "eth0\nx"])
def test_a_parent_linux_cannot_name_is_missing_even_when_interfaces_are_unknown(parent):
    (res,) = macplan.check(one_network("n", parent=parent, interfaces=(), known=False), "29").networks
    assert not res.accepted and res.findings[0].rule == "parent-not-found"
    (res,) = macplan.check(one_network("n", parent="e:0.5", interfaces=(), known=False), "29").networks
    assert not res.accepted and res.findings[0].rule == "vlan-base-not-found"


def test_the_shim_interface_name_fits_the_kernel_in_bytes():
    # 'mv-' + 7 x 'é' is 10 characters but 17 bytes: the kernel counts bytes (IFNAMSIZ 16 with NUL)
    for network in ("é" * 7, "١٢٣٤٥٦٧٨", "lan", "a.b-c_d", "x" * 12):
        name = shim.ifname(network)
        assert kernel_ifname_problem(name) is None, (network, name)
    assert shim.ifname("lan") == "mv-lan"


def test_errors_naming_a_hostile_name_stay_one_line(tmp_path, capsys):
    from macplan.errors import ExportError, ShimError, SwarmError
    plan = one_network("n")
    for call, exc in ((lambda: shim.reserve(plan, "a\nb"), ShimError),
                      (lambda: swarm.to_swarm(plan, "a\nb", "h"), SwarmError),
                      (lambda: macplan.emit.exports.multus(plan, "a\nb"), ExportError)):
        with pytest.raises(exc) as e:
            call()
        assert one_line(str(e.value)) and "a\\nb" in str(e.value)
    p = write_plan(tmp_path, PLAN)
    rc, _, err = run(["swarm", p, "lan", "--manager", "x\ny"], capsys)
    assert rc == 2 and err.count("\n") == 1 and "x\\ny" in err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=names, hosts=st.lists(names, min_size=2, max_size=3, unique=True), parent=parents)
def test_swarm_commands_split_back_to_their_argv(name, hosts, parent):
    nets = tuple(Network(name, driver="macvlan", host=h, options=(("parent", parent),), subnets=("10.8.0.0/24",))
                 for h in hosts)
    plan = Plan(name="p", hosts=tuple(Host(h, (Interface(parent),)) for h in hosts), networks=nets)
    sw = swarm.to_swarm(plan, name, hosts[0])
    argvs, comments = commands_of(swarm.commands(sw))
    assert all(one_line(c) for c in comments) and len(comments) == len(hosts) + 1
    cfg = f"{name}-config"
    for argv in argvs[:-1]:
        assert argv[:5] == ["docker", "network", "create", "--config-only", "-d"] and argv[-1] == cfg
        assert f"parent={parent}" in argv
    assert argvs[-1] == ["docker", "network", "create", "-d", "macvlan", "--scope", "swarm", "--config-from", cfg,
                         "--attachable"] + (["--"] if name.startswith("-") else []) + [name]
