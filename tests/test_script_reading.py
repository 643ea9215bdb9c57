"""Scripts as people write them: the shell around the docker commands, `docker network rm`,
and containers (`docker run|create --network --ip --mac-address`, `docker network connect`).

Expected values come from sh itself (what the shell hands docker), from the recordings of real
engines (tests/data/recordings, file named at each use) and from Docker's source at the tags
v20.10.24 / docker-v29.7.2 (moby) and v20.10.24 / v29.7.2 (docker/cli), never from macplan."""
import json
import subprocess
import sys

import pytest

import macplan
from macplan import PlanError

IFACES = ("eth0", "eth1", "eth2")

# Every construct of issue 9 item 1, in one file: a BOM, CRLF line ends, a shebang, comments,
# set -euo pipefail, assignments and the three spellings of an expansion, sudo, &&, || true, ;,
# a redirection, echo, a CLI-refused command in the middle, rm, run/create/connect.
CONSTRUCTS = (
    "\ufeff#!/bin/bash\r\n"
    "# a LAN and a lab network\r\n"
    "set -euo pipefail\r\n"
    "PARENT=eth0\r\n"
    'SUBNET="192.168.50.0/24"\r\n'
    "GW=192.168.50.1   # the LAN router\r\n"
    "export NAME=lan\r\n"
    'echo "creating ${NAME}"\r\n'
    'sudo docker network create -d macvlan --subnet "$SUBNET" --gateway=${GW} \\\r\n'
    "  -o parent=$PARENT $NAME 2>/dev/null || true\r\n"
    "docker network create -d macvlan --macvlan-mode bridge -o parent=eth1 lab || true\r\n"
    "docker network rm old-lab || true; docker network create -d macvlan --subnet 10.1.0.0/24 "
    "-o parent=eth1 lab\r\n"
    "docker run -d --name web --network $NAME --ip 192.168.50.10 --mac-address 02:42:C0:A8:32:0A nginx:1.27\r\n"
    "docker create --name db --network=lan --ip=192.168.50.11 postgres\r\n"
    "docker network connect --ip 10.1.0.20 lab web && echo connected\r\n"
)


def check(text, engine, **kw):
    plan = macplan.parse_script(text, source="s.sh", interfaces=kw.pop("interfaces", IFACES), **kw)
    return plan, macplan.check(plan, engine)


def errors(entry):
    return [f.docker_error for f in entry.findings if f.severity == "error"]


def test_the_shell_hands_docker_these_words():
    plan = macplan.parse_script(CONSTRUCTS, source="s.sh")
    lan, refused, lab = plan.networks
    # what sh passes: quotes removed, variables expanded, the redirection not an argument
    assert (lan.name, lan.subnets, lan.gateways, lan.parent, lan.line) == \
        ("lan", ("192.168.50.0/24",), ("192.168.50.1",), "eth0", 9)
    # pflag takes the unknown --macvlan-mode as the error; the recordings name such a command by
    # its positional words (gen-b-0000.sh line 4: 'bridge lab2')
    assert refused.name == "bridge lab" and refused.cli_error is not None
    assert (lab.name, lab.subnets, lab.line) == ("lab", ("10.1.0.0/24",), 12)
    [rm] = plan.removals
    assert rm.names == ("old-lab",) and rm.line == 12
    web, db, conn = plan.endpoints
    assert (web.container, web.network, web.ip, web.mac, web.command) == \
        ("web", "lan", "192.168.50.10", "02:42:c0:a8:32:0a", "run")
    assert (db.container, db.ip, db.command) == ("db", "192.168.50.11", "create")
    assert (conn.container, conn.network, conn.ip, conn.command) == ("web", "lab", "10.1.0.20", "connect")
    # the echo lines are skipped and named; `true`, `set`, assignments need no note
    assert [line for line, _ in plan.skipped] == [8, 15]


