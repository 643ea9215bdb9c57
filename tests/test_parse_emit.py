"""Reading scripts the way the docker CLI does, writing commands a shell gives back unchanged,
and converting between scripts and YAML without loss."""
import shlex

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import macplan
from macplan import emit
from macplan.errors import PlanError
from macplan.model import Network


def one(cmd, **kw):
    return macplan.parse_script(cmd, **kw).networks[0]


def test_flag_spellings_the_cli_accepts():
    a = one("docker network create -d macvlan --subnet=10.0.0.0/24 --gateway 10.0.0.1 -o parent=eth0 a")
    b = one("docker network create --driver=macvlan --subnet 10.0.0.0/24 --gateway=10.0.0.1 -oparent=eth0 a")
    c = one("docker network create -dmacvlan --opt parent=eth0 --subnet 10.0.0.0/24 --gateway=10.0.0.1 a")
    assert a == b == c
    assert a.parent == "eth0" and a.driver == "macvlan"


def test_prompts_continuations_comments_and_quotes():
    script = """
# a comment
$ docker network create -d macvlan \\
    --aux-address="my-router=192.168.32.129" \\
    --subnet 192.168.32.0/24 \\
    -o parent=eth0 macnet32   # trailing comment
"""
    n = one(script)
    assert n.aux == (("my-router", "192.168.32.129"),) and n.line == 3


def test_string_slices_split_on_commas_like_pflag():
    n = one("docker network create -d macvlan --subnet 10.0.0.0/24,10.1.0.0/24 x")
    assert n.subnets == ("10.0.0.0/24", "10.1.0.0/24")


def test_last_option_wins_and_bools_take_go_values():
    n = one("docker network create -d macvlan -o parent=eth0 -o parent=eth1 --ipv6=false --internal x")
    assert n.parent == "eth1" and n.ipv6 is False and n.internal is True


def test_default_driver_is_bridge():
    assert one("docker network create x").driver == "bridge"


@pytest.mark.parametrize("script,problem", [
    ("docker network create -d macvlan --subnet 'x y", "unbalanced quotes"),
    ("docker network create -d macvlan --subnet $SUBNET x", "cannot expand $SUBNET"),
    ("docker network create -d macvlan --subnet \"$(ip route | head -1)\" x", "cannot expand $(ip route"),
])
def test_bad_scripts_name_source_and_line(script, problem):
    with pytest.raises(PlanError) as e:
        macplan.parse_script("\n\n" + script, source="plan.sh")
    assert str(e.value).startswith("plan.sh:3: ") and problem in str(e.value)


# What the docker CLI itself refuses is that command's refusal, not an unreadable script: the
# texts are pflag's and cli/required.go's (20.10.24 and 29.7.2), as tests/data/recordings has them.
@pytest.mark.parametrize("script,name,old,new", [
    ("docker network create --frobnicate x", "x", "unknown flag: --frobnicate", "unknown flag: --frobnicate"),
    ("docker network create -d macvlan", "", '"docker network create" requires exactly 1 argument.',
     "docker: 'docker network create' requires 1 argument"),
    ("docker network create a b", "a b", '"docker network create" requires exactly 1 argument.',
     "docker: 'docker network create' requires 1 argument"),
    ("docker network create --ipv6=maybe x", "x",
     'invalid argument "maybe" for "--ipv6" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
     'invalid argument "maybe" for "--ipv6" flag: strconv.ParseBool: parsing "maybe": invalid syntax'),
    ("docker network create x --subnet", "x", "flag needs an argument: --subnet", "flag needs an argument: --subnet"),
    ("docker network create -p 8080:80 x", "8080:80 x", "unknown shorthand flag: 'p' in -p",
     "unknown shorthand flag: 'p' in -p"),
])
def test_cli_refusals_are_the_commands_own(script, name, old, new):
    plan = macplan.parse_script("docker network create -d macvlan -o parent=eth0 ok\n" + script + "\n")
    assert [n.name for n in plan.networks] == ["ok", name]
    for engine, text in (("20.10", old), ("29", new)):
        first, refused = macplan.check(plan, engine).networks
        assert first.accepted and not refused.accepted
        assert [f.docker_error for f in refused.findings if f.severity == "error"] == [text]


# ---- emission: shlex.split(emitted) == argv, and the CLI reads back the same network ----

