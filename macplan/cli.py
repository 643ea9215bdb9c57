"""The `macplan` command line.  Exit codes: 0 fine, 1 error findings, 2 unreadable input."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Optional

__all__ = ["main"]

ENGINE_COMMANDS = ("apply", "diff", "import", "destroy")
#: commands whose own modules parse their arguments
ROUTED = {"lab": ("lab", "cli"), "app": ("widgets", "app_main")}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, like every other bad input
        sys.stderr.write(f"macplan: {message} (see macplan --help)\n")
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="macplan", description="Plan Docker macvlan and ipvlan networks before they touch a host.")
    p.add_argument("--version", action="version", version="macplan 0.1.0")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def plan_command(name, help):
        c = sub.add_parser(name, help=help, description=help)
        c.add_argument("plan", metavar="PLAN", help="a YAML plan (.yaml/.yml) or a shell script of docker network create")
        c.add_argument("--engine", help="engine version or line (20.10, 23 ... 29); default: the plan's, else 29")
        c.add_argument("--interfaces", help="comma-separated interfaces that exist on the host (eth0,eth1)")
        c.add_argument("--kernel-lacks", default="", help="kernel features the host lacks: 8021q,dummy,ipvlan")
        return c

    c = plan_command("check", "Say what Docker would accept or refuse, and what will hurt.")
    c.add_argument("--json", action="store_true", help="print the report as JSON")
    c = plan_command("capacity", "Containers per network and subnet, MAC addresses per parent, VLAN and port.")
    c.add_argument("--json", action="store_true", help="print as JSON")
    c = plan_command("commands", "Print the docker network create commands (or rm with --remove).")
    c.add_argument("--remove", action="store_true", help="the teardown commands instead")
    c.add_argument("--api", action="store_true", help="Engine API payloads (JSON) instead of shell commands")
    c = plan_command("convert", "Convert a script to a YAML plan or a YAML plan to a script.")
    c.add_argument("--to", choices=("yaml", "sh"), help="output format (default: the other one)")
    c.add_argument("-o", "--output", help="write here instead of standard output")
    for name in ENGINE_COMMANDS:
        e = sub.add_parser(name, help=f"{name} against a Docker engine (see macplan {name} --help)", add_help=False)
        e.add_argument("rest", nargs=argparse.REMAINDER)
    lab = sub.add_parser("lab", help="a sandboxed Docker engine: up | down | status | env", add_help=False)
    lab.add_argument("rest", nargs=argparse.REMAINDER)
    app = sub.add_parser("app", help="the interactive planner as a web page (Voila)", add_help=False)
    app.add_argument("rest", nargs=argparse.REMAINDER)
    return p


def _load(args):
    from .parse import load
    interfaces = [s for s in args.interfaces.split(",") if s] if args.interfaces is not None else None
    lacks = [s for s in args.kernel_lacks.split(",") if s]
    return load(args.plan, interfaces=interfaces, kernel_lacks=lacks)


def main(argv: Optional[list[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in ENGINE_COMMANDS or argv[0] in ROUTED):
        # their own parsers read everything after the command word (options first included)
        import importlib
        try:
            if argv[0] in ROUTED:
                module, func = ROUTED[argv[0]]
                return getattr(importlib.import_module(f"macplan.{module}"), func)(argv[1:])
            from . import engine
            return engine.cli(argv[0], argv[1:])
        except BrokenPipeError:
            return 0
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 2
    try:
        return _run(args)
    except BrokenPipeError:
        return 0
    except Exception as e:  # the contract: one line, exit 2, never a traceback
        from .model import PlanError
        from .rules.profile import UnknownEngine
        if isinstance(e, (PlanError, UnknownEngine, OSError, ValueError)):
            sys.stderr.write(f"macplan: {e}\n")
            return 2
        sys.stderr.write(f"macplan: internal error: {type(e).__name__}: {e}\n")
        return 3


def _run(args) -> int:
    from . import report as out
    from .rules import check
    from .rules.profile import Profile
    plan = _load(args)
    engine = args.engine if args.engine else plan.engine
    Profile.of(engine)                                   # an unknown --engine is bad input: exit 2
    if args.command == "check":
        rep = check(plan, engine)
        print(json.dumps(rep.to_dict(), indent=2) if args.json else out.check_text(plan, rep))
        return 1 if rep.errors else 0
    if args.command == "capacity":
        from .summary import capacity
        cap = capacity(plan, engine)
        print(json.dumps(cap.to_dict(), indent=2) if args.json else out.capacity_text(cap))
        return 0
    if args.command == "commands":
        from . import emit
        if args.api:
            print(json.dumps([emit.api_payload(n) for n in emit.ordered(plan.networks)], indent=2))
        else:
            sys.stdout.write(emit.commands(plan, remove=args.remove))
        return 0
    if args.command == "convert":
        from . import emit
        to = args.to or ("sh" if args.plan.endswith((".yaml", ".yml")) else "yaml")
        text = emit.dump_yaml(plan) if to == "yaml" else emit.commands(plan)
        if args.output:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            sys.stdout.write(text)
        return 0
    raise AssertionError(args.command)


if __name__ == "__main__":
    raise SystemExit(main())