@pytest.mark.parametrize("engine,unknown_flag,missing", [
    # docker/cli: pflag's text on both; 20.10's client wraps the 404 itself, 29 prints the daemon's
    ("20.10", "unknown flag: --macvlan-mode", "Error: No such network: old-lab"),
    ("29", "unknown flag: --macvlan-mode", "network old-lab not found"),
])
def test_the_constructs_script_is_predicted(engine, unknown_flag, missing):
    _, rep = check(CONSTRUCTS, engine)
    assert [n.accepted for n in rep.networks] == [True, False, True]
    assert errors(rep.networks[1]) == [unknown_flag]
    [rm] = rep.removals
    assert not rm.accepted and rm.docker_error == missing and rm.removed == []
    assert [e.accepted for e in rep.endpoints] == [True, True, True]
    assert [(e.ip, e.mac) for e in rep.endpoints] == \
        [("192.168.50.10", "02:42:c0:a8:32:0a"), ("192.168.50.11", None), ("10.1.0.20", None)]
    skipped = [f.message for f in rep.plan_findings if f.rule == "script-line-skipped"]
    assert len(skipped) == 2 and skipped[0].startswith("line 8:")


def test_ipv4_is_a_flag_of_cli_28_and_later():
    # the lab's 20.10.24 CLI (differential seed 1130, cli/unknown_flag): "unknown flag: --ipv4",
    # so nothing was created and the same subnet is free for the next command
    script = ("docker network create -d macvlan --subnet 172.26.28.0/24 -o parent=eth0 --ipv4 lan1\n"
              "docker network create -d macvlan --subnet 172.26.28.0/24 -o parent=eth0 lan1x\n")
    _, rep = check(script, "20.10")
    assert [(n.accepted, errors(n)) for n in rep.networks] == [(False, ["unknown flag: --ipv4"]), (True, [])]
    _, rep = check(script, "28")
    assert [n.accepted for n in rep.networks] == [True, False]


def test_check_json_has_removals_and_endpoints(tmp_path):
    path = tmp_path / "s.sh"
    path.write_text(CONSTRUCTS, encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "macplan", "check", str(path), "--engine", "29",
                        "--interfaces", ",".join(IFACES), "--json"], capture_output=True, text=True)
    assert p.returncode == 1 and p.stderr == ""        # errors, but the script was read
    doc = json.loads(p.stdout)
    assert [n["name"] for n in doc["networks"]] == ["lan", "bridge lab", "lab"]
    assert doc["removals"] == [{"index": 0, "line": 12, "names": ["old-lab"], "removed": [], "accepted": False,
                                "docker_error": "network old-lab not found",
                                "findings": doc["removals"][0]["findings"]}]
    assert set(doc["endpoints"][0]) >= {"index", "line", "container", "network", "ip", "ip6", "mac", "accepted",
                                        "docker_error", "findings"}
    p = subprocess.run([sys.executable, "-m", "macplan", "check", str(path), "--engine", "29",
                        "--interfaces", ",".join(IFACES)], capture_output=True, text=True)
    assert "docker network rm" in p.stdout and "container" in p.stdout and "old-lab" in p.stdout


# ---- the shell ------------------------------------------------------------------------------

def test_unexpandable_words_name_their_line():
    with pytest.raises(PlanError) as e:
        macplan.parse_script("X=1\nIP=$(hostname -I)\ndocker network create -d macvlan --subnet $IP lan\n",
                             source="s.sh")
    assert str(e.value).startswith("s.sh:3: cannot expand $(hostname -I)")
    with pytest.raises(PlanError) as e:
        macplan.parse_script("docker network create -d macvlan -o parent=$1 lan\n", source="s.sh")
    assert str(e.value).startswith("s.sh:1: cannot expand $1")
    # an unknown value on a line that is not a docker command is no problem
    plan = macplan.parse_script("echo $HOME\nLAN=$(ip route)\ndocker network create x\n")
    assert [n.name for n in plan.networks] == ["x"]


