"""`macplan apply | diff | import | destroy`: the engine commands, and how their results and
failures are told (what exists now, re-read from the engine)."""
from __future__ import annotations

import argparse
import json
import sys

from macplan.cli.options import plan_host_option
from macplan.engine.client import ApplyResult, DestroyResult, Engine
from macplan.engine.transport import DockerTransport, _one_line, _safe
from macplan.errors import EngineError, InputError, NotOwned, PlanRefused


class _ArgError(Exception):
    pass


def _parser(command: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(allow_abbrev=False, prog=f"macplan {command}")
    if command == "import":
        p.add_argument("output", nargs="?", help="write the YAML plan here (default: stdout)")
        p.add_argument("--name", help="plan name (default: the plan label they share, else 'imported')")
        p.add_argument("--plan", dest="only_plan", help="only networks labelled with this plan name")
        plan_host_option(p, "the host name to put in the plan", default="host")
    else:
        p.add_argument("plan", help="YAML plan or script of docker network create commands")
        plan_host_option(p, "which of the plan's hosts this engine is")
        p.add_argument("--origin", help="identify the plan by this text instead of MACHINE:PATH of the plan file "
                                        "(for checkouts whose path or machine changes, e.g. CI)")
    p.add_argument("--docker-host", metavar="URL", help="engine URL, like docker's -H/--host (default: what docker "
                   "uses: --context, $DOCKER_HOST, $DOCKER_CONTEXT, the current docker context, the local socket)")
    p.add_argument("--context", help="a docker context to use (docker context ls)")
    if command in ("apply", "destroy"):
        p.add_argument("--disconnect", action="append", default=[], metavar="CONTAINER",
                       help="allow disconnecting this container (repeat for each)")
        p.add_argument("--adopt", action="append", default=[], metavar="NETWORK",
                       help="take over this network although another plan (or nobody) created it: "
                            "it is removed (and, by apply, re-created with this plan's labels); repeat for each")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    if command == "apply":
        p.add_argument("--no-rollback", action="store_true", help="keep what this run created when it fails")
    if command == "diff":
        p.add_argument("--json", action="store_true")
    p.error = lambda msg: (_ for _ in ()).throw(_ArgError(msg))  # type: ignore[method-assign]
    return p


def _load(path: str):
    from macplan import load

    return load(path)


def _err(command: str, msg: str, code: int = 2) -> int:
    print(_safe(f"macplan {command}: {' '.join(str(msg).split())}"), file=sys.stderr)
    return code


def cli(command: str, argv: list[str]) -> int:
    """``macplan apply|diff|import|destroy ...``; returns the exit code."""
    if command not in ("apply", "diff", "import", "destroy"):
        return _err(command, "unknown command")
    try:
        args = _parser(command).parse_args(argv)
    except _ArgError as exc:
        return _err(command, str(exc))
    except SystemExit as exc:  # --help
        return int(exc.code or 0)

    def progress(msg: str) -> None:
        if not getattr(args, "quiet", False):
            print(msg, file=sys.stderr, flush=True)

    engine = None
    try:
        plan = None
        if command != "import":
            try:
                plan = _load(args.plan)
            except OSError as exc:
                return _err(command, f"{args.plan}: {exc.strerror or exc}")
            except ValueError as exc:  # PlanError and friends: already name file and line
                return _err(command, str(exc))
        engine = Engine(args.docker_host, progress=progress,
                        transport=DockerTransport(args.docker_host, context=args.context) if args.context else None)
        if command == "diff":
            d = engine.diff(plan, args.host, origin=args.origin)
            print(json.dumps(d.to_dict(), indent=1) if args.json else d.render())
            # --exit-code convention (git diff, kubectl diff): 1 = there are differences
            return 1 if d.changes or d.by_kind("conflict") else 0
        if command == "apply":
            progress(f"engine {_safe(engine.version)} (rules {engine.profile or 'default'})")
            res = engine.apply(plan, args.host, disconnect=args.disconnect, rollback=not args.no_rollback,
                               adopt=args.adopt, origin=args.origin)
            if res.ok:
                if not res.diff.changes:
                    print(f"nothing to do: {len(res.diff.by_kind('keep'))} networks up to date")
                else:
                    print(_safe(f"applied plan {plan.name}: created {len(res.created)}, removed {len(res.removed)}, "
                          f"unchanged {len(res.diff.by_kind('keep'))}"))
                return 0
            _report_state(res)
            maybe = [n for op, n in res.in_flight if op == "create"]
            gone = [n for op, n in res.in_flight if op == "remove"]
            return _err(command, f"stopped: {res.error}"
                        + (f"; rolled back {', '.join(res.rolled_back)}" if res.rolled_back else "")
                        + (f"; removed by this run: {', '.join(res.removed)}" if res.removed else "")
                        + (f"; left from this run: {', '.join(res.created + [n + ' (maybe)' for n in maybe])}"
                           if res.created or maybe else "")
                        + (f"; maybe removed: {', '.join(gone)}" if gone else "")
                        + ("; the engine is not answering, so what exists now is unknown"
                           if any(v == "unknown" for v in res.state.values()) else ""),
                        1 if not any(v == "unknown" for v in res.state.values()) else 2)
        if command == "destroy":
            res = engine.destroy(plan, disconnect=args.disconnect, adopt=args.adopt, origin=args.origin)
            for name, whose in res.skipped:
                progress(_safe(f"not touched: {name} {whose} (--adopt {name} takes it)"))
            if res.ok:
                print(_safe(f"removed {len(res.removed)} network(s) of plan {plan.name}"
                            + (f": {', '.join(res.removed)}" if res.removed else "")))
                return 0
            _report_destroy(res)
            unknown = any(v == "unknown" for v in res.state.values())
            return _err(command, f"stopped: {res.error}; removed by this run: {', '.join(res.removed) or 'none'}"
                        + (f"; maybe removed: {', '.join(res.in_flight)}" if res.in_flight else "")
                        + (f"; not removed: {', '.join(res.pending)}" if res.pending else "")
                        + ("; the engine is not answering, so what exists now is unknown" if unknown else ""),
                        2 if unknown else 1)
        # import
        from macplan import emit

        p = engine.import_plan(args.name, only_plan=args.only_plan, host=args.host)
        try:
            text = emit.dump_yaml(p)
        except InputError as exc:
            # the engine holds something a YAML plan cannot say (a subnet that is no CIDR block)
            return _err(command, f"cannot write the engine's networks as a plan: {exc}")
        if args.output:
            with open(args.output, "w") as fh:
                fh.write(text)
            print(_safe(f"imported {len(p.networks)} network(s) into {args.output}: "
                        + ", ".join(n.name for n in p.networks)), file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0
    except NotOwned as exc:
        return _err(command, f"refused: {exc}", 2)
    except PlanRefused as exc:
        return _err(command, f"refused: {exc}", 1)
    except EngineError as exc:
        return _err(command, str(exc))
    except OSError as exc:
        return _err(command, f"{exc.filename or ''} {exc.strerror or exc}".strip())
    except KeyboardInterrupt:
        return _err(command, "interrupted")
    except Exception as exc:  # never a traceback; name the kind so a bug is still recognisable
        return _err(command, f"unexpected {type(exc).__name__}: {_one_line(exc)}")
    finally:
        if engine is not None:
            engine.close()


def _report_state(res: ApplyResult) -> None:
    """What exists now, network by network: nothing half-applied goes unreported."""
    unknown = any(v == "unknown" for v in res.state.values())
    print("state of the plan's networks on the engine now"
          + (" (unknown: the engine is not answering, so macplan cannot re-read it):" if unknown else ":"))
    flight = dict((name, op) for op, name in res.in_flight)
    for name, st in res.state.items():
        note = ""
        if name in flight:
            note = (" (being created when the engine stopped answering: it may exist)" if flight[name] == "create"
                    else " (being removed when the engine stopped answering: it may be gone)")
        elif name in res.created:
            note = " (created by this run)"
        elif name in res.rolled_back:
            note = " (rolled back)"
        elif name in res.removed:
            note = " (removed by this run)"
        print(_safe(f"  {name:<20} {st}{note}"))


def _report_destroy(res: DestroyResult) -> None:
    unknown = any(v == "unknown" for v in res.state.values())
    print("state of the plan's networks on the engine now"
          + (" (unknown: the engine is not answering, so macplan cannot re-read it):" if unknown else ":"))
    for name, st in res.state.items():
        note = (" (removed by this run)" if name in res.removed
                else " (being removed when the engine stopped answering: it may be gone)" if name in res.in_flight
                else " (not removed by this run)")
        print(_safe(f"  {name:<20} {st}{note}"))
