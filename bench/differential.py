"""Differential benchmark: many random user-shaped scripts, macplan's verdict vs a real dockerd.

    python bench/differential.py [--scenarios 600] [--seed 7] [--docker-host unix:///...]
                                 [--lab-name macplan-bench] [--category endpoint ...]
                                 [--cli /usr/bin/docker] [--record out.json] [--replay in.json]
                                 [--record-corpus DIR [--passes 2]]

Scripts (tests/engine/scenarios.py): network create / rm, docker run / create / network connect
with static addresses, config-only/config-from, IPv6 corners, CLI mistakes, in categories.
Without --docker-host it brings up its own sandboxed lab (macplan.lab, netns `--lab-name`,
needs root) and tears it down afterwards. Each scenario runs on a fresh engine (all networks
removed; the daemon restarted after errors that leak IPAM pools on 20.10). A disagreement is
re-run once on a restarted daemon, and up to S.ORDER_RETRIES more times when Docker's own Go-map ordering
decides which error it reports (several subnets of one family, several aux-addresses).

--record saves what the daemon did; --replay compares macplan against such a recording with no
daemon at all (handy while fixing rules). --record-corpus DIR writes the generated scripts as
gen-c-NNNN.sh plus expected.json in the format of tests/data/recordings (README.md there): every
script on a clean engine (containers and networks removed, the daemon restarted), run --passes
times and merged. Prints the agreement figures: commands tried, agreed per category and per kind of
command, disagreed by rule, with examples.
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
        sc = S.Scenario(rec["seed"], rec["index"], tuple(tuple(c) for c in rec["commands"]),
                        rec.get("category", "create"), rec.get("topic", "random"))
        outs = [S.Outcome(o["accepted"], o["error"], o.get("raw", ""), o.get("rc", 0)) for o in rec["outcomes"]]
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
    ap.add_argument("--interfaces", default="eth0,eth1,eth2,eth3,eth0.50,eth0.60,eth1.70",
                    help="parents present on the engine's host (with --docker-host)")
    ap.add_argument("--kernel-lacks", default="8021q,dummy,ipvlan",
                    help="kernel features missing on the engine's host (with --docker-host)")
    ap.add_argument("--record")
    ap.add_argument("--replay")
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--no-handpicked", action="store_true")
    ap.add_argument("--lab-name", default="macplan-bench", help="netns/lab name when no --docker-host")
    ap.add_argument("--category", action="append", choices=sorted(S.WEIGHTS),
                    help="only these categories (repeatable; default: all, by weight)")
    ap.add_argument("--record-corpus", metavar="DIR")
    ap.add_argument("--passes", type=int, default=2, help="recordings per script with --record-corpus")
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

        lab = Lab(args.lab_name, verbose=False)
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

        if args.record_corpus:
            return _record_corpus(args.record_corpus, S.generate(args.seed, args.scenarios, args.category),
                                  host, cli, interfaces, lacks, restart, args.passes, args.seed)
        todo = S.generate(args.seed, args.scenarios, args.category)
        if not (args.no_handpicked or args.category):
            todo = S.HANDPICKED + todo
        figures = S.Figures()
        records = []
        t0 = time.monotonic()
        for n, sc in enumerate(todo, 1):
            S.remove_all_networks(host, cli)
            preds = S.predict(sc, interfaces, lacks, version)
            outs = S.play(sc, host, cli)
            retried = False
            # re-run only where macplan gave a verdict the daemon contradicts (no verdict: nothing to cure)
            if any(p.accepted is not None and not S.agrees(p, o) for p, o in zip(preds, outs)):
                tries = 1 + (S.ORDER_RETRIES if any(S.order_sensitive(c) for c in sc.commands) else 0)
                for k in range(tries):
                    S.remove_all_networks(host, cli)
                    if k == 0:
                        restart()
                    again = S.play(sc, host, cli)
                    if all(p.accepted is None or S.agrees(p, o) for p, o in zip(preds, again)):
                        outs, retried = again, True
                        break
            if S.needs_restart(outs):
                S.remove_all_networks(host, cli)
                restart()
            figures.add(sc, preds, outs, retried)
            records.append({"seed": sc.seed, "index": sc.index, "category": sc.category, "topic": sc.topic,
                            "commands": sc.argvs,
                            "outcomes": [{"accepted": o.accepted, "error": o.error, "raw": o.raw, "rc": o.rc}
                                         for o in outs]})
            if n % 50 == 0:
                print(f"  {n}/{len(todo)} scenarios, {figures.tried} commands, "
                      f"{figures.tried - figures.agreed} disagreed, {time.monotonic() - t0:.0f}s", file=sys.stderr)
        S.remove_all_networks(host, cli)
        elapsed = time.monotonic() - t0
        figures.seconds = elapsed
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


# --------------------------------------------------------------------------- a recorded corpus

# flags that take a value: of `docker network create|connect`, and of `docker run|create` (where -d is --detach)
_VALUED = {"-d", "--driver", "-o", "--opt", "--subnet", "--gateway", "--ip-range", "--aux-address", "--label",
           "--scope", "--config-from", "--ipam-driver", "--ipam-opt", "--ip", "--ip6", "--alias", "--link",
           "--link-local-ip", "--driver-opt"}
_RUN_VALUED = {"--name", "--network", "--net", "--ip", "--ip6", "--mac-address", "--network-alias", "-p",
               "--publish", "-e", "--env", "-v", "--volume", "--label", "-l", "--hostname", "-h", "--restart"}


def _positional(words):
    """The positional words of one docker subcommand's arguments (flags and their values dropped)."""
    out, i = [], 0
    while i < len(words):
        w = words[i]
        if w.startswith("-") and w != "-":
            i += 2 if (w in _VALUED and "=" not in w) else 1
            continue
        out.append(w)
        i += 1
    return out