def test_quoting_and_field_splitting_as_sh_does():
    text = ("OPTS='--subnet 10.5.0.0/24 --gateway 10.5.0.1'\n"
            "E=\n"
            'docker network create -d macvlan $OPTS $E -o "parent=eth0" --label "a b=c d" \'n1\'\n'
            'docker network create -d macvlan --label "$E" -o parent=${P:-eth1} n2\n'
            "docker network create -d macvlan -o parent=eth2 n\\3  # the name is n3\n")
    n1, n2, n3 = macplan.parse_script(text).networks
    assert n1.subnets == ("10.5.0.0/24",) and n1.gateways == ("10.5.0.1",) and n1.labels == (("a b", "c d"),)
    assert n2.parent == "eth1" and n2.labels == (("", ""),)         # "$E" is one empty word
    assert n3.name == "n3" and n3.parent == "eth2"


def test_and_or_and_set_e_decide_what_runs():
    # after `a && b`, b runs only if a succeeded; with set -e a failure outside && / || stops
    text = ("docker network create -d macvlan -o parent=eth0 a\n"
            "docker network create -d macvlan -o parent=eth0 b && docker network create -d macvlan -o parent=eth1 c\n"
            "set -e\n"
            "docker network create -d macvlan -o parent=eth0 d\n"
            "docker network create -d macvlan -o parent=eth2 e\n")
    _, rep = check(text, "20.10")     # 20.10: a second macvlan on one parent is refused
    assert [n.accepted for n in rep.networks] == [True, False, False, False, False]
    assert [f.rule for f in rep.networks[2].findings] == ["script-not-run"]
    assert [f.rule for f in rep.networks[4].findings] == ["script-not-run"]
    assert "line 4" in rep.networks[4].findings[0].message


# ---- docker network rm ----------------------------------------------------------------------

def test_rm_frees_the_name_the_parent_and_the_pool():
    # gen-b rm_same_name / rm_parent_reuse / rm_pool_reuse: all recorded accepted on both engines
    text = ("docker network create -d macvlan --subnet 10.0.1.0/24 --gateway 10.0.1.1 -o parent=eth0 lan\n"
            "docker network rm lan\n"
            "docker network create -d macvlan --subnet 10.0.1.0/24 --gateway 10.0.1.1 -o parent=eth0 lan\n")
    for engine in ("20.10", "29"):
        _, rep = check(text, engine)
        assert [n.accepted for n in rep.networks] == [True, True]
        assert rep.removals[0].accepted and rep.removals[0].removed == ["lan"]


def test_rm_keeps_going_after_a_missing_name():
    # gen-b-0075.sh: `docker network rm svc1 nosuchnet` removes svc1, then fails
    text = ("docker network create -d macvlan --subnet 172.16.209.0/25 -o parent=eth0 svc1\n"
            "docker network rm svc1 nosuchnet\n"
            "docker network create -d macvlan --subnet 172.16.209.0/25 -o parent=eth0 svc1\n")
    for engine, said in (("20.10", "Error: No such network: nosuchnet"), ("29", "network nosuchnet not found")):
        _, rep = check(text, engine)
        assert rep.removals[0].removed == ["svc1"] and not rep.removals[0].accepted
        assert rep.removals[0].docker_error == said
        assert rep.networks[1].accepted


def test_rm_of_a_config_only_network_in_use_is_refused():
    # gen-b-0049.sh: the config-only network stays, the other name is still removed
    text = ("docker network create --subnet=172.16.56.0/24 --gateway=172.16.56.1 --config-only -o parent=eth2 cfg\n"
            "docker network create -d macvlan --config-from cfg m\n"
            "docker network rm cfg m\n"
            "docker network create -d macvlan --config-from cfg m2\n")
    for engine in ("20.10", "29"):
        _, rep = check(text, engine)
        rm = rep.removals[0]
        assert rm.docker_error == 'error while removing network: configuration network "cfg" is in use'
        assert rm.removed == ["m"] and rep.networks[2].accepted


def test_rm_force_is_a_cli_23_flag():
    # gen-b-0143.sh: 20.10's CLI has no -f for network rm
    text = "docker network rm -f nothere\n"
    _, old = check(text, "20.10")
    _, new = check(text, "29")
    assert old.removals[0].docker_error == "unknown shorthand flag: 'f' in -f"
    assert new.removals[0].accepted        # docker/cli v29.7.2 remove.go: -f ignores a missing network


# ---- containers -----------------------------------------------------------------------------

