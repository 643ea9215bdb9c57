"""A docker compose file is a plan: networks, services' static addresses, replicas."""
import glob
import os
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import macplan
from macplan.docker.cli import ipam_groups
from macplan.emit import exports
from macplan.errors import PlanError
from macplan.read import compose
from macplan.read.compose import ComposePlan, load_compose_text

ROOT = os.path.join(os.path.dirname(__file__), "..")

LAN = """
networks:
  lan:
    driver: macvlan
    driver_opts: {parent: eth0}
    ipam:
      config:
        - subnet: 10.1.0.0/24
          gateway: 10.1.0.1
"""


def write(tmp_path, text, name="compose.yaml", folder="proj"):
    d = tmp_path / folder
    d.mkdir(exist_ok=True)
    p = d / name
    p.write_text(text)
    return str(p)


def run(*args):
    env = dict(os.environ, PYTHONPATH=os.path.abspath(ROOT))
    return subprocess.run([sys.executable, "-m", "macplan", *args], capture_output=True, text=True, env=env)


# ---- what is read ---------------------------------------------------------------------------

def test_example_is_read_with_names_as_compose_gives_them():
    plan = macplan.load(os.path.join(ROOT, "examples", "compose.yaml"))
    assert isinstance(plan, ComposePlan) and plan.project == "homelab" and plan.name == "homelab"
    lan = plan.network("lan")                                  # name: lan
    assert lan.driver == "macvlan" and lan.parent == "eth0" and lan.mode == "bridge"
    assert ipam_groups(lan)[0].aux == (("host-shim", "192.168.1.223"),)
    assert lan.labels == (("org.example.site", "home"),)       # the list form of labels
    assert ("192.168.1.53", "02:42:c0:a8:01:35") in lan.endpoints
    assert lan.containers == 1 + 1 + 4                         # pihole, homeassistant, 4 workers
    assert plan.network("homelab_backend").driver == "bridge"  # <project>_<key>, compose's default driver
    assert any("db" in n and "outside macplan's scope" in n for n in plan.notes)


def test_project_name_is_the_files_name_else_its_directory(tmp_path):
    p = write(tmp_path, LAN, folder="My.Project")
    assert macplan.load(p).network("myproject_lan").subnets == ("10.1.0.0/24",)
    p = write(tmp_path, "name: Web_1\n" + LAN, folder="other")
    assert [n.name for n in macplan.load(p).networks] == ["web_1_lan"]
    assert compose.project_name("-_A b.C") == "abc"


def test_detected_by_name_or_by_content_and_plans_stay_plans(tmp_path):
    for name in compose.COMPOSE_FILE_NAMES + ("stack.yml",):
        assert isinstance(macplan.load(write(tmp_path, LAN, name)), ComposePlan), name
    for path in glob.glob(os.path.join(ROOT, "examples", "*.yaml")):
        if not path.endswith("compose.yaml"):
            assert type(macplan.load(path)) is macplan.Plan, path


def test_docker_compose_config_output_reads():
    # the shape `docker compose config` prints: explicit names, a declared default network, null entries
    text = """name: proj
services:
  web:
    image: nginx
    networks:
      default: null
      lan:
        ipv4_address: 10.1.0.5
networks:
  default:
    name: proj_default
  lan:
    name: proj_lan
    driver: macvlan
    driver_opts:
      parent: eth0
    ipam:
      config:
        - subnet: 10.1.0.0/24
  corp:
    name: corp
    external: true
"""
    plan = load_compose_text(text, "elsewhere/compose.yaml")
    assert [(n.name, n.driver) for n in plan.networks] == [("proj_default", "bridge"), ("proj_lan", "macvlan")]
    assert plan.network("proj_lan").endpoints == (("10.1.0.5", ""),) and plan.network("proj_lan").containers == 1


