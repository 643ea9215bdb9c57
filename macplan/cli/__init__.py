"""The `macplan` command line.  Exit codes: 0 fine, 1 error findings, 2 unreadable input."""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from typing import Optional, Union

from macplan.cli.options import plan_host_option
from macplan.errors import InputError

__all__ = ["main"]

ENGINE_COMMANDS = ("apply", "diff", "import", "destroy")
#: commands whose own modules parse their arguments
ROUTED = {"lab": ("cli.lab", "cli"), "app": ("notebook.app", "app_main"), "verify": ("cli.verify", "cli"),
          "explain": ("cli.explain", "explain_main")}



_ASCII = json.encoder.encode_basestring_ascii
#: the types of a dict's keys and values whose JSON text is written once per content (see _pretty)
_TEXT = frozenset((str, type(None)))


def _pretty(obj: object) -> str:
    """`json.dumps(obj, indent=2)`, character for character, for the dicts, lists, strings,
    ints, bools and None of a report: the standard encoder does indented output in pure
    Python generators, which a 4,094-network report waits on.  Three savings:

    - scalars inside a container are written in place (no call each): most of a report is scalars;
    - the text is written as pieces joined once at the end, not as a string per container that
      its parent copies again (a report's lines would be copied once per level);
    - a report repeats its findings: thousands of networks carry the same rule with the same
      message.  A dict of text only (str or None keys and values: a finding) is written once per
      content and indent, and its text reused."""
    pieces: list[str] = []
    out = pieces.append
    written: dict[tuple[object, ...], str] = {}       # (indent, *keys, *values) -> the dict's text

    def text_dict(d: dict[object, object], indent: str, inner: str) -> str:
        key = (inner, *d, *d.values())
        text = written.get(key)
        if text is None:
            text = "{\n" + inner + (",\n" + inner).join(
                [f"{_key(k)}: {'null' if v is None else _ASCII(v)}" for k, v in d.items()]) + "\n" + indent + "}"
            # str keys only: 1, 1.0 and True are equal keys of a tuple but have different texts
            if _TEXT.issuperset(map(type, d)):
                written[key] = text
        return text

    def write(obj: object, indent: str) -> None:
        if isinstance(obj, dict):
            if not obj:
                out("{}")
                return
            inner = indent + "  "
            if _TEXT.issuperset(map(type, obj.values())):
                out(text_dict(obj, indent, inner))
                return
            sep, comma = "{\n" + inner, ",\n" + inner
            for k, v in obj.items():
                key = _ASCII(k) if type(k) is str else _key(k)
                t = type(v)
                if t is str:
                    out(f"{sep}{key}: {_ASCII(v)}")
                elif t is int:
                    out(f"{sep}{key}: {int.__repr__(v)}")
                elif v is None:
                    out(f"{sep}{key}: null")
                elif v is True:
                    out(f"{sep}{key}: true")
                elif v is False:
                    out(f"{sep}{key}: false")
                else:
                    out(f"{sep}{key}: ")
                    write(v, inner)
                sep = comma
            out("\n" + indent + "}")
        elif isinstance(obj, (list, tuple)):
            if not obj:
                out("[]")
                return
            inner = indent + "  "
            sep, comma = "[\n" + inner, ",\n" + inner
            for v in obj:
                out(sep)
                write(v, inner)
                sep = comma
            out("\n" + indent + "]")
        elif isinstance(obj, str):
            out(_ASCII(obj))
        else:
            out(json.dumps(obj))     # numbers, booleans, None and anything unusual: the standard encoder's way

    write(obj, "")
    return "".join(pieces)


#: reports with at least this many rows are written by orjson: importing it costs ~4 ms (it
#: loads datetime, uuid and platform), which a one-network report would not win back
_ORJSON_FROM = 100