NET = "docker network create -d macvlan --subnet 192.0.2.0/29 --gateway 192.0.2.1 --aux-address r=192.0.2.6 " \
      "-o parent=eth0 lan\n"


@pytest.mark.parametrize("run,engine,said", [
    # research/lab.md section 2 (engine 20.10): the gateway or an aux address is in use
    ("docker run --network lan --ip 192.0.2.1 alpine", "20.10", "Address already in use"),
    ("docker run --network lan --ip 192.0.2.6 alpine", "29", "Address already in use"),
    # libnetwork endpoint.go assignAddressVersion (v20.10.24) / container_operations.go
    # validateEndpointIPAddress (docker-v29.7.2)
    ("docker run --network lan --ip 203.0.113.5 alpine", "20.10",
     "Invalid address 203.0.113.5: It does not belong to any of this network's subnets"),
    # (29: when the container is created, daemon/create.go validateNetworkingConfig wraps it)
    ("docker run --network lan --ip 203.0.113.5 alpine", "29",
     "invalid config for network lan: invalid endpoint settings:\nno configured subnet contains IP address 203.0.113.5"),
    # libnetwork error.go ErrNoSuchNetwork
    ("docker run --network nolan alpine", "29", "network nolan not found"),
])
def test_container_addresses_are_checked_like_the_daemon(run, engine, said):
    _, rep = check(NET + run + "\n", engine)
    [ep] = rep.endpoints
    assert not ep.accepted and ep.docker_error == said


def test_ipvlan_refuses_a_custom_mac():
    # ipvlan_endpoint.go "ipvlan interfaces do not support custom mac address assignment", wrapped by
    # libnetwork's addEndpoint (network.go, 20.10.24 and 29.7.2); lab-20.10 gen-c-0103.sh line 10
    text = ("docker network create -d ipvlan --subnet 10.2.0.0/24 -o parent=eth1 iv\n"
            "docker run --name web2 --network iv --ip 10.2.0.5 --mac-address 02:00:00:00:00:05 alpine\n")
    for engine in ("20.10", "29"):
        _, rep = check(text, engine)
        assert rep.endpoints[0].docker_error == \
            "failed to create endpoint web2 on network iv: ipvlan interfaces do not support custom mac address assignment"


def test_two_containers_with_one_mac_on_a_parent_clash():
    text = (NET + "docker run --network lan --mac-address 02:00:00:00:00:09 alpine\n"
            "docker run --network lan --mac-address 02:00:00:00:00:09 alpine\n")
    _, rep = check(text, "29")
    assert [e.accepted for e in rep.endpoints] == [True, False]
    assert [f.rule for f in rep.endpoints[1].findings] == ["endpoint-mac-in-use"]


def test_containers_count_in_capacity_and_hold_their_network():
    # a /29: 8 addresses, minus network, broadcast, gateway .1 and aux .6 = 4 for containers
    text = NET + "docker run -d --name web --network lan --ip 192.0.2.2 alpine\n" \
                 "docker run -d --name db --network lan alpine\n" \
                 "docker network rm lan\n"
    plan, rep = check(text, "20.10")
    assert [e.ip for e in rep.endpoints] == ["192.0.2.2", "192.0.2.3"]    # the lowest free address
    cap = macplan.capacity(plan, "20.10", report=rep).network("lan")
    assert cap.containers == 2 and cap.subnets[0].reserved.get("containers") == 2
    # libnetwork error.go (v20.10.24) wrapped by daemon/network.go: "error while removing network"
    assert rep.removals[0].docker_error == "error while removing network: network lan id <id> has active endpoints"


def test_a_full_pool_refuses_the_next_container():
    text = NET + "".join("docker run --network lan alpine\n" for _ in range(5))
    _, rep = check(text, "29")
    assert [e.accepted for e in rep.endpoints] == [True] * 4 + [False]
    # libnetwork endpoint.go: the network id is normalised to <id>, as everywhere in macplan
    assert rep.endpoints[4].docker_error == "no available IPv4 addresses on this network's address pools: lan (<id>)"