def test_static_address_outside_the_subnet_in_dockers_words(tmp_path):
    p = write(tmp_path, LAN + """
services:
  cam:
    image: x
    networks:
      lan:
        ipv4_address: 10.9.0.5
""")
    rep = macplan.check(macplan.load(p), engine="20.10")
    # moby v20.10.24 vendor/github.com/docker/libnetwork/endpoint.go (assignAddressVersion)
    said = "Invalid address 10.9.0.5: It does not belong to any of this network's subnets"
    assert any(said in (f.docker_error or f.message) for f in rep.findings), rep.findings


def test_static_address_inside_is_fine_and_a_repeated_one_is_not(tmp_path):
    p = write(tmp_path, LAN + """
services:
  a:
    networks: {lan: {ipv4_address: 10.1.0.5, mac_address: "02:00:00:00:00:05"}}
  b:
    networks: {lan: {ipv4_address: 10.1.0.5}}
""")
    rep = macplan.check(macplan.load(p), engine="20.10")
    assert any("Address already in use" in f.message for f in rep.findings)
    p = write(tmp_path, LAN + "services:\n  a:\n    networks: {lan: {ipv4_address: 10.1.0.5}}\n")
    assert not [f for f in macplan.check(macplan.load(p), engine="20.10").findings if f.severity != "info"]


def test_ipv6_and_service_level_mac(tmp_path):
    p = write(tmp_path, """
services:
  a:
    mac_address: 02:00:00:00:00:0A
    networks:
      v6:
        ipv4_address: 10.2.0.10
        ipv6_address: fd00::10
networks:
  v6:
    driver: macvlan
    enable_ipv6: true
    driver_opts: {parent: eth1}
    ipam:
      config: [{subnet: 10.2.0.0/24}, {subnet: "fd00::/64"}]
""")
    net = macplan.load(p).network("proj_v6")
    assert net.ipv6 is True and net.endpoints == (("10.2.0.10", "02:00:00:00:00:0a"), ("fd00::10", ""))


def test_the_service_mac_goes_to_the_primary_network():
    text = LAN + "  b:\n    driver: macvlan\n    driver_opts: {parent: eth1}\n" \
                 "services:\n  s:\n    mac_address: 02:00:00:00:00:01\n    networks:\n      lan:\n      b:\n"
    plan = load_compose_text(text, "p/compose.yaml")
    assert plan.network("p_b").endpoints == (("", "02:00:00:00:00:01"),) and plan.network("p_lan").endpoints == ()
    plan = load_compose_text(text.replace("      lan:\n", "      lan: {priority: 10}\n"), "p/compose.yaml")
    assert plan.network("p_lan").endpoints == (("", "02:00:00:00:00:01"),) and plan.network("p_b").endpoints == ()


def test_empty_networks_is_the_default_network():
    plan = load_compose_text(LAN + "services:\n  s:\n    networks: {}\n", "p/compose.yaml")
    assert plan.network("p_lan").containers is None and "default network" in plan.notes[0]


def test_capacity_counts_replicas_and_scale(tmp_path):
    p = write(tmp_path, LAN + """
services:
  web:
    deploy: {replicas: 5}
    networks: [lan]
  job:
    scale: 3
    networks: {lan: }
  one:
    networks: [lan]
""")
    cap = macplan.capacity(macplan.load(p))
    assert cap.network("proj_lan").expected == 9
    assert cap.network("proj_lan").containers == 253
    out = run("capacity", p, "--json")
    assert out.returncode == 0 and '"expected": 9' in out.stdout


def test_replicas_with_a_static_address_collide(tmp_path):
    p = write(tmp_path, LAN + "services:\n  web:\n    deploy: {replicas: 2}\n"
                              "    networks: {lan: {ipv4_address: 10.1.0.7}}\n")
    rep = macplan.check(macplan.load(p), engine="20.10")
    assert any("Address already in use" in f.message for f in rep.findings)


def test_over_capacity_from_replicas(tmp_path):
    p = write(tmp_path, LAN.replace("10.1.0.0/24", "10.1.0.0/29") + "services:\n  web:\n    scale: 9\n"
                                                                        "    networks: [lan]\n")
    rep = macplan.check(macplan.load(p))
    assert any(f.rule == "over-capacity" for f in rep.findings)


