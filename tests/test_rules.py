"""One command (or a few) per rule, with the text Docker prints.  Texts are quoted from
research/moby-rules.md and research/lab.md (the 20.10 daemon and CLI observed), not from macplan."""
import pytest

import macplan


def run(script, engine="20.10", interfaces=("eth0", "eth1"), lacks=()):
    plan = macplan.parse_script(script, interfaces=interfaces, kernel_lacks=lacks)
    return macplan.check(plan, engine=engine).networks


def last_error(script, **kw):
    result = run(script, **kw)[-1]
    errors = [f for f in result.findings if f.severity == "error"]
    return errors[0].docker_error if errors else None


BASE = "docker network create -d macvlan -o parent=eth0 --subnet 172.30.0.0/24 "

REFUSALS_2010 = [
    # (command, Docker's text) -- lab.md section 2, CLI column where the CLI answers first
    (BASE + "--gateway 172.31.0.1 t", "no matching subnet for gateway 172.31.0.1"),
    (BASE + "--ip-range 172.31.0.0/25 t", "no matching subnet for range 172.31.0.0/25"),
    (BASE + "--aux-address x=172.31.0.5 t", "no matching subnet for aux-address 172.31.0.5"),
    (BASE + "--gateway 172.30.0.1 --aux-address x=172.30.0.1 t",
     "failed to allocate secondary ip address (x:172.30.0.1): Address already in use"),
    (BASE + "--gateway 172.30.0.0 t", "failed to allocate gateway (172.30.0.0): Address already in use"),
    (BASE + "--gateway 172.30.0.255 t", "failed to allocate gateway (172.30.0.255): Address already in use"),
    ("docker network create -d macvlan -o parent=eth0 --subnet 172.30.0.0/33 t",
     "Invalid subnet 172.30.0.0/33 : invalid CIDR address: 172.30.0.0/33"),
    ("docker network create -d macvlan -o parent=eth0 --gateway 172.30.0.1 t",
     "every ip-range or gateway must have a corresponding subnet"),
    (BASE + "--subnet 172.30.0.0/16 t", "multiple overlapping subnet configuration is not supported"),
    (BASE + "--gateway 172.30.0.1 --gateway 172.30.0.2 t",
     "every ip-range or gateway must have a corresponding subnet"),
    ("docker network create -d ipvlan -o parent=eth1 -o ipvlan_mode=l4 --subnet 172.30.0.0/24 t",
     "requested ipvlan mode 'l4' is not valid, 'l2' mode is the ipvlan driver default"),
    (BASE + "-o macvlan_mode=foo t",
     "requested macvlan mode 'foo' is not valid, 'bridge' mode is the macvlan driver default"),
    ("docker network create -d macvlan -o parent=eth9 --subnet 172.30.0.0/24 t",
     "invalid subinterface vlan name eth9, example formatting is eth0.10"),
    ("docker network create -d macvlan -o parent=eth9.77 --subnet 172.30.0.0/24 t",
     "-o parent interface does was not found on the host: eth9"),
    ("docker network create -d macvlan -o parent=eth0.abc --subnet 172.30.0.0/24 t",
     "unable to parse a valid vlan id from: abc (ex. eth0.10 for vlan 10)"),
    ("docker network create -d macvlan -o parent=eth0.5000 --subnet 172.30.0.0/24 t",
     "vlan id must be between 1-4094, received: 5000"),
    ("docker network create -d nosuchdriver --subnet 172.30.0.0/24 t", 'plugin "nosuchdriver" not found'),
    ("docker network create -d macvlan -o parent=lo --subnet 172.30.0.0/24 t",
     "loopback interface is not a valid macvlan parent link"),
    ("docker network create -d macvlan -o parent=a.b.c --subnet 172.30.0.0/24 t",
     "required interface name format is: name.vlan_id, ex. eth0.10 for vlan 10, instead received a.b.c"),
    ("docker network create -d macvlan -o parent=eth0 bridge", "operation is not permitted on predefined bridge network"),
]


@pytest.mark.parametrize("script,text", REFUSALS_2010)
def test_refusals_on_2010(script, text):
    assert last_error(script) == text


