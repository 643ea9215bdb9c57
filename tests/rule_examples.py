"""One minimal example per rule id, written the way users write plans: a script of
`docker network create` commands (with the host's interfaces and missing kernel features) or a
YAML plan.  tests/test_rule_examples.py checks each example fires exactly its rule.

Each entry is plain data so it can later move next to the rule's own declaration.

- an *error* example's last command (or last network of the YAML plan) is the one Docker refuses;
  every command before it is set-up that Docker accepts.
- `docker_error` is what Docker prints (the CLI's "Error response from daemon: " prefix dropped,
  ids written <id>), taken from the engine recordings (tests/data/recordings/engine-*/expected.json,
  `source` names the script and line whose refusal shows the same text) or from
  /work/shared/research (moby-rules.md, lab.md), never from macplan's output.  None where neither
  records the text.
- a warning or note is looked for on the last network, or among the plan-wide findings (several
  hosts, MAC limits, unknown interfaces).
"""
from __future__ import annotations

from typing import NamedTuple, Optional


class Example(NamedTuple):
    script: Optional[str] = None      # docker network create lines, as pasted
    yaml: Optional[str] = None        # a YAML plan (examples/ shows the keys)
    engine: str = "29"                # the release line the rule applies to
    interfaces: Optional[tuple] = ("eth0",)   # scripts only; None: the host's interfaces are unknown
    kernel_lacks: tuple = ()          # scripts only
    docker_error: Optional[str] = None    # errors: Docker's text
    source: str = ""                  # where docker_error comes from


def compose(*entry: str) -> str:
    """A docker compose file with one service on macvlan network `lan` (parent eth0); `entry`
    holds the network's `enable_ipv6: true` (if first) and its one ipam.config item's keys.
    Compose sends each item to the Engine API as it is: no docker CLI groups or checks it."""
    ipv6 = ["    enable_ipv6: true"] if entry and entry[0] == "enable_ipv6: true" else []
    keys = entry[1:] if ipv6 else entry
    item = ["        - " + keys[0]] + ["          " + k for k in keys[1:]]
    return "\n".join(["services:", "  app:", "    image: busybox", "    networks: [lan]", "networks:", "  lan:",
                      "    driver: macvlan", "    driver_opts: {parent: eth0}", *ipv6, "    ipam:",
                      "      config:", *item]) + "\n"


C = "docker network create "
MV = C + "-d macvlan "
REC20 = "recordings engine-20.10 "
REC29 = "recordings engine-29.7.2 "
LAB20 = "recordings lab-20.10 "