def test_external_network_is_not_created_and_its_addresses_not_checked(tmp_path):
    p = write(tmp_path, LAN + """
  outside:
    external: true
    name: corp_lan
services:
  a:
    networks:
      outside: {ipv4_address: 172.16.5.5}
      lan:
""")
    plan = macplan.load(p)
    assert [n.name for n in plan.networks] == ["proj_lan"]
    assert any("corp_lan is external" in n for n in plan.notes)
    assert any("172.16.5.5" in n and "not checked" in n for n in plan.notes)
    assert macplan.check(plan).ok and plan.network("proj_lan").containers == 1


def test_default_network_and_network_mode_are_skipped(tmp_path):
    p = write(tmp_path, LAN + "services:\n  a:\n    image: x\n  b:\n    network_mode: host\n")
    plan = macplan.load(p)
    assert len(plan.notes) == 2 and all("outside macplan's scope" in n for n in plan.notes)
    assert plan.network("proj_lan").containers is None


def test_a_redefined_default_network_holds_the_services_without_networks(tmp_path):
    p = write(tmp_path, LAN.replace("  lan:", "  default:") + "services:\n  a:\n    scale: 2\n  b:\n    networks: [default]\n")
    plan = macplan.load(p)
    assert plan.network("proj_default").containers == 3 and not plan.notes


def test_variables_from_the_environment_and_dotenv(tmp_path):
    text = LAN.replace("parent: eth0", "parent: '${PARENT}'").replace("10.1.0.1", "${GW:-10.1.0.254}")
    p = write(tmp_path, text)
    (tmp_path / "proj" / ".env").write_text("# lan\nPARENT=eth0.20\n")
    net = macplan.load(p).networks[0]
    assert net.parent == "eth0.20" and net.gateways == ("10.1.0.254",)
    plan = load_compose_text(text, "x/compose.yaml", environ={"PARENT": "bond0", "GW": "10.1.0.2"})
    assert plan.networks[0].parent == "bond0" and plan.networks[0].gateways == ("10.1.0.2",)
    with pytest.raises(PlanError, match=r"compose.yaml:5: .*variable PARENT is not set"):
        load_compose_text(text, "x/compose.yaml", environ={})


def test_anchors_and_merge_keys_work_and_cannot_blow_up():
    plan = load_compose_text("x-net: &n {driver: macvlan, driver_opts: {parent: eth0}}\n"
                             "networks:\n  a: {<<: *n, name: a}\n  b:\n    <<: *n\n    driver: ipvlan\n", "<s>")
    assert [(n.name, n.driver, n.parent) for n in plan.networks] == [("a", "macvlan", "eth0"),
                                                                      ("plan_b", "ipvlan", "eth0")]
    merges = "x-0: &x0 {k0: v}\n" + "".join(f"x-{i}: &x{i} {{<<: [{', '.join([f'*x{i - 1}'] * 9)}], k{i}: v}}\n"
                                            for i in range(1, 30))
    start = time.monotonic()
    assert load_compose_text(merges, "<s>").networks == ()
    laughs = "x-a: &a [" + ",".join(["lol"] * 9) + "]\n" + "".join(
        f"x-{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")) + LAN
    assert [n.name for n in load_compose_text(laughs, "<s>").networks] == ["plan_lan"]
    assert time.monotonic() - start < 2


def test_export_compose_reads_back_to_the_same_networks(tmp_path):
    seen = 0
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*.yaml"))):
        plan = macplan.load(path)
        for host in dict.fromkeys(n.host for n in plan.networks):
            out = tmp_path / f"{os.path.basename(path)}-{host}.yaml"
            out.write_text(exports.compose_yaml(plan, host))
            back = macplan.load(str(out))
            assert isinstance(back, ComposePlan), path
            got = {n.name: n for n in back.networks}
            want = [n for n in plan.networks if n.host == host and not n.config_only]
            for n in want:
                if n.config_from or n.scope == "swarm":      # exported as external: not created by compose
                    assert n.name not in got and any(f"{n.name} is external" in x for x in back.notes)
                    continue
                assert exports._same(got.pop(n.name), n), (path, n.name)
                seen += 1
            assert not got
    assert seen > 10
    r = run("export", "compose", os.path.join(ROOT, "examples", "basic.yaml"))
    (tmp_path / "exp.yaml").write_text(r.stdout)
    assert run("check", str(tmp_path / "exp.yaml")).returncode == 0