def test_lab_kernel_without_8021q_and_dummy():
    assert last_error("docker network create -d macvlan -o parent=eth0.77 --subnet 172.30.0.0/24 t",
                      lacks=("8021q", "dummy")) == "failed to create eth0.77 vlan link: operation not supported"
    assert last_error("docker network create -d macvlan --subnet 172.30.0.0/24 t",
                      lacks=("8021q", "dummy")) == "operation not supported"


def test_pool_overlap_across_networks_and_drivers():
    script = BASE + "a\ndocker network create -d macvlan -o parent=eth1 --subnet 172.30.0.0/16 b\n"
    assert last_error(script) == "Pool overlaps with other one on this address space"
    assert last_error(script, engine="27") == "invalid pool request: Pool overlaps with other one on this address space"


def test_an_ip_range_skips_the_overlap_check_and_shares_the_subnet():
    # moby-rules D4: 10.0.0.0/24 then 10.0.0.0/16 with a range is accepted; the reverse is refused
    ok = ("docker network create -d macvlan -o parent=eth0 --subnet 10.0.0.0/24 a\n"
          "docker network create -d macvlan -o parent=eth1 --subnet 10.0.0.0/16 --ip-range 10.0.1.0/24 b\n")
    assert all(n.accepted for n in run(ok))
    bad = ("docker network create -d macvlan -o parent=eth1 --subnet 10.0.0.0/16 --ip-range 10.0.1.0/24 b\n"
           "docker network create -d macvlan -o parent=eth0 --subnet 10.0.0.0/24 a\n")
    assert not run(bad)[-1].accepted


def test_shared_subnet_shares_one_gateway_slot():
    script = ("docker network create -d macvlan -o parent=eth0 --subnet 10.1.0.0/24 --ip-range 10.1.0.0/25 "
              "--gateway 10.1.0.1 a\n"
              "docker network create -d macvlan -o parent=eth1 --subnet 10.1.0.0/24 --ip-range 10.1.0.128/25 "
              "--gateway 10.1.0.1 b\n")
    assert last_error(script) == "failed to allocate gateway (10.1.0.1): Address already in use"


def test_a_refused_command_creates_nothing():
    script = ("docker network create -d macvlan -o parent=eth9 --subnet 10.2.0.0/24 a\n"
              "docker network create -d macvlan -o parent=eth0 --subnet 10.2.0.0/24 a\n")
    first, second = run(script)
    assert not first.accepted and second.accepted


def test_duplicate_name():
    script = BASE + "t\ndocker network create -d macvlan -o parent=eth1 --subnet 10.3.0.0/24 t\n"
    assert last_error(script) == "network with name t already exists"


def test_v25_validates_ipam_config():
    script = "docker network create -d macvlan -o parent=eth0 --subnet 172.30.0.5/24 t"
    assert last_error(script) is None                         # 20.10 masks silently
    assert "subnet-host-bits" in {f.rule for f in run(script)[-1].findings}
    assert last_error(script, engine="25") == "invalid network config:\ninvalid subnet 172.30.0.5/24: it should be 172.30.0.0/24"


def test_v27_passthru_conflicts():
    script = (BASE + "-o macvlan_mode=passthru a\n"
              "docker network create -d macvlan -o parent=eth0 --subnet 10.4.0.0/24 b\n")
    assert last_error(script, engine="27") == "macvlan network <id> is already using parent interface eth0 in mode passthru"


def test_ipvlan_l3s_arrives_in_23():
    script = "docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=l3s --subnet 10.5.0.0/24 t"
    assert last_error(script) == "requested ipvlan mode 'l3s' is not valid, 'l2' mode is the ipvlan driver default"
    assert last_error(script, engine="23") is None


def test_ipv6_flag_without_ipv6_subnet_before_27():
    script = "docker network create -d macvlan -o parent=eth0 --ipv6 --subnet 10.6.0.0/24 t"
    assert last_error(script, engine="26") == ("could not find an available, non-overlapping IPv6 address pool "
                                                "among the defaults to assign to the network")
    assert last_error(script, engine="27") is None


