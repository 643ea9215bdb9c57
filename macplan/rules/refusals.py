"""The refusals: each id Docker's create path can stop at, with what to do about it.
The check itself lives where Docker makes it (macplan.docker.cli for the CLI, macplan.docker.daemon for the
daemon, IPAM and driver); this table gives every refusal its stable id and advice."""
from macplan.rules.catalog import declare

_ERRORS = {
    # stage cli: docker/cli consolidateIpam
    "cli-ipam-count": ("cli", "Give each --ip-range and --gateway a --subnet.",
        "every ip-range or gateway must have a corresponding subnet"),
    "cli-invalid-subnet": ("cli", "Write the subnet in CIDR notation (192.168.1.0/24).",
        "invalid subnet: invalid CIDR address: 10.0.0.0/33"),
    "cli-invalid-range": ("cli", "Write the ip-range in CIDR notation inside its subnet.",
        "invalid CIDR address: 10.0.0.0/33"),
    "cli-invalid-gateway": ("cli", "Write the gateway as an IP address.",
        "invalid argument \"x\" for \"--gateway\" flag: invalid string being converted to IP address: x"),
    "cli-overlapping-subnets": ("cli", "Use subnets of one network that do not overlap.",
        "multiple overlapping subnet configuration is not supported"),
    "cli-multiple-ranges": ("cli", "Give each subnet at most one --ip-range.",
        "cannot configure multiple ranges (10.0.0.128/25, 10.0.0.0/25) on the same subnet (10.0.0.0/24)"),
    "cli-range-without-subnet": ("cli", "Put the ip-range inside one of the network's subnets.",
        "no matching subnet for range 10.1.0.0/25"),
    "cli-multiple-gateways": ("cli", "Give each subnet at most one --gateway.",
        "cannot configure multiple gateways (10.0.0.2, 10.0.0.1) for the same subnet (10.0.0.0/24)"),
    "cli-gateway-without-subnet": ("cli", "Put the gateway inside one of the network's subnets.",
        "no matching subnet for gateway 10.1.0.1"),
    "cli-aux-without-subnet": ("cli", "Put each aux-address inside one of the network's subnets.",
        "no matching subnet for aux-address 10.1.0.5"),
    # stage daemon
    "predefined-name": ("daemon", "Pick another name: bridge, host, none and default are Docker's own.",
        "operation is not permitted on predefined bridge network"),
    "duplicate-name": ("daemon", "Pick a name no other network on this host has.",
        "network with name pub_net already exists"),
    "ipam-config-invalid": ("daemon", "Fix the subnet, ip-range, gateway or aux-address the message names.",
        "invalid network config:\\ninvalid subnet 10.0.0.5/24: it should be 10.0.0.0/24"),
    "config-only-operator-fields": ("daemon", "Drop --internal/--attachable/--scope from the --config-only network.",
        "configuration network can only contain network specific fields. Network operator fields like [ ingress | internal | attachable | scope ] are not supported."),
    "config-from-ipam": ("daemon", "Put IPAM settings, labels and --ipv6 on the --config-only network instead.",
        "user specified configurations are not supported if the network depends on a configuration network"),
    "config-from-options": ("daemon", "Put -o options on the --config-only network instead.",
        "network driver options are not supported if the network depends on a configuration network"),
    "config-from-missing": ("daemon", "Create the --config-only network first, on this node.",
        "configuration network \"mv-config\" does not exist"),
    "unknown-driver": ("daemon", "Use -d macvlan or -d ipvlan (or install the plugin).",
        "plugin \"macvlna\" not found"),
    "swarm-inactive": ("daemon", "Run docker swarm init first, or drop --scope swarm.",
        "cannot create a swarm scoped network when swarm is not active"),
    "swarm-worker": ("daemon", "Create swarm networks on a manager node.",
        "Cannot create a multi-host network from a worker node. Please create the network from a manager node."),
    "daemon-invalid-subnet": ("daemon", "Write the subnet in CIDR notation.",
        "Invalid subnet 10.0.0.0/33 : invalid CIDR address: 10.0.0.0/33"),
    "daemon-invalid-gateway": ("ipam", "Write the gateway as an IP address.",
        "invalid gateway address x in Ipam configuration"),
    # stage ipam
    "pool-overlap": ("ipam", "Use a subnet no other network on this host uses (or share it with --ip-range).",
        "Pool overlaps with other one on this address space"),
    "gateway-in-use": ("ipam", "Choose a gateway that is not the network, broadcast, or another network's gateway.",
        "failed to allocate gateway (10.0.0.0): Address already in use"),
    "gateway-out-of-range": ("ipam", "Put the gateway inside its subnet.",
        "failed to allocate gateway (10.1.0.1): Requested address is out of range"),
    "gateway-no-address": ("ipam", "Use a subnet with room for a gateway (/30 or larger on 20.10); up to engine 27 "
        "give IPv6 an --ip-range the allocator can index (\"invalid bit range\": not the top half of a /64, "
        "and on 20.10 not one whose last host part reads ::ffff:a.b.c.d), or a --gateway.",
        "failed to allocate gateway (): No available addresses on this pool"),
    "aux-unparsable": ("ipam", "Write aux-addresses as IP addresses.",
        "non parsable secondary ip address (a:x) passed for network n"),
    "aux-outside-pool": ("ipam", "Put aux-addresses inside their subnet.",
        "auxiliary address: (a:10.1.0.5) must belong to the master pool: 10.0.0.0/24"),
    "aux-in-use": ("ipam", "Give each aux-address its own address, not the gateway's or another's.",
        "failed to allocate secondary ip address (router:10.0.0.1): Address already in use"),
    "ipv6-no-pool": ("ipam", "Give an IPv6 --subnet with --ipv6.",
        "could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network"),
    "no-default-pool": ("ipam", "Give an IPv4 --subnet.",
        "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network"),
    # stage driver
    "macvlan-mode": ("driver", "Use macvlan_mode bridge, private, vepa or passthru.",
        "requested macvlan mode 'bridged' is not valid, 'bridge' mode is the macvlan driver default"),
    "ipvlan-mode": ("driver", "Use ipvlan_mode l2 or l3 (l3s from engine 23).",
        "requested ipvlan mode 'l4' is not valid, 'l2' mode is the ipvlan driver default"),
    "ipvlan-flag": ("driver", "Use ipvlan_flag bridge, private or vepa.",
        "requested ipvlan flag 'x' is not valid, 'bridge' is the ipvlan driver default"),
    "loopback-parent": ("driver", "Use a real interface as parent, not lo.",
        "loopback interface is not a valid macvlan parent link"),
    "parent-in-use": ("driver", "Give each network its own parent, e.g. a VLAN sub-interface eth0.<vid>.",
        "network dm-<id> is already using parent interface eth0"),
    "parent-not-found": ("driver", "Name an interface that exists on the host (or eth0.<vid> for a VLAN).",
        "invalid subinterface vlan name eth9, example formatting is eth0.10"),
    "vlan-name-format": ("driver", "Name VLAN parents base.vid with one dot (eth0.10).",
        "required interface name format is: name.vlan_id, ex. eth0.10 for vlan 10, instead received bond0.10.20"),
    "vlan-id-unparsable": ("driver", "Use a number for the VLAN id (eth0.10).",
        "unable to parse a valid vlan id from: abc (ex. eth0.10 for vlan 10)"),
    "vlan-base-not-found": ("driver", "Name a base interface that exists on the host.",
        "-o parent interface was not found on the host: eth9"),
    "vlan-id-range": ("driver", "Use a VLAN id from 1 to 4094.",
        "vlan id must be between 1-4094, received: 5000"),
    "vlan-name-too-long": ("driver", "Keep interface names within 15 characters.",
        "failed to create enx001122334455.100 vlan link: numerical result out of range"),
    "kernel-lacks-8021q": ("driver", "Load the 8021q module, or create the VLAN interface yourself.",
        "failed to create eth0.50 vlan link: operation not supported"),
    "kernel-lacks-dummy": ("driver", "Load the dummy module, or give the network a parent.",
        "operation not supported"),
    # appended for issue 9: config networks, scope and the IPAM driver
    "config-chain": ("daemon", "Drop --config-from from the --config-only network: one level only.",
        "a configuration network cannot depend on another configuration network"),
    "ingress-local-scope": ("daemon", "Drop --ingress: only swarm's overlay ingress network may set it.",
        "Ingress network can only be global scope network"),
    "scope-store": ("daemon", "Drop --scope (or use --scope swarm on a swarm manager): up to engine 23 only local networks can be stored.",
        "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again."),
    "ipam-plugin-not-found": ("ipam", "Use --ipam-driver default (or install the IPAM plugin).",
        "plugin \"dhcp\" not found"),
    "null-ipam-pool": ("ipam", "Drop --subnet with --ipam-driver null, or use the default IPAM driver.",
        "null ipam driver does not handle specific address pool requests"),
    "null-ipam-ipv6": ("ipam", "Drop --ipv6 with --ipam-driver null before engine 28.",
        "null ipam driver does not handle IPv6 address pool pool requests"),
    "null-ipam-empty": ("driver", "Use the default IPAM driver: macvlan and ipvlan need addresses to hand out.",
        "ipv4 pool is empty"),
    "subnet-whole-space": ("driver", "Give the LAN's own subnet: macvlan and ipvlan take a pool of 0.0.0.0/0 "
        "(or ::/0) for no pool at all.",
        "ipv4 pool is empty"),
    "subnet-unspecified-range": ("ipam", "Give a real subnet with an --ip-range: from engine 29 a 0.0.0.0/n "
        "subnet asks for a default pool of size n, which takes no range.",
        "failed to parse pool request for address space \"LocalDefault\" pool \"\" subpool \"0.0.0.0/25\": "
        "invalid address subpool"),
    "subnet-unspecified-size": ("ipam", "Give the LAN's own subnet, or a size of /14 or longer: from engine 29 "
        "0.0.0.0/n asks for a default pool of size n, carved from 172.17.0.0/16-172.31.0.0/16 and 192.168.0.0/16.",
        "invalid address pool"),
}

