"""Plan-wide rules and the script rules: facts about the whole plan or script rather than one network."""
from __future__ import annotations

from macplan.rules.catalog import declare

declare(
    "parents-unchecked", "info", "driver", "List the host's interfaces (--interfaces eth0,eth1 or interfaces:).",
    "Docker refuses a parent that does not exist (or creates a VLAN sub-interface for name.vid); "
    "without the host's interface list macplan cannot tell, and assumes every parent exists.")
declare(
    "script-line-skipped", "info", "script", "Nothing to do: macplan reads docker network commands and containers.",
    "A line of a script that is not a docker network create/rm/connect or a docker run|create with --network "
    "does not change Docker's networks; macplan skips it and says so.")
declare(
    "script-not-run", "info", "script", "Fix the command that fails first, or guard it with || true.",
    "With `set -e` a refused command stops the script; after `a && b` b runs only if a succeeded, after "
    "`a || b` only if it failed.  macplan predicts what the shell runs.")
declare(
    "endpoint-mac-in-use", "error", "driver", "Give each container on a parent its own MAC address.",
    "Two macvlan interfaces on one parent cannot share a MAC address: the kernel answers EADDRINUSE when the "
    "second container starts.")
declare(
    "mac-limit", "warning", "lan", "Use ipvlan, fewer containers per VLAN, or a higher limit.",
    "Each macvlan container is a MAC the switch must learn; port security and CAM limits drop the excess.")
declare(
    "compose-skipped", "info", "script", "Nothing to do: macplan plans macvlan and ipvlan networks.",
    "A compose file may hold services on bridge networks, on the default network, with network_mode, or on "
    "external networks compose does not create; macplan reads what concerns macvlan/ipvlan networks and says "
    "what it left aside.")
