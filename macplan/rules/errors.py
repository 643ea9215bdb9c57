"""The refusals: each id Docker's create path can stop at, with what to do about it.
The check itself lives where Docker makes it (rules.cli for the CLI, rules.daemon for the
daemon, IPAM and driver); this table gives every refusal its stable id and advice."""
from .catalog import RULES, Rule

_ERRORS = {
    # stage cli: docker/cli consolidateIpam
    "cli-ipam-count": ("cli", "Give each --ip-range and --gateway a --subnet."),
    "cli-invalid-subnet": ("cli", "Write the subnet in CIDR notation (192.168.1.0/24)."),
    "cli-invalid-range": ("cli", "Write the ip-range in CIDR notation inside its subnet."),
    "cli-invalid-gateway": ("cli", "Write the gateway as an IP address."),
    "cli-overlapping-subnets": ("cli", "Use subnets of one network that do not overlap."),
    "cli-multiple-ranges": ("cli", "Give each subnet at most one --ip-range."),
    "cli-range-without-subnet": ("cli", "Put the ip-range inside one of the network's subnets."),
    "cli-multiple-gateways": ("cli", "Give each subnet at most one --gateway."),
    "cli-gateway-without-subnet": ("cli", "Put the gateway inside one of the network's subnets."),
    "cli-aux-without-subnet": ("cli", "Put each aux-address inside one of the network's subnets."),
    # stage daemon
    "predefined-name": ("daemon", "Pick another name: bridge, host, none and default are Docker's own."),
    "duplicate-name": ("daemon", "Pick a name no other network on this host has."),
    "ipam-config-invalid": ("daemon", "Fix the subnet, ip-range, gateway or aux-address the message names."),
    "config-only-operator-fields": ("daemon", "Drop --internal/--attachable/--scope from the --config-only network."),
    "config-from-ipam": ("daemon", "Put IPAM settings, labels and --ipv6 on the --config-only network instead."),
    "config-from-options": ("daemon", "Put -o options on the --config-only network instead."),
    "config-from-missing": ("daemon", "Create the --config-only network first, on this node."),
    "unknown-driver": ("daemon", "Use -d macvlan or -d ipvlan (or install the plugin)."),
    "swarm-inactive": ("daemon", "Run docker swarm init first, or drop --scope swarm."),
    "swarm-worker": ("daemon", "Create swarm networks on a manager node."),
    "daemon-invalid-subnet": ("daemon", "Write the subnet in CIDR notation."),
    "daemon-invalid-gateway": ("ipam", "Write the gateway as an IP address."),
    # stage ipam
    "pool-overlap": ("ipam", "Use a subnet no other network on this host uses (or share it with --ip-range)."),
    "gateway-in-use": ("ipam", "Choose a gateway that is not the network, broadcast, or another network's gateway."),
    "gateway-out-of-range": ("ipam", "Put the gateway inside its subnet."),
    "gateway-no-address": ("ipam", "Use a subnet with room for a gateway (/30 or larger on 20.10)."),
    "aux-unparsable": ("ipam", "Write aux-addresses as IP addresses."),
    "aux-outside-pool": ("ipam", "Put aux-addresses inside their subnet."),
    "aux-in-use": ("ipam", "Give each aux-address its own address, not the gateway's or another's."),
    "ipv6-no-pool": ("ipam", "Give an IPv6 --subnet with --ipv6."),
    "no-default-pool": ("ipam", "Give an IPv4 --subnet."),
    "ipv4-pool-empty": ("driver", "Give an IPv4 --subnet."),
    # stage driver
    "macvlan-mode": ("driver", "Use macvlan_mode bridge, private, vepa or passthru."),
    "ipvlan-mode": ("driver", "Use ipvlan_mode l2 or l3 (l3s from engine 23)."),
    "ipvlan-flag": ("driver", "Use ipvlan_flag bridge, private or vepa."),
    "loopback-parent": ("driver", "Use a real interface as parent, not lo."),
    "parent-in-use": ("driver", "Give each network its own parent, e.g. a VLAN sub-interface eth0.<vid>."),
    "parent-not-found": ("driver", "Name an interface that exists on the host (or eth0.<vid> for a VLAN)."),
    "vlan-name-format": ("driver", "Name VLAN parents base.vid with one dot (eth0.10)."),
    "vlan-id-unparsable": ("driver", "Use a number for the VLAN id (eth0.10)."),
    "vlan-base-not-found": ("driver", "Name a base interface that exists on the host."),
    "vlan-id-range": ("driver", "Use a VLAN id from 1 to 4094."),
    "vlan-name-too-long": ("driver", "Keep interface names within 15 characters."),
    "kernel-lacks-8021q": ("driver", "Load the 8021q module, or create the VLAN interface yourself."),
    "kernel-lacks-dummy": ("driver", "Load the dummy module, or give the network a parent."),
}

for _id, (_stage, _advice) in _ERRORS.items():
    RULES[_id] = Rule(_id, "error", _stage, _advice, "", None)