_ERRORS.update({
    # Network names: libnetwork refuses only an empty or all-whitespace name; a swarm-scoped
    # network's name goes through swarmkit, which wants a DNS label.
    "invalid-name": ("daemon", "Give the network a name that is not empty or only whitespace.",
        "invalid name: name is empty"),
    "swarm-name": ("daemon", "Name a swarm network like a DNS label: letters, digits, - and _, at most 63 characters.",
        "rpc error: code = InvalidArgument desc = name must be valid as a DNS name component"),
    # Scripts: the CLI's own refusals, `docker network rm`, and container endpoints (checked
    # when the container starts: daemon/container_operations.go, libnetwork endpoint.go).
    "cli-usage": ("cli", "Fix the command line: an unknown flag, a missing flag value or the wrong number of names.",
        "unknown flag: --macvlan-mode"),
    "rm-missing": ("daemon", "Remove only networks that exist (engine 23+: docker network rm -f ignores missing ones).",
        "network vlan1x not found"),
    "rm-predefined": ("daemon", "Leave Docker's own networks (bridge, host, none) alone.",
        "host is a pre-defined network and cannot be removed"),
    "rm-config-in-use": ("daemon", "Remove the networks created --config-from it first.",
        "error while removing network: configuration network \"vlan-cfg1\" is in use"),
    "rm-active-endpoints": ("daemon", "Stop or disconnect the containers on the network first.",
        "error while removing network: network lan id <id> has active endpoints"),
    "endpoint-network-missing": ("daemon", "Create the network before the containers that use it.",
        "network lan not found"),
    "endpoint-config-only": ("daemon", "Attach containers to the network created --config-from it.",
        "cannot create endpoint on configuration-only network"),
    "endpoint-address-invalid": ("ipam", "Give the container an address inside one of the network's subnets.",
        "invalid endpoint settings:\\nno configured subnet contains IP address 10.9.0.5"),
    "endpoint-address-in-use": ("ipam", "Pick an address no gateway, aux-address or other container has.",
        "Address already in use"),
    "endpoint-pool-full": ("ipam", "Use a bigger subnet or ip-range, or fewer containers.",
        "no available IPv4 addresses on this network's address pools: lan (<id>)"),
    "endpoint-ipvlan-mac": ("driver", "Drop --mac-address: ipvlan containers share the parent's MAC.",
        "failed to create endpoint web2 on network lan: ipvlan interfaces do not support custom mac address assignment"),
    # containers: names, the none network, and the kernel's ipvlan links (lab-20.10 recordings)
    "container-name-in-use": ("daemon", "Give each container its own --name, or remove the old one first "
        "(a failed `docker run` leaves its container behind unless --rm).",
        "Conflict. The container name \"/c2\" is already in use by container \"<id>\". You have to remove (or "
        "rename) that container to be able to reuse that name."),
    "container-name-invalid": ("daemon", "Name containers with two or more of a-z, A-Z, 0-9, '_', '.' and '-', "
        "starting with a letter or digit.",
        "Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"),
    "container-missing": ("daemon", "Connect a container that exists: one whose create succeeded and that "
        "`--rm` has not removed.",
        "No such container: test4"),
    "endpoint-name-in-use": ("daemon", "Connect a running container to a network it is not on yet.",
        "endpoint with name web5 already exists in network vlan501"),
    "endpoint-none-conflict": ("daemon", "Create the container on the network (--network) instead of "
        "--network none, then connect it to more networks.",
        "container cannot be connected to multiple networks with one of the networks in private (none) mode"),
    "endpoint-ip-without-subnet": ("daemon", "Give the network a --subnet of that family before asking for a "
        "container address (--ip / --ip6).",
        "user specified IP address is supported only when connecting to networks with user configured subnets"),
    "endpoint-range-unreachable": ("ipam", "Use an IPv6 --ip-range of /65 or longer: up to engine 27 the allocator "
        "counts a subnet's addresses in 64 bits, and a /64 range (or wider) is out of its reach.",
        "invalid bit range [0, 18446744073709551615]"),
    "kernel-lacks-ipvlan": ("driver", "Load the ipvlan module (or use macvlan): Docker makes the ipvlan link "
        "only when a container joins.",
        "failed to create the ipvlan port: operation not supported"),
})

for _id, (_stage, _advice, _example) in _ERRORS.items():
    declare(_id, "error", _stage, _advice, f"Docker says, for example: `{_example}`")
