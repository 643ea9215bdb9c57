"""Differential benchmark: many random create scripts, macplan's verdict vs a real dockerd.

    python bench/differential.py [--scenarios 600] [--seed 7] [--docker-host unix:///...]
                                 [--cli /usr/bin/docker] [--record out.json] [--replay in.json]

Without --docker-host it brings up its own sandboxed lab (macplan.lab, netns `macplan-bench`,
needs root) and tears it down afterwards. Each scenario runs on a fresh engine (all networks
removed; the daemon restarted after errors that leak IPAM pools on 20.10). A disagreement is
re-run once on a restarted daemon, and up to S.ORDER_RETRIES more times when Docker's own Go-map ordering
decides which error it reports (several subnets of one family, several aux-addresses).

--record saves what the daemon did; --replay compares macplan against such a recording with no
daemon at all (handy while fixing rules). Prints the agreement figures: commands tried, agreed,
disagreed by rule, with examples.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests", "engine"))

import scenarios as S  # noqa: E402


def _replay(path: str, examples: int) -> int:
    data = json.load(open(path))
    figures = S.Figures()
    for rec in data["scenarios"]:
        sc = S.Scenario(rec["seed"], rec["index"], tuple(tuple(c) for c in rec["commands"]))
        outs = [S.Outcome(o["accepted"], o["error"], o.get("raw", "")) for o in rec["outcomes"]]
        preds = S.predict(sc, data["interfaces"], data["kernel_lacks"], data["engine"])
        figures.add(sc, preds, outs)
    print(figures.report(data["engine"], examples))
    return 0 if figures.tried == figures.agreed else 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenarios", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--docker-host")
    ap.add_argument("--cli", help="docker CLI of the engine's release line (default: found)")
    ap.add_argument("--interfaces", default=",".join(S.PRESENT_PARENTS),
                    help="parents present on the engine's host (with --docker-host)")
    ap.add_argument("--kernel-lacks", default="8021q,dummy,ipvlan",
                    help="kernel features missing on the engine's host (with --docker-host)")
    ap.add_argument("--record")
    ap.add_argument("--replay")
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--no-handpicked", action="store_true")
    args = ap.parse_args(argv)

    if args.replay:
        return _replay(args.replay, args.examples)

    import docker

    lab = None
    if args.docker_host:
        host = args.docker_host
        interfaces = tuple(i for i in args.interfaces.split(",") if i)
        lacks = tuple(k for k in args.kernel_lacks.split(",") if k)
    else:
        from macplan.lab import Lab

        lab = Lab("macplan-bench", verbose=False)
        t = time.monotonic()
        lab.up()
        print(f"lab up in {time.monotonic() - t:.1f}s", file=sys.stderr)
        host, interfaces, lacks = lab.docker_host, tuple(lab.interfaces), tuple(lab.kernel_lacks)
    try:
        client = docker.DockerClient(base_url=host, version="auto", timeout=60)
        version = client.version()["Version"]
        cli = args.cli or S.engine_cli(version)
        if cli is None:
            print(f"no docker CLI of release line {S.release_line(version)} found; pass --cli", file=sys.stderr)
            return 2

        def restart():
            if lab is not None:
                lab.restart()
                return True
            return False  # someone else's daemon: never restart it

        todo = S.generate(args.seed, args.scenarios) if args.no_handpicked else S.scenarios(args.seed, args.scenarios)
        figures = S.Figures()
        records = []
        t0 = time.monotonic()
        for n, sc in enumerate(todo, 1):
            S.remove_all_networks(host, cli)
            preds = S.predict(sc, interfaces, lacks, version)
            outs = S.play(sc, host, cli)
            retried = False
            if any(not S.agrees(p, o) for p, o in zip(preds, outs)):
                tries = 1 + (S.ORDER_RETRIES if any(S.order_sensitive(c) for c in sc.commands) else 0)
                for k in range(tries):
                    S.remove_all_networks(host, cli)
                    if k == 0:
                        restart()
                    again = S.play(sc, host, cli)
                    if all(S.agrees(p, o) for p, o in zip(preds, again)):
                        outs, retried = again, True
                        break
            if S.needs_restart(outs):
                S.remove_all_networks(host, cli)
                restart()
            figures.add(sc, preds, outs, retried)
            records.append({"seed": sc.seed, "index": sc.index, "commands": sc.argvs,
                            "outcomes": [{"accepted": o.accepted, "error": o.error, "raw": o.raw} for o in outs]})
            if n % 50 == 0:
                print(f"  {n}/{len(todo)} scenarios, {figures.tried} commands, "
                      f"{figures.tried - figures.agreed} disagreed, {time.monotonic() - t0:.0f}s", file=sys.stderr)
        S.remove_all_networks(host, cli)
        elapsed = time.monotonic() - t0
        print(figures.report(version, args.examples))
        print(f"{elapsed:.1f}s, {figures.tried / elapsed:.1f} commands/s (CLI {cli})")
        if args.record:
            with open(args.record, "w") as fh:
                json.dump({"engine": version, "interfaces": list(interfaces), "kernel_lacks": list(lacks),
                           "scenarios": records}, fh, indent=1)
        return 0 if figures.tried == figures.agreed else 1
    finally:
        if lab is not None:
            lab.down()


if __name__ == "__main__":
    sys.exit(main())