def test_convert_keeps_what_docker_is_left_with(tmp_path):
    path = tmp_path / "s.sh"
    path.write_text(CONSTRUCTS, encoding="utf-8")
    out = tmp_path / "s.yaml"
    p = subprocess.run([sys.executable, "-m", "macplan", "convert", str(path), "--engine", "29", "-o", str(out)],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    back = macplan.load(str(out))
    assert [n.name for n in back.networks] == ["lan", "lab"]     # the CLI-refused command never reached Docker
    # db is only created (`docker create`): it holds no address until it starts (lab-20.10)
    assert back.network("lan").endpoints == (("192.168.50.10", "02:42:c0:a8:32:0a"),)
    assert back.network("lab").endpoints == (("10.1.0.20", ""),)


def test_lists_across_lines_and_shell_keywords():
    text = ("mkdir -p /srv/x && docker network create -d macvlan -o parent=eth0 a\n"
            "docker network create -d macvlan -o parent=eth0 b ||\n"
            "  docker network create -d macvlan -o parent=eth1 c\n"
            "if ! docker network inspect d >/dev/null 2>&1; then\n"
            "  docker network create -d macvlan -o parent=eth2 d\n"
            "fi\n")
    plan, rep = check(text, "20.10")
    # mkdir is taken to succeed, so a runs; b is refused (eth0 in use on 20.10), so c after || runs
    assert [n.name for n in rep.networks] == ["a", "b", "c", "d"]
    assert [n.accepted for n in rep.networks] == [True, False, True, True]
    assert [line for line, _ in plan.skipped] == [1, 4]     # mkdir, docker network inspect


def test_stopped_or_disconnected_containers_let_the_network_go():
    # a network with a running container cannot be removed; once the container is stopped,
    # removed with -f or disconnected, rm succeeds and its address is free again
    base = NET + "docker run -d --name web --network lan --ip 192.0.2.2 alpine\n"
    for leave in ("docker stop web", "docker rm -f web", "docker container kill web",
                  "docker network disconnect lan web"):
        _, rep = check(base + leave + "\ndocker network rm lan\n", "29")
        assert rep.removals[0].accepted, leave
    _, rep = check(base + "docker rm web\ndocker network rm lan\n", "29")     # rm without -f: still running
    assert not rep.removals[0].accepted
    _, rep = check(base + "docker stop web\ndocker run --network lan --ip 192.0.2.2 alpine\n", "29")
    assert [e.accepted for e in rep.endpoints] == [True, True]


def test_docker_own_networks_cannot_be_removed():
    # daemon/network.go deleteNetwork (v20.10.24 and docker-v29.7.2)
    _, rep = check("docker network rm host\n", "20.10")
    assert rep.removals[0].docker_error == "host is a pre-defined network and cannot be removed"


def test_a_container_started_inside_a_substitution_counts():
    text = NET + 'CID=$(docker run -d --network lan --ip 192.0.2.2 alpine)\necho "$CID"\n' \
                 "docker run --network lan --ip 192.0.2.2 alpine\n"
    _, rep = check(text, "29")
    assert [(e.line, e.accepted) for e in rep.endpoints] == [(2, True), (4, False)]
    assert rep.endpoints[1].docker_error == "Address already in use"


# ---- containers as the daemon keeps them (tests/data/recordings/lab-20.10: the lab's 20.10.24) ----

def endpoint_answers(rep):
    return [(e.line, e.accepted, e.docker_error) for e in rep.endpoints]


def test_docker_create_takes_no_address_until_the_container_starts():
    # lab-20.10 gen-c-0009.sh: a created container may ask for the gateway, and its address is
    # not taken, so a started container and a connect of the created one still get theirs
    text = ("docker network create -d macvlan --ipv6 --subnet fd00:31ad::/126 --gateway fd00:31ad::1 -o parent=eth1 v6net1\n"
            "docker create --name pihole2 --network v6net1 --ip6 fd00:31ad::1 alpine sleep 600\n"
            "docker run -d --rm --name c3 --network v6net1 alpine sleep 600\n"
            "docker network connect --ip6 fd00:31ad::2 v6net1 pihole2\n")
    _, rep = check(text, "20.10")
    assert endpoint_answers(rep) == [(2, True, None), (3, True, None), (4, True, None)]


def test_a_container_name_is_taken_even_when_its_run_fails():
    # lab-20.10 gen-c-0076.sh: the failed run leaves db2 behind (daemon/errors.go nameConflictError)
    text = ("docker network create -d macvlan --subnet 10.92.103.0/24 --gateway 10.92.103.1 -o parent=eth0 pub_net1\n"
            "docker run -d --name db2 --network nosuchnet alpine sleep 600\n"
            "docker run -d --name db2 --network=pub_net1 alpine sleep 600\n")
    _, rep = check(text, "20.10")
    assert endpoint_answers(rep) == [
        (2, False, "network nosuchnet not found"),
        (3, False, 'Conflict. The container name "/db2" is already in use by container "<id>". You have to remove '
                   '(or rename) that container to be able to reuse that name.')]


def test_a_failed_run_with_rm_leaves_no_container():
    # lab-20.10 gen-c-0187.sh lines 6 and 10
    text = ("docker network create -d macvlan --subnet=192.168.252.0/28 -o parent=eth0 office1\n"
            "docker run -d --rm --name test4 --network=nosuchnet alpine sleep 600\n"
            "docker network connect office1 test4\n")
    _, rep = check(text, "20.10")
    assert endpoint_answers(rep)[1] == (3, False, "No such container: test4")


def test_a_refused_docker_create_makes_no_container():
    # lab-20.10 gen-c-0219.sh: an IPv4-mapped --ip6 is no IPv6 address (daemon/create.go
    # verifyNetworkingConfig, To4() != nil), so db2 never exists
    text = ("docker network create -d macvlan --ipv6 --subnet ::ffff:192.168.195.0/120 -o parent=eth0 v6net1\n"
            "docker create --name db2 --network v6net1 --ip6 ::ffff:c0a8:c417 alpine sleep 600\n"
            "docker network connect v6net1 db2\n")
    _, rep = check(text, "20.10")
    assert not rep.networks[0].accepted
    assert endpoint_answers(rep) == [(2, False, "invalid IPv6 address: ::ffff:c0a8:c417"),
                                     (3, False, "No such container: db2")]


def test_connect_joins_a_running_container_and_only_records_a_stopped_one():
    # lab-20.10 gen-c-0013.sh lines 8-9 (running: the second connect meets its own endpoint) and
    # gen-c-0207.sh (a container created on --network none cannot join another network)
    text = ("docker network create -d macvlan --subnet 192.168.47.0/28 --ip-range 192.168.47.8/29 -o parent=eth0 vlan501\n"
            "docker network create --driver macvlan --subnet 192.168.188.0/25 --opt parent=eth1 iot2\n"
            "docker run -d --rm --name web5 --network iot2 --ip 192.168.188.82 alpine sleep 600\n"
            "docker network connect vlan501 web5\n"
            "docker network connect vlan501 web5\n"
            "docker create --name pihole2 --network none alpine sleep 600\n"
            "docker network connect vlan501 pihole2\n")
    _, rep = check(text, "20.10")
    assert endpoint_answers(rep) == [
        (3, True, None), (4, True, None),
        (5, False, "endpoint with name web5 already exists in network vlan501"),
        (6, True, None),
        (7, False, "container cannot be connected to multiple networks with one of the networks in private (none) mode")]


def test_an_address_needs_a_user_configured_subnet():
    # lab-20.10 gen-c-0189.sh: validateNetworkingConfig comes before the none-mode conflict
    text = ("docker network create -d macvlan -o parent=eth1 office1\n"
            "docker create --name app2 --network none alpine sleep 600\n"
            "docker network connect --ip 10.123.0.5 office1 app2\n"
            "docker network connect office1 app2\n")
    _, rep = check(text, "20.10")
    assert [e.docker_error for e in rep.endpoints[1:]] == [
        "user specified IP address is supported only when connecting to networks with user configured subnets",
        "container cannot be connected to multiple networks with one of the networks in private (none) mode"]


def test_without_ipvlan_in_the_kernel_every_ipvlan_container_fails_at_start():
    # lab-20.10 gen-c-0085.sh (kernel_lacks ipvlan): the link is made at Join, after IPAM, and the
    # address is given back, so a later container asking for it fails the same way
    text = ("docker network create --driver ipvlan --subnet 172.20.29.0/24 --gateway 172.20.29.1 -o parent=eth0 macnet1\n"
            "docker run -d --name c2 --network macnet1 --ip 172.20.29.104 alpine sleep 600\n"
            "docker run -d --name test5 --network macnet1 --ip=172.20.29.104 alpine sleep 600\n"
            "docker create --name c6 --network macnet1 alpine sleep 600\n")
    _, rep = check(text, "20.10", kernel_lacks=("ipvlan",))
    said = "failed to create the ipvlan port: operation not supported"
    assert endpoint_answers(rep) == [(2, False, said), (3, False, said), (4, True, None)]


def test_an_ipv4_address_leaks_when_the_ipv6_one_is_refused():
    # lab-20.10 gen-c-0044.sh lines 4 and 11: libnetwork's assignAddress returns before
    # createEndpoint defers the release, so 10.46.247.22 stays allocated
    text = ("docker network create --driver macvlan --subnet=10.46.247.0/27 --ip-range 10.46.247.16/29 "
            "--gateway=10.46.247.1 --subnet fd00:d176::/120 --gateway fd00:d176::1 --ipv6 -o parent=eth2 macvlan01\n"
            "docker run -d --name web2 --network macvlan01 --ip 10.46.247.22 --ip6 fd00:d176:: alpine sleep 600\n"
            "docker run -d --name db7 --network macvlan01 --ip 10.46.247.22 alpine sleep 600\n")
    _, rep = check(text, "20.10")
    assert endpoint_answers(rep) == [(2, False, "Address already in use"), (3, False, "Address already in use")]


def test_network_delete_is_no_docker_command():
    # lab-20.10 gen-c-0095.sh: `docker network` refuses the arguments and prints its usage
    # (cli/required.go NoArgs; the trailing "Run 'docker network COMMAND --help'..." line is left
    # out like other usage boilerplate); from CLI 28 one line names the word
    text = "docker network create -d macvlan --subnet=192.168.25.0/25 -o parent=eth0 iot1\ndocker network delete iot1\n"
    _, rep = check(text, "20.10")
    [rm] = rep.removals
    assert not rm.accepted and rm.docker_error.startswith("Usage:  docker network COMMAND\n\nManage networks\n")
    assert rm.docker_error.endswith("\n  rm          Remove one or more networks")
    _, rep = check(text, "29")
    assert rep.removals[0].docker_error == "docker: unknown command: docker network delete"


def test_docker_start_takes_the_address_a_create_asked_for():
    # the lab's 20.10.24: two containers created with one --ip; the first start takes it, the
    # second fails; the CLI then names the containers that failed (cli/command/container/start.go)
    text = ("docker network create -d macvlan --subnet 10.7.0.0/24 -o parent=eth0 lan\n"
            "docker create --name st1 --network lan --ip 10.7.0.30 alpine sleep 600\n"
            "docker create --name st2 --network lan --ip 10.7.0.30 alpine sleep 600\n"
            "docker start st1\ndocker start st2\ndocker rm st2\ndocker run -d --name st2 --network lan alpine\n")
    _, rep = check(text, "20.10")
    assert endpoint_answers(rep) == [
        (2, True, None), (3, True, None), (4, True, None),
        (5, False, "Address already in use\nError: failed to start containers: st2"), (7, True, None)]
    assert rep.endpoints[3].network == "lan" and rep.endpoints[2].ip == "10.7.0.30"


def test_a_mac_is_free_again_once_its_container_is_gone():
    # two macvlan interfaces on one parent cannot share a MAC (the lab's 20.10.24), but a removed
    # container's interface is gone with it
    text = ("docker network create -d macvlan --subnet 10.7.0.0/24 -o parent=eth0 lan\n"
            "docker run -d --name m1 --network lan --mac-address 02:00:00:00:00:01 alpine\n"
            "docker rm -f m1\n"
            "docker run -d --name m2 --network lan --mac-address 02:00:00:00:00:01 alpine\n"
            "docker run -d --name m3 --network lan --mac-address 02:00:00:00:00:01 alpine\n")
    _, rep = check(text, "20.10")
    assert [e.accepted for e in rep.endpoints] == [True, True, False]


def test_a_stopped_container_joins_every_network_of_its_settings_when_it_starts():
    # the lab's 20.10.24: a second connect of a stopped container changes nothing (s4 keeps
    # 10.8.0.5); a network removed meanwhile makes the start fail
    text = ("docker network create -d macvlan --subnet 10.7.0.0/24 -o parent=eth0 lan\n"
            "docker network create -d macvlan --subnet 10.8.0.0/24 -o parent=eth1 lan2\n"
            "docker network create -d macvlan --subnet 10.9.0.0/24 -o parent=eth2 lan3\n"
            "docker create --name s4 --network lan --ip 10.7.0.77 alpine\n"
            "docker network connect --ip 10.8.0.5 lan2 s4\n"
            "docker network connect --ip 10.8.0.6 lan2 s4\n"
            "docker start s4\n"
            "docker run -d --name xx --network lan2 --ip 10.8.0.5 alpine\n"
            "docker create --name s3 --network lan alpine\n"
            "docker network connect lan3 s3\n"
            "docker network rm lan3\n"
            "docker start s3\n")
    _, rep = check(text, "20.10")
    assert endpoint_answers(rep) == [
        (4, True, None), (5, True, None), (6, True, None), (7, True, None),
        (8, False, "Address already in use"), (9, True, None), (10, True, None),
        (12, False, "network lan3 not found\nError: failed to start containers: s3")]
    assert rep.removals[0].accepted


def test_a_container_name_needs_two_characters_of_docker_s_set():
    # daemon/names.go reserveName (v20.10.24 and docker-v29.7.2); the lab's 20.10.24 for `--name x`
    text = "docker network create -d macvlan --subnet 10.8.0.0/24 -o parent=eth1 lan2\n" \
           "docker run -d --name x --network lan2 alpine\ndocker run -d --name x1 --network lan2 alpine\n"
    _, rep = check(text, "20.10")
    assert endpoint_answers(rep) == [
        (2, False, "Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"), (3, True, None)]


def test_a_created_container_s_mac_counts_when_it_starts():
    text = ("docker network create -d macvlan --subnet 10.7.0.0/24 -o parent=eth0 lan\n"
            "docker create --name m1 --network lan --mac-address 02:00:00:00:00:01 alpine\n"
            "docker run -d --name m2 --network lan --mac-address 02:00:00:00:00:01 alpine\n"
            "docker start m1\n")
    _, rep = check(text, "20.10")
    assert [e.accepted for e in rep.endpoints] == [True, True, False]
    assert rep.endpoints[2].findings[0].rule == "endpoint-mac-in-use"
    # the lab's 20.10.24 (Debian 12's runc), as tests/recordings.py normalises veth names and times
    assert rep.endpoints[2].docker_error == (
        'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container '
        'process: error during container init: error running hook #0: error running hook: exit status 1, stdout: , '
        'stderr: time="<time>" level=fatal msg="failed to add interface veth<id> to sandbox: error setting interface '
        '\\"veth<id>\\" MAC to \\"02:00:00:00:00:01\\": address already in use": unknown'
        '\nError: failed to start containers: m1')


def test_a_mac_address_the_cli_cannot_parse_is_the_clis_refusal():
    # what the lab's 20.10.24 CLI printed (differential scenario s20251128-128), before sending anything
    _, rep = check(NET + "docker run -d --network lan --mac-address 02:42:zz:00:00:01 alpine\n", "20.10")
    assert not rep.endpoints[0].accepted
    assert rep.endpoints[0].docker_error == "docker: 02:42:zz:00:00:01 is not a valid mac address."
    # Go's net.ParseMAC also takes dashes and the dotted form
    _, rep = check(NET + "docker run -d --network lan --mac-address 0242.c000.0209 alpine\n", "20.10")
    assert rep.endpoints[0].accepted