def _print(text: Union[str, bytes]) -> None:
    """print(text); `_json`'s ASCII bytes go to the binary stream as they are (a 100,000-network
    report is 70 MB: not decoded to be encoded again)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if isinstance(text, bytes) and buffer is not None:
        sys.stdout.flush()
        buffer.write(text)
        buffer.write(b"\n")
    else:
        print(text if isinstance(text, str) else text.decode("ascii"))


def _json(obj: object, rows: int = _ORJSON_FROM) -> Union[str, bytes]:
    """A report as `json.dumps(obj, indent=2)` writes it, character for character (ASCII bytes
    when orjson wrote it, else a str).  orjson writes
    it (a 4,094-network capacity report: 6 ms, where Python's own indented encoder, even
    `_pretty`, takes 60) whenever it writes the same text: a report holds str, int, bool, None,
    lists and dicts with str keys, and orjson's indented output of those is the standard
    encoder's, except for characters outside printable ASCII (found in its output) and ints
    beyond 64 bits (it refuses them).  Then, or with anything unusual (orjson refuses
    dataclasses and subclasses here), `_pretty` writes it; and a small report (`rows`), which
    `_pretty` writes sooner than orjson is imported.  Not for floats: no report holds one, and
    orjson writes some differently (5.96e-8 for 5.96e-08)."""
    if rows < _ORJSON_FROM:
        return _pretty(obj)
    try:
        import orjson
    except ImportError:       # a platform without an orjson wheel: the same text, slower
        return _pretty(obj)
    try:
        raw = orjson.dumps(obj, option=orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATACLASS
                           | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS)
    except TypeError:         # orjson.JSONEncodeError: a big int, a non-str key, an unusual object
        return _pretty(obj)
    # json.dumps (ensure_ascii) writes \uXXXX where orjson writes non-ASCII as UTF-8 and DEL raw
    # (both escape the other control characters alike)
    if not raw.isascii() or b"\x7f" in raw:
        return _pretty(obj)
    return raw


def _key(key: object) -> str:
    """A dict key as the standard encoder writes it (a JSON string: floats, ints, bools and None
    are turned into text first)."""
    return _ASCII(key) if isinstance(key, str) else json.dumps({key: 0})[1:-4]


def _terminal_columns() -> int:
    """`shutil.get_terminal_size().columns`, which argparse asks for each help formatter it makes
    (one per argument declared, to check its metavar): importing shutil loads zlib, bz2 and lzma,
    a few milliseconds of every run for a width only --help uses.  Same rule: $COLUMNS, else the
    terminal on standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
        except (AttributeError, ValueError, OSError):
            columns = 80
    return columns


