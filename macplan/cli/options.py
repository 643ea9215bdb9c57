"""Options several commands share."""
from __future__ import annotations

import argparse
import sys
from typing import Optional

__all__ = ["plan_host_option", "DOCKER_URL_PREFIXES"]

#: values of a plan-host option that are docker endpoints (docker's own -H/--host), not host names
DOCKER_URL_PREFIXES = ("unix://", "tcp://", "ssh://", "npipe://", "fd://", "http://", "https://")


class _PlanHost(argparse.Action):
    """--plan-host NAME, and its deprecated spelling --host: a host *in the plan*, never docker's
    -H/--host engine endpoint (that one is --docker-host, or DOCKER_HOST / a docker context)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: Optional[str] = None) -> None:
        value = str(values)
        if value.startswith(DOCKER_URL_PREFIXES):
            parser.error(f"{option_string} {value}: names a host of the plan; for the engine's address use "
                         f"--docker-host, DOCKER_HOST or a docker context")
        if option_string == "--host":
            sys.stderr.write("macplan: --host is deprecated (it is not docker's -H/--host): use --plan-host\n")
        setattr(namespace, self.dest, value)


def plan_host_option(parser: argparse.ArgumentParser, help: str, default: Optional[str] = None) -> None:
    parser.add_argument("--plan-host", "--host", dest="host", metavar="NAME", default=default, action=_PlanHost,
                        help=help + " (--host is its deprecated spelling)")