def _flag(words, *names):
    for i, w in enumerate(words):
        for n in names:
            if w == n and i + 1 < len(words):
                return words[i + 1]
            if w.startswith(n + "="):
                return w.split("=", 1)[1]
    return None


def describe(argv):
    """(op, name, container) of one recorded command, as tests/data/recordings/README.md says."""
    op = S.op_of(argv)
    if op in ("create", "rm"):
        return op, " ".join(_positional(list(argv[3:]))), None
    if op == "connect":
        pos = _positional(list(argv[3:]))
        return op, pos[0] if pos else "", pos[1] if len(pos) > 1 else None
    words = list(argv[2:] if argv[1] in ("run", "create") else argv[3:])
    # flags stop at the image: docker run [OPTIONS] IMAGE [COMMAND]
    flags = []
    i = 0
    while i < len(words) and words[i].startswith("-"):
        w = words[i]
        n = 2 if (w in _RUN_VALUED and "=" not in w) else 1
        flags += words[i:i + n]
        i += n
    return op, _flag(flags, "--network", "--net") or "", _flag(flags, "--name")


def render(sc, n, continued):
    """The script text of scenario sc as gen-c-NNNN.sh, and the line each command starts on."""
    lines = ["#!/bin/sh", f"# development scenario gen-c {n} ({sc.category}/{sc.topic})"]
    starts = []
    for argv in sc.commands:
        starts.append(len(lines) + 1)
        words = [S.shlex.quote(w) for w in argv]
        if continued and len(words) > 9:
            # `docker network create` / `docker run -d` on the first line, then a flag (and value) per line
            head = 3 if argv[1] == "network" else 2
            body, rows, i = words[head:], [], 0
            valued = _VALUED if argv[1] == "network" else _RUN_VALUED
            while i < len(body):
                w = argv[head + i]
                if w == S.IMAGE:  # the image and its command on one line
                    rows.append(" ".join(body[i:]))
                    break
                k = 2 if (w in valued and "=" not in w) else 1
                rows.append(" ".join(body[i:i + k]))
                i += k
            lines.append(" ".join(words[:head]) + " \\")
            for j, row in enumerate(rows):
                lines.append("  " + row + (" \\" if j < len(rows) - 1 else ""))
        else:
            lines.append(" ".join(words))
    return "\n".join(lines) + "\n", starts