names = st.from_regex(r"[a-zA-Z0-9][a-zA-Z0-9_.-]{0,20}", fullmatch=True)
wild = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=12)
octet = st.integers(0, 255)
cidrs = st.builds(lambda a, b, p: f"10.{a}.{b}.0/{p}", octet, octet, st.integers(16, 30))
ips = st.builds(lambda a, b, c: f"10.{a}.{b}.{c}", octet, octet, octet)


@st.composite
def networks(draw):
    opts = draw(st.dictionaries(st.sampled_from(["parent", "macvlan_mode", "ipvlan_mode", "x y"]) | names,
                                wild, max_size=3))
    return Network(
        name=draw(names), driver=draw(st.sampled_from(["macvlan", "ipvlan", "bridge"])),
        options=tuple(opts.items()),
        subnets=tuple(draw(st.lists(cidrs, max_size=3))), ip_ranges=tuple(draw(st.lists(cidrs, max_size=2))),
        gateways=tuple(draw(st.lists(ips, max_size=2))),
        aux=tuple(draw(st.dictionaries(names, ips, max_size=2)).items()),
        ipv6=draw(st.sampled_from([None, True, False])), ipv4=draw(st.sampled_from([None, True, False])),
        internal=draw(st.booleans()), attachable=draw(st.booleans()),
        labels=tuple(draw(st.dictionaries(names, wild, max_size=2)).items()),
    )


def _comma_free(n: Network) -> bool:
    return all("," not in v for v in n.subnets + n.ip_ranges + n.gateways)


@settings(max_examples=200, deadline=None)
@given(networks())
def test_emitted_commands_are_shell_safe_and_read_back(net):
    line = emit.commands(macplan.Plan(networks=(net,)))
    argv = emit.create_argv(net)
    assert shlex.split(line) == argv
    back = macplan.parse_script(line).networks[0]
    assert back.with_(line=None) == net


@settings(max_examples=100, deadline=None)
@given(st.lists(networks(), min_size=1, max_size=4))
def test_script_to_yaml_to_script_loses_nothing(nets):
    plan = macplan.Plan(networks=tuple(nets))
    script = emit.commands(plan)
    from_script = macplan.parse_script(script)
    from_yaml = macplan.load_yaml_text(emit.dump_yaml(from_script))
    assert from_yaml.networks == from_script.networks


def test_the_seed_guide_round_trips_through_yaml():
    plan = macplan.load("examples/seed.sh", interfaces=["eth0"])
    again = macplan.load_yaml_text(emit.dump_yaml(plan))
    assert again.networks == plan.networks
    assert emit.commands(again) == emit.commands(plan)


def test_every_yaml_example_round_trips(tmp_path):
    import glob
    for path in sorted(glob.glob("examples/*.yaml")):
        plan = macplan.load(path)
        again = macplan.load_yaml_text(emit.dump_yaml(plan), source=path)
        assert again.networks == plan.networks, path
        assert again.hosts == plan.hosts, path


def test_api_payload_uses_engine_field_names():
    n = macplan.load("examples/seed.sh").networks[1]
    body = emit.api_payload(n)
    assert body["IPAM"]["Config"] == [{"Subnet": "192.168.32.0/24", "IPRange": "192.168.32.128/25",
                                       "Gateway": "192.168.32.254",
                                       "AuxiliaryAddresses": {"my-router": "192.168.32.129"}}]
    assert body["Options"] == {"parent": "eth0"} and body["Driver"] == "macvlan"


# ---- the readers never crash: any text is a plan or a PlanError ----

@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_script_reader_never_crashes(text):
    try:
        macplan.parse_script(text)
    except PlanError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_yaml_reader_never_crashes(text):
    try:
        macplan.load_yaml_text(text)
    except PlanError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["docker network create", "-d macvlan", "-d ipvlan", "--subnet", "10.0.0.0/24",
                                 "--gateway", "10.0.0.1", "--ip-range", "10.0.0.0/25", "--aux-address", "a=10.0.0.9",
                                 "-o", "parent=eth0", "parent=eth0.50", "--ipv6", "fd00::/64", "x", "y", "\\\n",
                                 "'", '"', "#", "=", "--internal", "bridge", "lo"]), max_size=14))
def test_random_commands_check_without_crashing(words):
    text = " ".join(words)
    try:
        plan = macplan.parse_script(text, interfaces=("eth0",))
    except PlanError:
        return
    for engine in ("20.10", "25", "29"):
        report = macplan.check(plan, engine)
        assert len(report.networks) == len(plan.networks)