def test_warnings_for_what_docker_accepts_but_hurts():
    script = ("docker network create -d macvlan -o parent=eth0 --subnet 10.7.0.0/24 --ip-range 10.7.0.128/25 "
              "-o Parent=eth1 -o com.docker.network.driver.mtu=9000 a\n"
              "docker network create -d ipvlan -o parent=eth0 --subnet 10.8.0.0/24 --gateway 10.8.0.1 b\n")
    a, b = run(script)
    assert {"auto-gateway-in-range", "unknown-option"} <= {f.rule for f in a.findings}
    assert "mixed-drivers-parent" in {f.rule for f in b.findings}
    auto = next(f for f in a.findings if f.rule == "auto-gateway-in-range")
    assert "10.7.0.128" in auto.message      # the first address of the range becomes the router


def test_every_finding_has_a_rule_link_and_one_sentence():
    for n in run(REFUSALS_2010[0][0] + "\n" + BASE + "-o macvlan_mode=foo x\n"):
        for f in n.findings:
            assert f.link == f"macplan explain {f.rule}"
            assert f.message and "\n" not in f.message


def yaml_findings(text, engine="27"):
    plan = macplan.load_yaml_text(text)
    return {f.rule: f for n in macplan.check(plan, engine).networks for f in n.findings}


def test_static_endpoints_are_checked_against_the_pool():
    found = yaml_findings("""
networks:
  a:
    parent: eth0
    subnets: [{subnet: 10.1.0.0/24, gateway: 10.1.0.1}]
    endpoints: [{ip: 10.1.0.1}]
  b:
    driver: ipvlan
    parent: eth1
    subnets: [{subnet: 10.2.0.0/24, gateway: 10.2.0.1}]
    endpoints: [{ip: 10.3.0.5, mac: "02:00:00:00:00:01"}]
""")
    assert "Address already in use" in found["endpoint-address"].message or \
        "does not belong" in found["endpoint-address"].message
    assert "ipvlan-custom-mac" in found


def test_bad_mac_in_yaml_names_the_line():
    with pytest.raises(macplan.PlanError) as e:
        macplan.load_yaml_text("networks:\n  a:\n    endpoints:\n      - {mac: zz}\n", "p.yaml")
    assert str(e.value).startswith("p.yaml:4: mac:")


def test_swarm_nodes_need_their_config_only_network():
    found = yaml_findings("""
hosts:
  m: {interfaces: [eth0], swarm: manager}
  w: {interfaces: [eth0], swarm: worker}
networks:
  cfg: {host: m, config_only: true, parent: eth0, subnet: 10.9.0.0/24, ip_range: 10.9.0.0/26}
  sw: {host: m, config_from: cfg, scope: swarm}
""")
    assert "w has no config-only network cfg" in found["swarm-node-without-config"].message


def test_recheck_after_an_edit_equals_a_full_check():
    from macplan.report import recheck
    plan = macplan.load("examples/seed.sh", interfaces=["eth0"])
    report = macplan.check(plan, "20.10")
    nets = list(plan.networks)
    nets[1] = nets[1].with_(options=(("parent", "eth0.32"),))   # macnet32 off eth0: no longer refused
    edited = plan.with_(networks=tuple(nets))
    # pub_net shares eth0 with the old macnet32, so both are re-simulated
    again = recheck(report, edited, [0, 1])
    assert again.to_dict() == macplan.check(edited, "20.10").to_dict()
    assert again.networks[1].accepted


def test_config_only_networks_are_created_first_as_commands_and_apply_do():
    text = """
hosts:
  m: {interfaces: [eth0], swarm: manager}
networks:
  sw: {host: m, driver: macvlan, config_from: cfg, scope: swarm}
  cfg: {host: m, config_only: true, parent: eth0, subnet: 10.9.0.0/24}
"""
    plan = macplan.load_yaml_text(text)
    assert all(n.accepted for n in macplan.check(plan, "27").networks)
    assert macplan.emit.commands(plan).splitlines()[0].startswith("docker network create --config-only")
