"""`macplan verify PLAN`: probe the applied networks on the wire (see macplan.engine.verify)."""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys

from macplan.cli.options import plan_host_option
from macplan.engine.verify import Verifier, _Stop
from macplan.errors import VerifyError


class _ArgError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(allow_abbrev=False, prog="macplan verify",
                                description="Probe a plan's networks with short-lived containers (run after apply).")
    p.add_argument("plan", help="YAML plan or script of docker network create commands")
    p.add_argument("--docker-host", help="engine URL (default: what docker uses: --context, $DOCKER_HOST, "
                                         "$DOCKER_CONTEXT, the current docker context, the local socket)")
    p.add_argument("--context", help="a docker context to use (docker context ls)")
    plan_host_option(p, "which of the plan's hosts this engine is")
    p.add_argument("--image", help="probe image the engine already has (never pulled; default on the lab: "
                                   "macplan/busybox:latest); needs sh, ip, ping and sleep")
    p.add_argument("--shim", action="store_true", help="also try a temporary shim (macplan shim's commands)")
    p.add_argument("--no-lan", action="store_true", help="on the lab: do not set up the LAN side (no gateways answer)")
    p.add_argument("--lan-one-mac", action="store_true",
                   help="on the lab: the LAN side hears only each parent's own MAC, like a VM NIC without "
                        "promiscuous mode / forged transmits (shows what such an underlay looks like)")
    p.add_argument("--json", action="store_true")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    p.error = lambda msg: (_ for _ in ()).throw(_ArgError(msg))  # type: ignore[method-assign]
    return p


def _err(msg: str, code: int = 2) -> int:
    print(f"macplan verify: {' '.join(str(msg).split())}", file=sys.stderr)
    return code


def cli(argv: list[str]) -> int:
    """``macplan verify PLAN ...``; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
    except _ArgError as exc:
        return _err(str(exc))
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    from macplan.errors import EngineError, LanError, PlanRefused

    def progress(msg: str) -> None:
        if not args.quiet:
            print(msg, file=sys.stderr, flush=True)

    def on_term(signum, frame):
        raise _Stop()

    old = signal.signal(signal.SIGTERM, on_term)
    verifier = None
    try:
        try:
            from macplan import load
            from macplan.engine.transport import resolve_endpoint
            from macplan.lab.lan import lab_facts

            # a script says nothing about the host: on the lab, the lab knows its parents and kernel
            facts = None if args.plan.endswith((".yaml", ".yml")) else lab_facts(
                args.docker_host or resolve_endpoint(None, args.context).host)
            plan = load(args.plan, *(facts or ()))
        except OSError as exc:
            return _err(f"{args.plan}: {exc.strerror or exc}")
        except ValueError as exc:
            return _err(str(exc))
        verifier = Verifier(args.docker_host, image=args.image, lan=not args.no_lan, lan_one_mac=args.lan_one_mac,
                            context=args.context, progress=progress)
        if (verifier.lab or args.shim) and os.geteuid() != 0:
            return _err("needs root: it runs ip and ping in the host's network namespace"
                        + (" and makes a temporary shim" if args.shim else ""))
        result = verifier.run(plan, args.host, shim=args.shim)
        print(json.dumps(result.to_dict(), indent=1) if args.json else result.render())
        return 0 if result.ok else 1
    except PlanRefused as exc:
        return _err(f"refused: {exc}")
    except (VerifyError, EngineError, LanError) as exc:
        return _err(str(exc))
    except OSError as exc:
        return _err(f"{exc.filename or ''} {exc.strerror or exc}".strip())
    except (KeyboardInterrupt, _Stop):
        return _err("interrupted; its probes and shims are removed")
    finally:
        if verifier is not None:
            # a second Ctrl-C must not cut the cleanup short: hold signals, then drop them
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
            try:
                verifier.close()
            finally:
                old_int = signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
                signal.signal(signal.SIGINT, old_int)
        signal.signal(signal.SIGTERM, old)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(cli(sys.argv[1:]))