class _Formatter(argparse.HelpFormatter):
    """argparse's own help formatter at the width argparse would choose (see _terminal_columns)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        # no abbreviations: `--network` must not quietly mean `--networkd DIR` (and write files)
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message):  # one line, exit 2, like every other bad input
        sys.stderr.write(f"macplan: {message} (see macplan --help)\n")
        raise SystemExit(2)


def _plan_command(sub, name: str, help: str) -> argparse.ArgumentParser:
    c = sub.add_parser(name, help=help, description=help)
    c.add_argument("plan", metavar="PLAN", help="a YAML plan (.yaml/.yml), a compose file or a shell script of "
                   "docker network create; - reads standard input (YAML when its first line is a key: or ---)")
    c.add_argument("--engine", help="engine version or line (20.10, 23 ... 29); default: the plan's, else that "
                   "of the engine answering on DOCKER_HOST or the docker context, else 29")
    c.add_argument("--interfaces", help="comma-separated interfaces that exist on the host (eth0,eth1)")
    c.add_argument("--kernel-lacks", default="", help="kernel features the host lacks: 8021q,dummy,ipvlan")
    return c


def _check_args(sub) -> None:
    c = _plan_command(sub, "check", "Say what Docker would accept or refuse, and what will hurt.")
    c.add_argument("--json", action="store_true", help="print the report as JSON")


def _capacity_args(sub) -> None:
    c = _plan_command(sub, "capacity", "Containers per network and subnet, MAC addresses per parent, VLAN and port.")
    c.add_argument("--json", action="store_true", help="print as JSON")


def _commands_args(sub) -> None:
    c = _plan_command(sub, "commands", "Print the docker network create commands (or rm with --remove).")
    c.add_argument("--remove", action="store_true", help="the teardown commands instead")
    c.add_argument("--api", action="store_true", help="Engine API payloads (JSON) instead of shell commands")


def _convert_args(sub) -> None:
    c = _plan_command(sub, "convert", "Convert a script to a YAML plan or a YAML plan to a script.")
    c.add_argument("--to", choices=("yaml", "sh"), help="output format (default: the other one)")
    c.add_argument("-o", "--output", help="write here instead of standard output")


def _split_args(sub) -> None:
    c = _plan_command(sub, "split", "Split a subnet shared by several hosts into per-host ip-ranges.")
    c.add_argument("network", metavar="NETWORK", help="the network whose hosts share the subnet")
    how = c.add_mutually_exclusive_group()
    how.add_argument("--size", help="one block size for every host: /27 or an address count")
    how.add_argument("--sizes", help="per host: node1=/26,node2=64")
    how.add_argument("--weights", help="per host: node1=2,node2=1")
    c.add_argument("--headroom", type=float, default=0.25, help="fraction of the subnet kept for growth (0.25)")
    c.add_argument("--keep", action="store_true", help="keep ranges already in the plan (add hosts, move none)")
    c.add_argument("--json", action="store_true", help="print the slices as JSON")
    c.add_argument("-o", "--output", help="write the plan with its new ip-ranges (YAML) here")


def _export_args(sub) -> None:
    c = sub.add_parser("export", help="Export networks for docker compose or Kubernetes Multus.",
                       description="Export networks for docker compose or Kubernetes Multus.")
    c.add_argument("format", choices=("compose", "multus"), help="compose: a networks: section; multus: a "
                   "NetworkAttachmentDefinition (macvlan/ipvlan CNI + whereabouts IPAM)")
    c.add_argument("plan", metavar="PLAN", help="a YAML plan or a shell script of docker network create")
    c.add_argument("network", nargs="?", metavar="NETWORK", help="for multus: the network to export")
    c.add_argument("--engine", help="engine version or line")
    c.add_argument("--interfaces", help="comma-separated interfaces that exist on the host")
    c.add_argument("--kernel-lacks", default="", help="kernel features the host lacks")
    plan_host_option(c, "the plan host whose networks to export (plans with several hosts)")
    c.add_argument("--namespace", default="default", help="for multus: the Kubernetes namespace")
    c.add_argument("--node-slices", nargs="?", const=True, default=False, metavar="/N",
                   help="for multus: whereabouts per-node slices (sized like the plan's ranges, or /N)")


def _shim_args(sub) -> None:
    c = _plan_command(sub, "shim", "Commands and systemd-networkd files that let each host reach its macvlan containers.")
    c.add_argument("network", nargs="?", metavar="NETWORK", help="one macvlan network (default: all)")
    c.add_argument("--networkd", metavar="DIR", help="write the systemd-networkd files into DIR/<host>/ (copy each into the host's "
                   "/etc/systemd/network); files macplan did not write are never overwritten")


def _swarm_args(sub) -> None:
    c = _plan_command(sub, "swarm", "Turn a network on several hosts into Docker Swarm form (config-only per node).")
    c.add_argument("network", metavar="NETWORK")
    c.add_argument("--manager", required=True, help="the manager node, where the swarm network is created")
    c.add_argument("--api", action="store_true", help="Engine API payloads per node instead of commands")
    c.add_argument("-o", "--output", help="write the swarm plan (YAML) here")


def _routed_args(name: str, help: str):
    """A command whose own module parses its arguments (main routes it there before this parser):
    here only for the top-level --help and the list of choices."""
    def declare(sub) -> None:
        sub.add_parser(name, help=help, add_help=False).add_argument("rest", nargs=argparse.REMAINDER)
    return declare


def _examples_args(sub) -> None:
    c = sub.add_parser("examples", help="Write the example plans into a directory.",
                       description="Write the example plans (the README's examples/) into DIR. A file that exists "
                                   "is kept unless --force; nothing is written outside DIR.")
    c.add_argument("dir", metavar="DIR", help="the directory (created if missing)")
    c.add_argument("--force", action="store_true", help="overwrite example files that exist in DIR")


#: every command's arguments, in the order `macplan --help` lists them
COMMANDS = {
    "check": _check_args, "capacity": _capacity_args, "commands": _commands_args, "convert": _convert_args,
    "split": _split_args, "export": _export_args, "shim": _shim_args, "swarm": _swarm_args,
    **{name: _routed_args(name, f"{name} against a Docker engine (see macplan {name} --help)")
       for name in ENGINE_COMMANDS},
    "lab": _routed_args("lab", "a sandboxed Docker engine: up | down | status | env"),
    "verify": _routed_args("verify", "probe an applied plan's networks with containers (see macplan verify --help)"),
    "app": _routed_args("app", "the interactive planner as a web page (Voila; the notebooks extra)"),
    "examples": _examples_args,
    "explain": _routed_args("explain", "what a rule id means (without RULE: every id)"),
}


def _parser(command: Optional[str] = None) -> argparse.ArgumentParser:
    """The command line's parser; with `command`, only that command's arguments are declared.
    Declaring all seventeen costs a run more than its check of one network does (argparse makes
    a help formatter per argument), and a run names one command: the command word is always the
    first argument, so a parser with that command alone parses, and complains, exactly as the
    whole one does.  --help, an unknown command and no command get the whole parser."""
    p = _Parser(prog="macplan", description="Plan Docker macvlan and ipvlan networks before they touch a host.")
    from macplan import __version__
    p.add_argument("--version", action="version", version=f"macplan {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, declare in COMMANDS.items():
        if command is None or name == command:
            declare(sub)
    return p


def _load(args):
    from macplan.read.file import load
    interfaces = [s for s in args.interfaces.split(",") if s] if args.interfaces is not None else None
    lacks = [s for s in args.kernel_lacks.split(",") if s]
    if args.plan == "-":
        from macplan.cli.stdin import load_stdin
        plan, args.input_format = load_stdin(sys.stdin, interfaces=interfaces, kernel_lacks=lacks)
        return plan
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
            return importlib.import_module("macplan.cli.engine").cli(argv[0], argv[1:])
        except BrokenPipeError:
            return 0
    args = _parser(argv[0] if argv and argv[0] in COMMANDS else None).parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 2
    # a command builds many small objects and no cycles worth collecting while it runs (a
    # 4,000-network report and its JSON): the cyclic collector would cost a fifth of the run
    was = gc.isenabled()
    gc.disable()
    try:
        if args.command == "examples":
            return _examples(args)
        return _run(args)
    except BrokenPipeError:
        return 0
    except Exception as e:  # the contract: one line, exit 2 for the user's input, never a traceback
        from macplan.errors import InputError
        if isinstance(e, (InputError, OSError)):
            sys.stderr.write(f"macplan: {e}\n")
            return 2
        # anything else is macplan's own bug: say so, rather than blame the input
        sys.stderr.write(f"macplan: internal error: {type(e).__name__}: {e}\n")
        return 3
    finally:
        if was:
            gc.enable()


def _examples(args) -> int:
    from macplan.cli.bundled import write_examples
    written, kept = write_examples(args.dir, force=args.force)
    for path in written:
        print(path)
    if kept:
        sys.stderr.write(f"macplan examples: kept {len(kept)} file(s) that exist in {args.dir} (--force overwrites): "
                         f"{', '.join(p.name for p in kept)}\n")
    return 0


def engine_for(explicit: Optional[str], plan) -> str:
    """The engine to check against: --engine, else the plan's `engine:`, else the engine that
    answers (DOCKER_HOST or the docker context), else the default (macplan.profile)."""
    if explicit:
        return explicit
    if plan.engine:
        return str(plan.engine)
    from macplan.engine.transport import default_engine
    return default_engine()


def _run(args) -> int:
    from macplan.cli import text as out
    from macplan.profile import Profile
    from macplan.report import check
    plan = _load(args)
    engine = engine_for(args.engine, plan)
    Profile.of(engine)                                   # an unknown --engine is bad input: exit 2
    if args.command == "check":
        rep = check(plan, engine)
        data = rep.to_dict() if args.json else None
        text = _json(data, len(rep.networks)) if args.json else out.check_text(plan, rep)
        _print(text)
        _keep(plan, rep, data, text)
        return 1 if rep.errors else 0
    if args.command == "capacity":
        from macplan.report import capacity
        cap = capacity(plan, engine, warnings=False)        # it prints figures, not findings
        cap_data = cap.to_dict() if args.json else None
        text = _json(cap_data, len(cap.networks)) if args.json else out.capacity_text(cap)
        _print(text)
        _keep(plan, cap, cap_data, text)
        return 0
    if args.command == "commands":
        from macplan import emit
        # a command the docker CLI refuses never reaches Docker: emitting a cleaned-up version of
        # it would create what the script never did
        plan = plan.with_(networks=tuple(n for n in plan.networks if n.cli_error is None), steps=(), removals=(),
                          endpoints=(), detaches=())
        if args.api:
            print(json.dumps([emit.api_payload(n) for n in emit.ordered(plan.networks, plan.as_written)], indent=2))
            return 0
        # say which commands Docker will refuse, right above them (the planner writes the same marks)
        notes = {} if args.remove else emit.refusal_notes(check(plan, engine))
        sys.stdout.write(emit.commands(plan, remove=args.remove, notes=notes))
        return 1 if notes else 0
    if args.command == "convert":
        from macplan import emit
        fmt = getattr(args, "input_format", None)       # read from stdin: told by content
        to = args.to or ("sh" if fmt in ("yaml", "compose") or (fmt is None and args.plan.endswith((".yaml", ".yml")))
                         else "yaml")
        plan = script_end_state(plan, engine)
        text = emit.dump_yaml(plan) if to == "yaml" else emit.commands(plan)
        if args.output:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            sys.stdout.write(text)
        return 0
    if args.command == "split":
        return _split(args, plan)
    if args.command == "export":
        from macplan.emit import exports
        if args.format == "compose":
            sys.stdout.write(exports.compose_yaml(plan, args.host))
        else:
            if not args.network:
                raise InputError("export multus needs the NETWORK to export")
            sys.stdout.write(exports.multus_yaml(plan, args.network, args.host, namespace=args.namespace,
                                                 node_slices=args.node_slices))
        return 0
    if args.command == "shim":
        from macplan.emit import shim
        reserved = shim.reserve(plan, args.network)
        if args.networkd:
            # DIR/<host>/..., checked and resolved inside DIR before anything is written
            for path in shim.write_networkd(shim.shims(reserved, args.network), args.networkd):
                print(path)
        else:
            sys.stdout.write(shim.commands(reserved, args.network))
        # after the work: a refusal stays one line
        for line in shim.unreserved(plan, reserved):
            sys.stderr.write(f"macplan shim: {line}\n")
        return 0
    if args.command == "swarm":
        from macplan import emit
        from macplan.emit import swarm
        splan = swarm.to_swarm(plan, args.network, args.manager)
        if args.output:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write(emit.dump_yaml(splan))
        if args.api:
            print(json.dumps([{"node": node, "body": body} for node, body in swarm.payloads(splan)], indent=2))
        else:
            print(swarm.commands(splan).rstrip("\n"))
        return 0
    raise AssertionError(args.command)


def script_end_state(plan, engine=None):
    """What a script leaves Docker with, as a plan of networks: commands the docker CLI refuses
    never reach Docker (dropped), a network a `docker network rm` removed is gone, and the
    started containers' static addresses and MACs become `endpoints:` of their network.
    Whether an rm or a container succeeds is the check's prediction for `engine`.  A plan
    without rm or containers is returned as it is (daemon-refused creates stay in the plan,
    which reproduces them)."""
    if not plan.steps and not plan.removals and not plan.endpoints and \
            not any(n.cli_error for n in plan.networks):
        return plan
    from macplan.report import check
    report = check(plan, engine)
    order = plan.steps or [type("S", (), {"kind": "create", "index": i})() for i in range(len(plan.networks))]
    alive: list = []                  # (index, network) in creation order, removed ones dropped
    for step in order:
        if step.kind == "create":
            net = plan.networks[step.index]
            if net.cli_error is None:
                alive.append((step.index, net))
        elif step.kind == "rm":
            rm = plan.removals[step.index]
            for name in report.removals[step.index].removed:
                hit = next((a for a in reversed(alive) if a[1].name == name and a[1].host == rm.host
                            and report.networks[a[0]].accepted), None)
                if hit is not None:
                    alive.remove(hit)
        elif step.kind == "endpoint":        # (a stopped container keeps its static address)
            ep, res = plan.endpoints[step.index], report.endpoints[step.index]
            at = next((i for i in range(len(alive) - 1, -1, -1) if alive[i][1].name == ep.network
                       and alive[i][1].host == ep.host and report.networks[alive[i][0]].accepted), None)
            if res.accepted and res.started and at is not None and (ep.ip or ep.mac):
                index, net = alive[at]
                alive[at] = (index, net.with_(endpoints=net.endpoints + ((ep.ip, ep.mac),)))
    return plan.with_(networks=tuple(n for _, n in alive), removals=(), endpoints=(), detaches=(), steps=())


def _pairs(text: str, cast) -> dict:
    out = {}
    for item in filter(None, text.split(",")):
        key, eq, value = item.partition("=")
        if not eq:
            raise InputError(f"expected host=value, got {item!r}")
        out[key.strip()] = cast(value.strip())
    return out


def _size(text: str):
    return text if text.startswith("/") else int(text)


def _split(args, plan) -> int:
    from macplan import emit
    from macplan.partition import SplitSpec, split_plan
    spec = {"headroom": args.headroom}
    if args.size:
        spec["size"] = _size(args.size)
    elif args.sizes:
        spec["sizes"] = _pairs(args.sizes, _size)
    elif args.weights:
        spec["weights"] = _pairs(args.weights, float)
    new_plan, parts = split_plan(plan, args.network, SplitSpec.from_yaml(spec), keep=args.keep)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(emit.dump_yaml(new_plan))
    if args.json:
        print(json.dumps({subnet: p.to_dict() for subnet, p in parts.items()}, indent=2))
        return 0
    from macplan.cli.text import table
    for subnet, p in parts.items():
        rows = [[str(r["host"]), r["ip_range"], str(r["first"]), str(r["last"]), str(r["size"]),
                 "" if r["containers"] is None else str(r["containers"])] for r in p.rows()]
        print(f"{subnet} (gateway {p.gateway or '-'}): {p.usable} usable, {p.assigned} assigned, {p.left} left")
        print(table(rows, ["host", "ip-range", "first", "last", "size", "containers"]))
        for note in p.notes:
            print(f"note: {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


#: what a command leaves for the OS to free when `run` ends the process (None: main was called
#: in-process, by a test or a notebook, and keeps nothing)
_KEPT: Optional[list[object]] = None


def _keep(*objects: object) -> None:
    """Hold a command's plan, report and output until `run` ends the process with os._exit:
    dropped when the command returns, a 100,000-network report would be freed object by object
    (a twentieth of the run); the OS takes the memory back at once."""
    if _KEPT is not None:
        _KEPT.extend(objects)


def run() -> None:
    """The `macplan` command (console script and `python -m macplan`): `main`, then exit
    without tearing down.  A check of thousands of networks leaves millions of small objects,
    and freeing them one by one costs a tenth of the run; the OS takes the memory back at once.
    Everything macplan writes is flushed or closed first (files are written under `with`)."""
    import os
    global _KEPT
    _KEPT = []
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:       # a closed pipe: let the interpreter's own exit deal with it
        raise SystemExit(code) from None
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))
