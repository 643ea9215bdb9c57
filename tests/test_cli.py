"""The command line as users meet it: exit codes, JSON shapes, one-line errors."""
import json
import subprocess
import sys

import pytest

SEED = "examples/seed.sh"


def macplan(*args, stdin=None):
    p = subprocess.run([sys.executable, "-m", "macplan", *args], capture_output=True, text=True, input=stdin)
    return p.returncode, p.stdout, p.stderr


def test_check_json_contract():
    rc, out, err = macplan("check", SEED, "--engine", "20.10", "--interfaces", "eth0", "--json")
    assert rc == 1 and err == ""
    doc = json.loads(out)
    assert doc["engine"] == "20.10"
    assert [n["name"] for n in doc["networks"]] == ["pub_net", "macnet32", "macvlan50", "ipvlan210", "macvlan216"]
    assert [n["index"] for n in doc["networks"]] == [0, 1, 2, 3, 4]
    macnet32 = doc["networks"][1]
    assert macnet32["accepted"] is False
    assert macnet32["findings"][0]["docker_error"] == "network dm-<id> is already using parent interface eth0"
    assert set(macnet32["findings"][0]) >= {"rule", "severity", "message", "docker_error"}


def test_check_exit_zero_when_docker_accepts_everything():
    rc, out, _ = macplan("check", "examples/basic.yaml")
    assert rc == 0 and "pub_net" in out


def test_capacity_json_contract():
    rc, out, _ = macplan("capacity", "examples/ip-range-aux.yaml", "--json")
    assert rc == 0
    net = json.loads(out)["networks"][0]
    assert net["name"] == "macnet32"
    sub = net["subnets"][0]
    # 192.168.32.128/25 holds 128; the gateway .254, the aux .129 and the broadcast .255 are in it
    assert sub["size"] == 128 and sub["available"] == 125 and net["containers"] == 125
    assert sub["reserved"] == {"broadcast": 1, "gateway": 1, "aux": 1}


def test_commands_and_remove():
    rc, out, _ = macplan("commands", "examples/vlan-trunk.yaml")
    assert rc == 0
    assert out.splitlines()[0].startswith("docker network create -d macvlan --subnet=10.10.0.0/24")
    rc, out, _ = macplan("commands", "examples/vlan-trunk.yaml", "--remove")
    assert out.splitlines() == ["docker network rm cameras", "docker network rm servers"]


def test_convert_both_ways(tmp_path):
    out_yaml = tmp_path / "seed.yaml"
    assert macplan("convert", SEED, "-o", str(out_yaml))[0] == 0
    rc, script, _ = macplan("convert", str(out_yaml))
    assert rc == 0 and script.count("docker network create") == 5


@pytest.mark.parametrize("content,suffix,expect", [
    ("networks:\n  a:\n    subnet: 10.0.0.0/33\n", ".yaml", ":3: subnet: '10.0.0.0/33' is not a CIDR"),
    ("networks:\n  a:\n    parnet: eth0\n", ".yaml", ":3: unknown key 'parnet' in network a (did you mean 'parent'?)"),
    ("networks: [\n", ".yaml", "YAML error"),
    ("networks:\n  a: {}\n  a: {}\n", ".yaml", ":3: duplicate key 'a'"),
    ("docker network create 'x\n", ".sh", ":1: cannot split the command"),
    # a docker command macplan cannot expand names its line (other lines are skipped, not fatal)
    ("echo hi\ndocker network create -d macvlan $NOPE\n", ".sh", ":2: cannot expand $NOPE"),
    ("\x00\xff", ".sh", ""),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, content, suffix, expect):
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(content.encode("latin-1"))
    rc, out, err = macplan("check", str(path))
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err and expect in err


def test_unknown_engine_and_missing_file():
    rc, _, err = macplan("check", SEED, "--engine", "19.03")
    assert rc == 2 and "engine" in err and err.count("\n") == 1
    rc, _, err = macplan("check", "no/such/plan.yaml")
    assert rc == 2 and "no/such/plan.yaml" in err


def test_split_prints_slices_and_writes_the_plan(tmp_path):
    out_plan = tmp_path / "sliced.yaml"
    rc, out, err = macplan("split", "examples/multi-host.yaml", "lan", "--size", "/27", "-o", str(out_plan))
    assert rc == 0, err
    assert "node1" in out and "node2" in out and "(left for growth)" in out
    rc, out, _ = macplan("check", str(out_plan))
    assert "shared-range-hosts" not in out     # the overlapping ranges are gone


def test_export_compose_and_multus():
    rc, out, _ = macplan("export", "compose", "examples/basic.yaml")
    assert rc == 0 and out.startswith("networks:") and "parent: eth0" in out
    rc, out, _ = macplan("export", "multus", "examples/basic.yaml", "pub_net")
    assert rc == 0 and "kind: NetworkAttachmentDefinition" in out and '"type": "macvlan"' in out
    rc, _, err = macplan("export", "multus", "examples/basic.yaml")
    assert rc == 2 and err.count("\n") == 1


def test_shim_and_swarm():
    rc, out, _ = macplan("shim", "examples/basic.yaml")
    assert rc == 0 and "type macvlan mode bridge" in out
    rc, out, _ = macplan("swarm", "examples/multi-host.yaml", "lan", "--manager", "node1")
    assert rc == 0 and out.count("--config-only") == 2 and "--scope swarm --config-from lan-config" in out


def test_commands_mark_what_docker_will_refuse():
    rc, out, _ = macplan("commands", SEED, "--engine", "20.10", "--interfaces", "eth0")
    lines = out.splitlines()
    at = lines.index("# Docker 20.10 refuses this: network dm-<id> is already using parent interface eth0")
    assert lines[at + 1].endswith(" macnet32") and rc == 1