def _record_corpus(out_dir, todo, host, cli, interfaces, lacks, restart, passes, seed):
    import random
    import subprocess

    os.makedirs(out_dir, exist_ok=True)
    ver = json.loads(subprocess.run([cli, "-H", host, "version", "--format", "{{json .}}"],
                                    capture_output=True, text=True, timeout=60).stdout)
    server = ver["Server"]
    comps = {c["Name"]: c for c in server.get("Components") or []}
    look = random.Random(seed)
    cases, t0 = [], time.monotonic()
    per_pass = []
    for p in range(passes):
        outs_all = []
        for n, sc in enumerate(todo):
            if not S.remove_all_networks(host, cli):
                print(f"  gen-c-{n:04d}: engine not clean, restarting", file=sys.stderr)
            restart()  # a fresh daemon: no IPAM pool a 20.10 leaked in an earlier script
            S.remove_all_networks(host, cli)
            outs_all.append(S.play(sc, host, cli))
            if (n + 1) % 50 == 0:
                print(f"  pass {p + 1}: {n + 1}/{len(todo)} scripts, {time.monotonic() - t0:.0f}s", file=sys.stderr)
        per_pass.append(outs_all)
    S.remove_all_networks(host, cli)
    elapsed = time.monotonic() - t0
    commands = 0
    for n, sc in enumerate(todo):
        fname = f"gen-c-{n:04d}.sh"
        text, starts = render(sc, n, continued=look.random() < 0.2)
        with open(os.path.join(out_dir, fname), "w") as fh:
            fh.write(text)
        results = []
        for k, argv in enumerate(sc.commands):
            commands += 1
            seen = [pp[n][k] for pp in per_pass]
            first = seen[0]
            op, name, ctr = describe(argv)
            res = {"line": starts[k], "op": op, "name": name}
            if ctr is not None:
                res["container"] = ctr
            res.update({"accepted": first.accepted, "rc": first.rc,
                        "message": "" if first.accepted else first.raw.strip()})
            res["messages"] = sorted({o.raw.strip() for o in seen if not o.accepted})
            warns = sorted({o.raw.strip() for o in seen if o.accepted and o.raw.strip()})
            if warns:
                res["warning"], res["warnings"] = warns[0], warns
            if len({o.accepted for o in seen}) > 1:
                res["unstable"] = True
            if len({o.rc for o in seen}) > 1:
                res["rcs"] = sorted({o.rc for o in seen})
            results.append(res)
        cases.append({"file": fname, "category": sc.category, "topic": sc.topic, "results": results})
    data = {"engine": server["Version"].split("+")[0], "engine_build": server["Version"],
            "engine_commit": server.get("GitCommit", ""), "client": ver["Client"]["Version"],
            "containerd": comps.get("containerd", {}).get("Version", ""),
            "runc": comps.get("runc", {}).get("Version", ""),
            "interfaces": list(interfaces), "kernel_lacks": sorted(lacks), "image": S.IMAGE,
            "generator": f"tests/engine/scenarios.py generate(seed={seed}, count={len(todo)}): categories "
                         + ", ".join(f"{c} (weight {w})" for c, w in S.WEIGHTS.items()),
            "recorded": f"{passes} recording(s) per script with the engine's own {ver['Client']['Version']} CLI; "
                        "each script on a clean engine (containers and networks removed, dockerd restarted)",
            "cases": cases}
    with open(os.path.join(out_dir, "expected.json"), "w") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")
    unstable = sum(1 for c in cases for r in c["results"] if r.get("unstable"))
    print(f"recorded {len(todo)} scripts, {commands} commands, {passes} pass(es) in {elapsed:.0f}s "
          f"({elapsed / max(1, passes * len(todo)):.2f} s per script run); {unstable} unstable verdicts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