EXAMPLES: dict[str, Example] = {
    # ---- the docker CLI (consolidateIpam) -------------------------------------------------
    "cli-ipam-count": Example(
        script=MV + "--gateway 10.1.0.1 -o parent=eth0 lan\n", engine="20.10",
        docker_error="every ip-range or gateway must have a corresponding subnet",
        source=REC20 + "gen-b-0002.sh; lab.md section 2 (gateway without subnet)"),
    "cli-invalid-subnet": Example(
        script=MV + "--subnet 10.1.0.0/33 --gateway 10.1.0.1 -o parent=eth0 lan\n", engine="20.10",
        docker_error="invalid subnet: invalid CIDR address: 10.1.0.0/33",
        source="moby-rules.md C2 (subnetMatches wraps net.ParseCIDR's error in 'invalid subnet')"),
    "cli-invalid-range": Example(
        script=MV + "--subnet 10.1.0.0/24 --ip-range 10.1.0.128/33 -o parent=eth0 lan\n", engine="20.10",
        docker_error="invalid CIDR address: 10.1.0.128/33",
        source="moby-rules.md C2 (the range's raw net.ParseCIDR error; the CLI parses it to match it to a subnet)"),
    "cli-invalid-gateway": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1/24 -o parent=eth0 lan\n", engine="29",
        docker_error='invalid argument "10.1.0.1/24" for "--gateway" flag: '
                     'invalid string being converted to IP address: 10.1.0.1/24',
        source=REC29 + "gen-b-0061.sh line 3 (same text for fe80::1%eth1); moby-rules.md C1"),
    "cli-overlapping-subnets": Example(
        script=MV + "--subnet 10.1.0.0/24 --subnet 10.1.0.0/16 -o parent=eth0 lan\n", engine="20.10",
        docker_error="multiple overlapping subnet configuration is not supported",
        source=REC20 + "gen-a-0012.sh; lab.md section 2"),
    "cli-multiple-ranges": Example(
        script=MV + "--subnet 10.1.0.0/24 --subnet 10.2.0.0/24 --ip-range 10.1.0.0/25 --ip-range 10.1.0.128/25 "
                    "-o parent=eth0 lan\n", engine="20.10",
        docker_error="cannot configure multiple ranges (10.1.0.128/25, 10.1.0.0/25) on the same subnet (10.1.0.0/24)",
        source=REC20 + "gen-a-0114.sh line 5; moby-rules.md C2 (the new range first, then the one already set)"),
    "cli-range-without-subnet": Example(
        script=MV + "--subnet 10.1.0.0/24 --ip-range 10.2.0.0/25 -o parent=eth0 lan\n", engine="20.10",
        docker_error="no matching subnet for range 10.2.0.0/25",
        source=REC20 + "gen-a-0005.sh; lab.md section 2"),
    "cli-multiple-gateways": Example(
        script=MV + "--subnet 10.1.0.0/24 --subnet 10.2.0.0/24 --gateway 10.1.0.1 --gateway 10.1.0.254 "
                    "-o parent=eth0 lan\n", engine="20.10",
        docker_error="cannot configure multiple gateways (10.1.0.254, 10.1.0.1) for the same subnet (10.1.0.0/24)",
        source=REC20 + "gen-b-0092.sh line 3"),
    "cli-gateway-without-subnet": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.2.0.1 -o parent=eth0 lan\n", engine="20.10",
        docker_error="no matching subnet for gateway 10.2.0.1",
        source=REC20 + "gen-a-0009.sh; lab.md section 2"),
    "cli-aux-without-subnet": Example(
        script=MV + "--subnet 10.1.0.0/24 --aux-address router=10.2.0.1 -o parent=eth0 lan\n", engine="20.10",
        docker_error="no matching subnet for aux-address 10.2.0.1",
        source=REC20 + "gen-a-0005.sh; lab.md section 2"),

    # ---- the daemon ------------------------------------------------------------------------
    "predefined-name": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 host\n", engine="20.10",
        docker_error="operation is not permitted on predefined host network",
        source=REC20 + "gen-b-0173.sh line 14; moby-rules.md D1"),
    "duplicate-name": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 lan\n" + MV + "--subnet 10.2.0.0/24 -o parent=eth1 lan\n",
        engine="20.10", interfaces=("eth0", "eth1"),
        docker_error="network with name lan already exists",
        source=REC20 + "gen-a-0008.sh; moby-rules.md D1"),
    "ipam-config-invalid": Example(
        script=MV + "--subnet 192.168.1.10/24 -o parent=eth0 lan\n", engine="29",
        docker_error="invalid network config:\ninvalid subnet 192.168.1.10/24: it should be 192.168.1.0/24",
        source=REC29 + "gen-b-0233.sh line 3; moby-rules.md D2"),
    "config-only-operator-fields": Example(
        script=C + "--config-only --internal --subnet 10.1.0.0/24 -o parent=eth0 lan-config\n", engine="29",
        docker_error="configuration network can only contain network specific fields. Network operator fields "
                     "like [ ingress | internal | attachable | scope ] are not supported.",
        source=REC29 + "gen-b-0041.sh line 4; moby-rules.md S1"),
    "config-from-ipam": Example(
        script=C + "--config-only --subnet 10.1.0.0/24 -o parent=eth0 lan-config\n"
               + MV + "--config-from lan-config --subnet 10.1.0.0/24 lan\n", engine="29",
        docker_error="user-specified configurations are not supported if the network depends on a "
                     "configuration network",
        source=REC29 + "gen-b-0002.sh; moby-rules.md S3 ('user-specified' from 29.2)"),
    "config-from-options": Example(
        script=C + "--config-only --subnet 10.1.0.0/24 -o parent=eth0 lan-config\n"
               + MV + "--config-from lan-config -o macvlan_mode=bridge lan\n", engine="29",
        docker_error="network driver options are not supported if the network depends on a configuration network",
        source=REC29 + "gen-b-0035.sh line 4; moby-rules.md S3"),
    "config-from-missing": Example(
        script=MV + "--config-from lan-config lan\n", engine="29",
        docker_error='configuration network "lan-config" does not exist',
        source=REC29 + "gen-b-0062.sh; moby-rules.md S3"),
    "unknown-driver": Example(
        script=C + "-d Macvlan --subnet 10.1.0.0/24 -o parent=eth0 lan\n", engine="29",
        docker_error='plugin "Macvlan" not found',
        source=REC29 + "gen-b-0059.sh; lab.md section 2"),
    "swarm-inactive": Example(
        script=MV + "--scope swarm --subnet 10.1.0.0/24 -o parent=eth0 lan\n", engine="29",
        docker_error="cannot create a swarm scoped network when swarm is not active",
        source=REC29 + "gen-b-0188.sh line 6; moby-rules.md S4"),
    "swarm-worker": Example(
        yaml="hosts:\n"
             "  node1: {interfaces: [eth0], swarm: worker}\n"
             "networks:\n"
             "  lan-config: {config_only: true, parent: eth0, subnet: 10.1.0.0/24}\n"
             "  lan: {config_from: lan-config, scope: swarm}\n", engine="29",
        docker_error="Cannot create a multi-host network from a worker node. Please create the network from a "
                     "manager node.",
        source="moby-rules.md S4"),
    "daemon-invalid-subnet": Example(
        script=MV + "--subnet 10.1.0.0/33 -o parent=eth0 lan\n", engine="20.10",
        docker_error="Invalid subnet 10.1.0.0/33 : invalid CIDR address: 10.1.0.0/33",
        source="lab.md section 2 (invalid subnet string, 20.10)"),
    "daemon-invalid-gateway": Example(
        # the CLI never sends a gateway it cannot parse; docker compose sends what the file says
        yaml=compose("enable_ipv6: true", "subnet: 'fe80::/64'", "gateway: 'fe80::1%eth0'"), engine="20.10",
        docker_error="invalid gateway address fe80::1%eth0 in Ipam configuration",
        source="moby-rules.md D2 (IpamConf.Validate)"),

    # ---- IPAM ------------------------------------------------------------------------------
    "pool-overlap": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 lan\n" + MV + "--subnet 10.1.0.0/16 -o parent=eth1 wide\n",
        engine="20.10", interfaces=("eth0", "eth1"),
        docker_error="Pool overlaps with other one on this address space",
        source=REC20 + "gen-a-0007.sh; lab.md section 2"),
    "gateway-in-use": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.255 -o parent=eth0 lan\n", engine="20.10",
        docker_error="failed to allocate gateway (10.1.0.255): Address already in use",
        source="lab.md section 2 (gateway == broadcast address)"),
    "gateway-out-of-range": Example(
        # the CLI refuses it first (cli-gateway-without-subnet); compose sends it to the daemon
        yaml=compose("subnet: 10.1.0.0/24", "gateway: 10.2.0.1"), engine="20.10",
        docker_error="failed to allocate gateway (10.2.0.1): Requested address is out of range",
        source="lab.md section 2 (gateway outside subnet, SDK column)"),
    "gateway-no-address": Example(
        script=MV + "--subnet 10.1.0.7/32 -o parent=eth0 lan\n", engine="20.10",
        docker_error="failed to allocate gateway (): No available addresses on this pool",
        source=REC20 + "gen-a-0114.sh line 3 (a /32 without --gateway)"),
    "aux-unparsable": Example(
        # the CLI files an aux-address only if it parses; compose sends it as written
        yaml=compose("enable_ipv6: true", "subnet: 'fe80::/64'", "aux_addresses: {router: 'fe80::1%eth0'}"),
        engine="20.10", docker_error=None, source=""),
    "aux-outside-pool": Example(
        # the CLI refuses it first (cli-aux-without-subnet); compose sends it to the daemon
        yaml=compose("subnet: 10.1.0.0/24", "aux_addresses: {router: 10.2.0.1}"), engine="20.10",
        docker_error="auxiliary address: (router:10.2.0.1) must belong to the master pool: 10.1.0.0/24",
        source="lab.md section 2 (aux address outside subnet, SDK column)"),
    "aux-in-use": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1 --aux-address router=10.1.0.1 -o parent=eth0 lan\n",
        engine="20.10",
        docker_error="failed to allocate secondary ip address (router:10.1.0.1): Address already in use",
        source=REC20 + "gen-b-0234.sh line 3; lab.md section 2 (aux address == gateway)"),
    "ipv6-no-pool": Example(
        script=MV + "--subnet 10.1.0.0/24 --ipv6 -o parent=eth0 lan\n", engine="20.10",
        docker_error="could not find an available, non-overlapping IPv6 address pool among the defaults to "
                     "assign to the network",
        source=REC20 + "gen-b-0065.sh line 3"),
    "no-default-pool": Example(
        # the LAN already uses every range Docker's default pools are carved from (on a daemon
        # without the docker0 bridge, like the recording lab's --bridge=none)
        script=MV + "--subnet 172.16.0.0/12 -o parent=eth0 corp\n"
               + MV + "--subnet 192.168.0.0/16 -o parent=eth1 home\n"
               + MV + "-o parent=eth2 lab\n", engine="20.10", interfaces=("eth0", "eth1", "eth2"),
        docker_error="could not find an available, non-overlapping IPv4 address pool among the defaults to "
                     "assign to the network",
        source=REC20 + "gen-b-0065.sh (the same IPv%d text for IPv6); moby-rules.md D6 (the default pools)"),

    # ---- the macvlan / ipvlan driver ---------------------------------------------------------
    "macvlan-mode": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 -o macvlan_mode=bridged lan\n", engine="20.10",
        docker_error="requested macvlan mode 'bridged' is not valid, 'bridge' mode is the macvlan driver default",
        source=REC20 + "gen-a-0029.sh line 3"),
    "ipvlan-mode": Example(
        script=C + "-d ipvlan --subnet 10.1.0.0/24 -o parent=eth0 -o ipvlan_mode=l3s lan\n", engine="20.10",
        docker_error="requested ipvlan mode 'l3s' is not valid, 'l2' mode is the ipvlan driver default",
        source=REC20 + "gen-a-0030.sh line 3 (l3s arrived in 23)"),
    "ipvlan-flag": Example(
        script=C + "-d ipvlan --subnet 10.1.0.0/24 -o parent=eth0 -o ipvlan_flag=loose lan\n", engine="29",
        docker_error="requested ipvlan flag 'loose' is not valid, 'bridge' is the ipvlan driver default",
        source=REC29 + "gen-a-0005.sh line 3"),
    "loopback-parent": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=lo lan\n", engine="29", interfaces=("lo", "eth0"),
        docker_error="loopback interface is not a valid macvlan parent link",
        source="moby-rules.md M3"),
    "parent-in-use": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 a\n" + MV + "--subnet 10.2.0.0/24 -o parent=eth0 b\n",
        engine="20.10",
        docker_error="network dm-<id> is already using parent interface eth0",
        source=REC20 + "gen-a-0019.sh; lab.md section 2 (two macvlan networks on one parent)"),
    "parent-not-found": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth1 lan\n", engine="29",
        docker_error="invalid subinterface vlan name eth1, example formatting is eth0.10",
        source=REC29 + "gen-a-0003.sh; lab.md section 2 (parent missing)"),
    "vlan-name-format": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0.10.20 lan\n", engine="29",
        docker_error="required interface name format is: name.vlan_id, ex. eth0.10 for vlan 10, instead "
                     "received eth0.10.20",
        source="moby-rules.md M5 (QinQ names fail)"),
    "vlan-id-unparsable": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0.vlan50 lan\n", engine="29",
        docker_error="unable to parse a valid vlan id from: vlan50 (ex. eth0.10 for vlan 10)",
        source="lab.md section 2 (parent eth0.abc); moby-rules.md M5"),
    "vlan-base-not-found": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth1.50 lan\n", engine="20.10",
        docker_error="-o parent interface does was not found on the host: eth1",
        source="lab.md section 2 (parent eth9.77, base missing; 20.10's 'does was')"),
    "vlan-id-range": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0.5000 lan\n", engine="29",
        docker_error="vlan id must be between 1-4094, received: 5000",
        source="lab.md section 2 (parent eth0.5000); moby-rules.md M5"),
    "vlan-name-too-long": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=enx001122334455.100 lan\n", engine="29",
        interfaces=("enx001122334455",),
        docker_error=None,   # moby-rules.md M5 says a netlink error, without its text
        source="moby-rules.md M5 (IFNAMSIZ)"),
    "kernel-lacks-8021q": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0.50 lan\n", engine="20.10", kernel_lacks=("8021q",),
        docker_error="failed to create eth0.50 vlan link: operation not supported",
        source=REC20 + "gen-b-0117.sh line 9; lab.md section 2 (parent eth0.77)"),
    "kernel-lacks-dummy": Example(
        script=MV + "--subnet 10.1.0.0/24 lan\n", engine="20.10", kernel_lacks=("dummy",),
        docker_error="operation not supported",
        source=REC20 + "gen-b-0016.sh; lab.md section 2 (no parent at all)"),

    # ---- issue 9: config networks, scope, the IPAM driver ---------------------------------------
    "config-chain": Example(
        script=C + "--config-only --subnet 10.1.0.0/24 -o parent=eth0 base-config\n"
               + C + "--config-only --config-from base-config lan-config\n", engine="29",
        docker_error="a configuration network cannot depend on another configuration network",
        source=REC29 + "gen-b-0171.sh line 4; moby-rules.md S3"),
    "ingress-local-scope": Example(
        script=MV + "--ingress --subnet 10.1.0.0/24 -o parent=eth0 lan\n", engine="29",
        docker_error="Ingress network can only be global scope network",
        source=REC29 + "gen-b-0020.sh line 4"),
    "scope-store": Example(
        script=MV + "--scope global --subnet 10.1.0.0/24 -o parent=eth0 lan\n", engine="20.10",
        docker_error='This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to '
                     'connect this node to swarm and try again.',
        source=REC20 + "gen-b-0176.sh line 17"),
    "ipam-plugin-not-found": Example(
        script=MV + "--ipam-driver dhcp --subnet 10.1.0.0/24 -o parent=eth0 lan\n", engine="29",
        docker_error=None,   # the plugin lookup's text ('plugin "x" not found') is recorded only for -d
        source=""),
    "null-ipam-pool": Example(
        script=MV + "--ipam-driver null --subnet 10.1.0.0/24 -o parent=eth0 lan\n", engine="29",
        docker_error=None, source=""),
    "null-ipam-ipv6": Example(
        script=MV + "--ipam-driver null --ipv6 -o parent=eth0 lan\n", engine="27",
        docker_error=None, source=""),
    "null-ipam-empty": Example(
        script=MV + "--ipam-driver null -o parent=eth0 lan\n", engine="29",
        docker_error="ipv4 pool is empty",
        source="moby-rules.md M10 (null IPAM: the pool is 0.0.0.0/0)"),
    "subnet-whole-space": Example(
        script=MV + "--subnet ::ffff:0:0/96 -o parent=eth0 lan\n", engine="20.10",
        docker_error="ipv4 pool is empty",
        source="lab 20.10.24 (issue 13: --subnet 0.0.0.0/0 and ::ffff:0:0/96 both; 0.0.0.0/8 and "
               "::ffff:0:0/100 are created); macvlan_network.go:21 @v20.10.24 (Pool.String() == \"0.0.0.0/0\")"),
    "subnet-unspecified-range": Example(
        script=MV + "--subnet 0.0.0.0/24 --ip-range 0.0.0.0/25 -o parent=eth0 lan\n", engine="29",
        docker_error='failed to parse pool request for address space "LocalDefault" pool "" subpool "0.0.0.0/25": '
                     "invalid address subpool",
        source="defaultipam/allocator.go RequestPool @docker-v29.7.2 (req.Pool emptied for an unspecified "
               "prefix, then parseErr(ErrInvalidSubPool)); ipamapi/contract.go (the text)"),
    "subnet-unspecified-size": Example(
        script=MV + "--subnet 0.0.0.0/8 -o parent=eth0 lan\n", engine="29",
        docker_error="invalid address pool",
        source="defaultipam/address_space.go allocatePredefinedPool @docker-v29.7.2 (no base of /8 or longer: "
               "ErrInvalidPool); ipamapi/contract.go (the text)"),

    # ---- issue 10: names -----------------------------------------------------------------------
    "invalid-name": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 ''\n", engine="29",
        docker_error="invalid name: name is empty",
        source="moby-rules.md D1"),
    "swarm-name": Example(
        yaml="hosts:\n"
             "  node1: {interfaces: [eth0], swarm: manager}\n"
             "networks:\n"
             "  lan-config: {config_only: true, parent: eth0, subnet: 10.1.0.0/24}\n"
             "  lan.prod: {config_from: lan-config, scope: swarm}\n", engine="29",
        docker_error=None, source=""),
    "name-control-characters": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 'lan\t'\n", engine="29"),

    # ---- warnings and notes on networks Docker creates ------------------------------------------
    "mixed-drivers-parent": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1 -o parent=eth0 mac\n"
               + C + "-d ipvlan --subnet 10.2.0.0/24 --gateway 10.2.0.1 -o parent=eth0 ipv\n", engine="20.10"),
    "ipv6-subnet-ignored": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1 --subnet 2001:db8:1::/64 -o parent=eth0 lan\n",
        engine="20.10"),
    "unknown-option": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1 -o parent=eth0 -o macvlan-mode=bridge lan\n",
        engine="20.10"),
    "no-parent": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1 lan\n", engine="20.10"),
    "auto-gateway-in-range": Example(
        script=MV + "--subnet 10.1.0.0/24 --ip-range 10.1.0.128/25 -o parent=eth0 lan\n", engine="20.10"),
    "no-default-route": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 lan\n", engine="29"),
    "gateway-in-range": Example(
        script=MV + "--subnet 10.1.0.0/24 --ip-range 10.1.0.0/25 --gateway 10.1.0.1 -o parent=eth0 lan\n",
        engine="20.10"),
    "dhcp-overlap": Example(
        yaml="hosts:\n"
             "  docker1: {interfaces: [eth0]}\n"
             "dhcp: [192.168.1.100-192.168.1.199]\n"
             "networks:\n"
             "  lan: {parent: eth0, subnet: 192.168.1.0/24, gateway: 192.168.1.1}\n", engine="20.10"),
    "promiscuous-parent": Example(
        yaml="hosts:\n"
             "  docker1: {interfaces: {eth0: {kind: vm}}}\n"
             "networks:\n"
             "  lan: {parent: eth0, subnet: 192.168.1.0/24, gateway: 192.168.1.1}\n", engine="20.10"),
    "over-capacity": Example(
        yaml="hosts:\n"
             "  docker1: {interfaces: [eth0]}\n"
             "networks:\n"
             "  lan: {parent: eth0, subnet: 192.168.1.0/24, gateway: 192.168.1.1, ip_range: 192.168.1.192/28,"
             " containers: 20}\n", engine="20.10"),
    "no-subnet": Example(
        script=MV + "-o parent=eth0 lan\n", engine="20.10"),
    "swarm-without-config-from": Example(
        yaml="hosts:\n"
             "  node1: {interfaces: [eth0], swarm: manager}\n"
             "networks:\n"
             "  lan: {parent: eth0, subnet: 10.1.0.0/24, gateway: 10.1.0.1, scope: swarm}\n", engine="29"),
    "config-from-bridge": Example(
        script=C + "--config-only --subnet 10.1.0.0/24 --gateway 10.1.0.1 -o parent=eth0 lan-config\n"
               + C + "--config-from lan-config lan\n", engine="29"),
    "passthru-single": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1 -o parent=eth0 -o macvlan_mode=passthru lan\n",
        engine="20.10"),
    "random-macs": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1 -o parent=eth0 lan\n", engine="28"),
    "ipv6-random-ula": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1 --ipv6 -o parent=eth0 lan\n", engine="27"),
    "range-not-in-subnet": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1 --ip-range 10.1.0.100/28 -o parent=eth0 lan\n",
        engine="20.10"),
    "subnet-host-bits": Example(
        script=MV + "--subnet 192.168.1.10/24 --gateway 192.168.1.1 -o parent=eth0 lan\n", engine="20.10"),
    "l3-gateway-unused": Example(
        script=C + "-d ipvlan --subnet 10.1.0.0/24 --gateway 10.1.0.1 -o parent=eth0 -o ipvlan_mode=l3 lan\n",
        engine="20.10"),
    "parent-name-unusual": Example(
        # the host's interfaces are not given: Docker can only use a QinQ parent someone created
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1 -o parent=eth0.10.20 lan\n", engine="20.10",
        interfaces=None),
    "ipvlan-custom-mac": Example(
        yaml="hosts:\n"
             "  docker1: {interfaces: [eth0]}\n"
             "networks:\n"
             "  lan:\n"
             "    driver: ipvlan\n"
             "    parent: eth0\n"
             "    subnet: 10.1.0.0/24\n"
             "    gateway: 10.1.0.1\n"
             "    endpoints: [{ip: 10.1.0.10, mac: '02:00:00:00:00:10'}]\n", engine="20.10"),
    "endpoint-address": Example(
        yaml="hosts:\n"
             "  docker1: {interfaces: [eth0]}\n"
             "networks:\n"
             "  lan:\n"
             "    parent: eth0\n"
             "    subnet: 10.1.0.0/24\n"
             "    gateway: 10.1.0.1\n"
             "    endpoints: [{ip: 10.1.0.1}]\n", engine="20.10"),
    "duplicate-mac": Example(
        yaml="hosts:\n"
             "  docker1: {interfaces: [eth0]}\n"
             "networks:\n"
             "  lan:\n"
             "    parent: eth0\n"
             "    subnet: 10.1.0.0/24\n"
             "    gateway: 10.1.0.1\n"
             "    endpoints:\n"
             "      - {ip: 10.1.0.10, mac: '02:00:00:00:00:10'}\n"
             "      - {ip: 10.1.0.11, mac: '02:00:00:00:00:10'}\n", engine="20.10"),
    "swarm-node-without-config": Example(
        yaml="hosts:\n"
             "  node1: {interfaces: [eth0], swarm: manager}\n"
             "  node2: {interfaces: [eth0], swarm: worker}\n"
             "networks:\n"
             "  lan-config: {host: node1, config_only: true, parent: eth0, subnet: 10.1.0.0/24, gateway: 10.1.0.1}\n"
             "  lan: {host: node1, config_from: lan-config, scope: swarm}\n", engine="29"),

    # ---- plan-wide: several hosts, MAC limits, unknown interfaces --------------------------------
    "shared-range-hosts": Example(
        yaml="hosts:\n"
             "  node1: {interfaces: [eth0]}\n"
             "  node2: {interfaces: [eth0]}\n"
             "networks:\n"
             "  lan: {hosts: [node1, node2], parent: eth0, subnet: 10.1.0.0/24, gateway: 10.1.0.1}\n",
        engine="20.10"),
    "duplicate-mac-hosts": Example(
        # cloned VMs: both hosts' eth0 carry one MAC, and ipvlan containers use it too
        yaml="hosts:\n"
             "  node1: {interfaces: {eth0: {mac: '52:54:00:12:34:56'}}}\n"
             "  node2: {interfaces: {eth0: {mac: '52:54:00:12:34:56'}}}\n"
             "networks:\n"
             "  lan1: {host: node1, driver: ipvlan, parent: eth0, subnet: 10.1.0.0/24, gateway: 10.1.0.1,"
             " ip_range: 10.1.0.64/26}\n"
             "  lan2: {host: node2, driver: ipvlan, parent: eth0, subnet: 10.1.0.0/24, gateway: 10.1.0.1,"
             " ip_range: 10.1.0.128/26}\n", engine="29"),
    "parents-unchecked": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1 -o parent=eth0 lan\n", engine="20.10",
        interfaces=None),
    "mac-limit": Example(
        yaml="hosts:\n"
             "  docker1: {interfaces: {eth0: {mac_limit: 8}}}\n"
             "networks:\n"
             "  lan: {parent: eth0, subnet: 10.1.0.0/24, gateway: 10.1.0.1, containers: 10}\n", engine="20.10"),
    # ---- scripts: the CLI's own refusals, `docker network rm`, containers, the shell ------
    "cli-usage": Example(
        script=C + "-d macvlan --macvlan-mode bridge --subnet 10.1.0.0/24 -o parent=eth0 lan\n", engine="20.10",
        docker_error="unknown flag: --macvlan-mode",
        source=REC20 + "gen-b-0000.sh line 4 (pflag's text; the CLI then prints its usage)"),
    "rm-missing": Example(
        script="docker network rm vlan1x\n", engine="29",
        docker_error="network vlan1x not found",
        source=REC29 + "gen-b-0051.sh line 4"),
    "rm-predefined": Example(
        script="docker network rm host\n", engine="29",
        docker_error="host is a pre-defined network and cannot be removed",
        source="moby daemon/network.go deleteNetwork (predefined networks); moby-rules.md D1"),
    "rm-config-in-use": Example(
        script=C + "--config-only --subnet 172.16.56.0/24 -o parent=eth2 vlan-cfg1\n"
               + MV + "--config-from vlan-cfg1 macnet2\ndocker network rm vlan-cfg1\n",
        engine="20.10", interfaces=("eth2",),
        docker_error='error while removing network: configuration network "vlan-cfg1" is in use',
        source=REC20 + "gen-b-0049.sh line 5"),
    "rm-active-endpoints": Example(
        script=MV + "--subnet 192.0.2.0/24 -o parent=eth0 lan\ndocker run -d --name web --network lan alpine\n"
               "docker network rm lan\n", engine="20.10",
        docker_error="error while removing network: network lan id <id> has active endpoints",
        source="moby v20.10.24 libnetwork/error.go ActiveEndpointsError, wrapped by daemon/network.go"),
    "endpoint-network-missing": Example(
        script="docker run -d --network lan alpine\n", engine="29",
        docker_error="network lan not found",
        source="moby daemon/container_operations.go findAndAttachNetwork (libnetwork ErrNoSuchNetwork)"),
    "endpoint-config-only": Example(
        script=C + "--config-only --subnet 10.1.0.0/24 -o parent=eth0 cfg\ndocker run -d --network cfg alpine\n",
        engine="29", docker_error="cannot create endpoint on configuration-only network",
        source="moby libnetwork/network.go createEndpoint (ConfigOnly check)"),
    "endpoint-address-invalid": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 lan\ndocker run -d --network lan --ip 10.9.0.5 alpine\n",
        engine="29", docker_error="invalid config for network lan: invalid endpoint settings:\n"
                                  "no configured subnet contains IP address 10.9.0.5",
        source="moby docker-v29.7.2 daemon/create.go validateNetworkingConfig, wrapping "
               "container_operations.go validateEndpointSettings"),
    "endpoint-address-in-use": Example(
        script=MV + "--subnet 10.1.0.0/24 --gateway 10.1.0.1 -o parent=eth0 lan\n"
               "docker run -d --network lan --ip 10.1.0.1 alpine\n", engine="29",
        docker_error="Address already in use",
        source="moby libnetwork/ipam allocator (RequestAddress of a taken address)"),
    "endpoint-range-unreachable": Example(
        script=C + "-d macvlan --ipv6 --subnet fdea:317:4f4::/60 --ip-range fdea:317:4f4:2::/64 "
               "--gateway fdea:317:4f4:2::1 -o parent=eth0 v6net1\n"
               "docker run -d --name pihole2 --network v6net1 alpine\n", engine="20.10",
        docker_error="invalid bit range [0, 18446744073709551615]",
        source="the lab's 20.10.24, differential scenario s20251128-53 (ipvlan there; the IPAM path is the driver's neither)"),
    "endpoint-pool-full": Example(
        script=MV + "--subnet 192.0.2.0/30 -o parent=eth0 lan\n"
               + "docker run -d --network lan alpine\n" * 3, engine="29",
        docker_error="no available IPv4 addresses on this network's address pools: lan (<id>)",
        source="moby libnetwork/endpoint.go assignAddressVersion"),
    "endpoint-ipvlan-mac": Example(
        script=C + "-d ipvlan --subnet 10.1.0.0/24 -o parent=eth0 lan\n"
               "docker run -d --name web2 --network lan --mac-address 02:00:00:00:00:09 alpine\n", engine="29",
        docker_error="failed to create endpoint web2 on network lan: ipvlan interfaces do not support custom mac "
                     "address assignment",
        source="moby libnetwork/drivers/ipvlan/ipvlan_endpoint.go CreateEndpoint, wrapped by network.go "
               "addEndpoint (v20.10.24, 29.7.2); LAB20 gen-c-0103.sh line 10 shows the wrapping"),
    # ---- containers (lab-20.10: the lab's 20.10.24 on the widened generator's scripts) ---------
    "container-name-in-use": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 lan\n"
               "docker run -d --name c2 --network lan --ip 10.1.0.5 alpine\n"
               "docker run -d --name c2 --network lan --ip 10.1.0.6 alpine\n", engine="20.10",
        docker_error='Conflict. The container name "/c2" is already in use by container "<id>". You have to '
                     'remove (or rename) that container to be able to reuse that name.',
        source=LAB20 + "gen-c-0032.sh line 5 (daemon/errors.go nameConflictError, with its final '.')"),
    "container-name-invalid": Example(
        script=MV + "--subnet 10.8.0.0/24 -o parent=eth1 lan2\ndocker run -d --name x --network lan2 alpine\n",
        engine="20.10", interfaces=("eth1",),
        docker_error="Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
        source="the lab's 20.10.24 (daemon/names.go reserveName, the same in docker-v29.7.2)"),
    "container-missing": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 lan\n"
               "docker run -d --rm --name test4 --network lan alpine\ndocker rm -f test4\n"
               "docker network connect lan test4\n", engine="20.10",
        docker_error="No such container: test4", source=LAB20 + "gen-c-0187.sh line 10"),
    "endpoint-name-in-use": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 vlan501\n"
               "docker run -d --name web5 --network vlan501 alpine\ndocker network connect vlan501 web5\n",
        engine="20.10", docker_error="endpoint with name web5 already exists in network vlan501",
        source=LAB20 + "gen-c-0013.sh line 9"),
    "endpoint-none-conflict": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 lan1\n"
               "docker create --name app2 --network=none alpine\ndocker network connect lan1 app2\n",
        engine="20.10",
        docker_error="container cannot be connected to multiple networks with one of the networks in private "
                     "(none) mode",
        source=LAB20 + "gen-c-0121.sh line 5 (runconfig/errors.go ErrConflictNoNetwork)"),
    "endpoint-ip-without-subnet": Example(
        script=MV + "-o parent=eth0 mv1\ndocker run -d --name db2 --network=none alpine\n"
               "docker network connect --ip=10.123.0.5 mv1 db2\n", engine="20.10",
        docker_error="user specified IP address is supported only when connecting to networks with user "
                     "configured subnets",
        source=LAB20 + "gen-c-0064.sh line 5 (runconfig/errors.go ErrUnsupportedNetworkNoSubnetAndIP)"),
    "kernel-lacks-ipvlan": Example(
        script=C + "-d ipvlan --subnet 10.1.0.0/24 -o parent=eth0 lan\ndocker run -d --name web --network lan alpine\n",
        engine="20.10", kernel_lacks=("ipvlan",),
        docker_error="failed to create the ipvlan port: operation not supported",
        source=LAB20 + "gen-c-0074.sh line 7 (ipvlan_setup.go createIPVlan at Join)"),
    "endpoint-mac-in-use": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth0 lan\n"
               "docker run -d --network lan --mac-address 02:00:00:00:00:09 alpine\n"
               "docker run -d --network lan --mac-address 02:00:00:00:00:09 alpine\n", engine="20.10",
        docker_error='failed to create shim task: OCI runtime create failed: runc create failed: unable to start '
                     'container process: error during container init: error running hook #0: error running hook: '
                     'exit status 1, stdout: , stderr: time="<time>" level=fatal msg="failed to add interface '
                     'veth<id> to sandbox: error setting interface \\"veth<id>\\" MAC to \\"02:00:00:00:00:09\\": '
                     'address already in use": unknown',
        source="the lab's 20.10.24, two `docker run --mac-address` of one MAC on one macvlan parent (runc hook)"),
    "compose-skipped": Example(
        yaml="services:\n  db:\n    image: postgres\n    networks: [backend]\n"
             "networks:\n  lan:\n    driver: macvlan\n    driver_opts: {parent: eth0}\n"
             "    ipam:\n      config: [{subnet: 10.1.0.0/24}]\n  backend:\n    driver: bridge\n"),
    "script-line-skipped": Example(
        script="echo creating the LAN\n" + MV + "--subnet 10.1.0.0/24 -o parent=eth0 lan\n", engine="29"),
    "script-not-run": Example(
        script=MV + "--subnet 10.1.0.0/24 -o parent=eth9 lan && "
               + MV + "--subnet 10.2.0.0/24 -o parent=eth0 lan2\n", engine="29"),
}

#: Rules no input in the form users write can fire (today's macplan): the id, and why.  Their
#: examples above are what the rule's text describes; the test expects them not to fire (strict
#: xfail), so a change that makes them reachable shows up.  Empty since compose files reach the
#: daemon's own checks of gateways and aux-addresses (the docker CLI's grouping does not apply).
UNREACHABLE: dict[str, str] = {
    # every rule is reachable from a script, a YAML plan or a docker compose file
}