def test_commands_and_convert_accept_a_compose_file(tmp_path):
    p = os.path.join(ROOT, "examples", "compose.yaml")
    r = run("commands", p)
    assert r.returncode == 0 and "docker network create" in r.stdout and "host-shim=192.168.1.223" in r.stdout
    r = run("convert", p, "--to", "yaml")
    assert r.returncode == 0
    again = macplan.load_yaml_text(r.stdout, "again.yaml")
    assert again.networks == macplan.load(p).networks


# ---- bad compose files: one line naming file and line, exit 2 ---------------------------------

BAD = [
    ("services:\n  a:\n    networks: [nope]\n", 3, 'service "a" refers to undefined network nope'),
    (LAN + "services:\n  a:\n    networks: {lan: {ipv4_address: 10.1.0.300}}\n", 12, "is not an IPv4 address"),
    (LAN + "services:\n  a:\n    networks: {lan: {ipv4_address: 'fd00::1'}}\n", 12, "is not an IPv4 address"),
    (LAN + "services:\n  a:\n    networks: {lan: {mac_address: 02:00}}\n", 12, "is not a MAC address"),
    (LAN + "services:\n  a:\n    networks: {lan: {ipv4_adress: 10.1.0.3}}\n", 12, "did you mean 'ipv4_address'"),
    (LAN.replace("10.1.0.0/24", "10.1.0.0"), 8, "is not a CIDR block"),
    (LAN.replace("driver_opts", "driver_options"), 5, "unknown key 'driver_options'"),
    (LAN + "    internal: maybe\n", 10, "must be true or false"),
    (LAN + "services:\n  a:\n    deploy: {replicas: -1}\n    networks: [lan]\n", 12, "whole number"),
    (LAN + "services:\n  a:\n    scale: 2\n    deploy: {replicas: 3}\n", 12, "distinct values"),
    (LAN + "services:\n  a:\n    container_name: a\n    scale: 2\n", 12, "container name must be unique"),
    (LAN + "services:\n  a:\n    network_mode: host\n    networks: [lan]\n", 13, "mutually exclusive `network_mode` and `networks`"),
    ("networks:\n  x:\n    external: true\n    driver: macvlan\n", 4, "external network takes only name"),
    ("include:\n  - other.yaml\n", 1, "docker compose config"),
    ("services:\n  a: !reset null\n", 2, "YAML tag !reset"),
    ("services:\n  a: {}\n  a: {}\n", 3, "duplicate key 'a'"),
    ("services: [\n", 2, "YAML error"),
    ("- a\n- b\n", 1, "must be a mapping"),
    ("x: " + "[" * 60 + "]" * 60 + "\n", 1, "nested more than"),
    ("a: &a [1]\n" + "".join(f"b{i}: *a\n" for i in range(1100)), 1002, "aliases"),
    # a control character: one line with the line (it was two, naming "<unicode string>", no line)
    ("services:\n  a:\n    image: x\x07\n", 3, "YAML error: character #x0007: special characters are not allowed"),
]


@pytest.mark.parametrize("text,line,words", BAD)
def test_bad_compose_files_are_one_line_errors(tmp_path, text, line, words):
    p = write(tmp_path, text)
    r = run("check", p)
    assert r.returncode == 2 and r.stdout == "", r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"macplan: {p}:{line}: ") and words in r.stderr, r.stderr


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("abn:-_ []{}&*<$!'\"\n.0123\t#") + ["services:", "networks:", "ipam:",
       "config:", "  ", "    ", "external: true", "driver_opts:", "ipv4_address: "]), max_size=80).map("".join))
def test_any_text_is_a_plan_or_a_plan_error(text):
    try:
        load_compose_text(text, "compose.yaml", environ={})
    except PlanError as e:
        assert "\n" not in str(e).strip() or "YAML" in str(e)
