"""Replay the scripts recorded on real Docker engines (tests/data/recordings) through
`macplan check --json` and compare, command by command, Docker's verdict and message with macplan's.

Three corpora (CORPORA): "20.10" and "29" (engine-20.10/, engine-29.7.2/: a copy of
shared/recordings, network create/rm scripts) and "lab-20.10" (lab-20.10/: the lab's 20.10.24
engine on the widened differential generator's scripts, with containers: run/create/connect).

Used by tests/test_recordings.py (the CI gate) and bench/recordings.py (the figures per category).

How a recorded command meets macplan's report:
- the n-th `docker network create` of a script is `networks[n]` (the check contract);
- the n-th `docker network rm` is `removals[n]`: one entry per rm command, its `accepted` false
  when Docker exited non-zero (a missing name), its own `docker_error` the message;
- the n-th endpoint command (`docker run`, `docker create`, `docker network connect`; recorded
  ops "run", "create-container", "connect") is `endpoints[n]`: one entry per command, in order,
  `accepted` and its own `docker_error`, like removals;
- a network's message is the `docker_error` of its first error finding that quotes Docker.

Docker's message is compared after the normalising every caller of macplan gets: the CLI's
"docker: " and "Error response from daemon: " prefixes, the 29.x CLI's trailing "exit status N"
line and the CLI's usage boilerplate ("See 'docker network create --help'." / the Usage block) are
not part of the message; ids become <id>, and so do the veth names a runtime hook quotes (with its
log timestamp as time="<time>"). Where Docker walks a Go map (which aux-address or pool it names first),
the recording keeps every variant it saw in `messages`: any of them counts as exact.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORDINGS = HERE / "data" / "recordings"
SCRIPTS = RECORDINGS / "engine-20.10"  # both shared engines ran the same scripts


@dataclasses.dataclass(frozen=True)
class Corpus:
    name: str
    engine: str  # the profile `macplan check --engine` gets
    folder: Path  # its scripts and expected.json


CORPORA = {"20.10": Corpus("20.10", "20.10", RECORDINGS / "engine-20.10"),
           "29": Corpus("29", "29", RECORDINGS / "engine-29.7.2"),
           "lab-20.10": Corpus("lab-20.10", "20.10", RECORDINGS / "lab-20.10")}
ENGINES = {name: c.folder / "expected.json" for name, c in CORPORA.items()}
#: the two corpora recorded on real engines with the same scripts (shared/recordings)
SHARED = ("20.10", "29")
OPS = {"create": "networks", "rm": "removals", "run": "endpoints", "create-container": "endpoints",
       "connect": "endpoints", "network delete": "removals"}  # `network delete`: a removal the CLI refuses

DAEMON_PREFIX = "Error response from daemon: "
_ID_RE = re.compile(r"\b(d[mi]-)[0-9a-f]{12}\b|\b[0-9a-f]{64}\b")
_NOISE = ((re.compile(r"\bveth[0-9a-f]{7}\b"), "veth<id>"), (re.compile(r'time="[^"]*"'), 'time="<time>"'))
_TAIL_RE = re.compile(r"\n+(See 'docker [^']*--help'\.|Usage:|Run 'docker [^']*--help').*\Z", re.S)


def normalise(message: str) -> str:
    """Docker's printed text as macplan's `docker_error` spells it."""
    text = message.strip()
    text = re.sub(r"\n+exit status \d+\Z", "", text)
    text = _TAIL_RE.sub("", text)
    if text.startswith("docker: " + DAEMON_PREFIX):
        # `docker run|create` print the daemon's answer as "docker: %v." (cli/command/container)
        text = text[len("docker: "):]
        if text.endswith("."):
            text = text[:-1]
    if text.startswith(DAEMON_PREFIX):
        text = text[len(DAEMON_PREFIX):]
    text = _ID_RE.sub(lambda m: (m.group(1) or "") + "<id>", text)
    for rx, sub in _NOISE:
        text = rx.sub(sub, text)
    return text.strip()


def variants(message: str) -> set[str]:
    """Every daemon text `message` can stand for, normalised.  `docker run|create` print the
    daemon's answer through reportError, which does `strings.TrimSuffix(str, ".") + "."`
    (docker/cli cli/command/container/run.go @v20.10.24), so a daemon text that ends in "." (a
    name conflict: "...to be able to reuse that name.") and one that does not print alike."""
    text = normalise(message)
    if message.strip().startswith("docker: " + DAEMON_PREFIX):
        return {text, text + "."}
    return {text}


@dataclasses.dataclass
class Tally:
    commands: int = 0
    verdicts: int = 0
    refusals: int = 0
    messages: int = 0

    def add(self, other: "Tally") -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclasses.dataclass
class Miss:
    file: str
    line: int
    op: str
    what: str
    docker: str
    macplan: str


def category(case: dict) -> str:
    return case.get("category") or "gen-a"


def load(corpus: str) -> dict:
    return json.loads(ENGINES[corpus].read_text())


def run_check(path: Path, engine: str, interfaces, kernel_lacks) -> tuple[int, dict | None, str]:
    """`macplan check PATH --json` in-process: (exit code, report or None, stderr)."""
    from macplan.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(["check", str(path), "--engine", engine, "--interfaces", ",".join(interfaces),
                   "--kernel-lacks", ",".join(kernel_lacks), "--json"])
    try:
        report = json.loads(out.getvalue()) if rc in (0, 1) else None
    except ValueError:
        report = None
    return rc, report, err.getvalue().strip()


def replay_case(case: dict, engine: str, data: dict, scripts: Path = SCRIPTS,
                by_op: dict[str, Tally] | None = None) -> tuple[Tally, list[Miss]]:
    """One recorded script: its tally (and, into by_op, a tally per op) and its disagreements."""
    tally, misses = Tally(), []
    if by_op is not None:
        out = replay_case(case, engine, data, scripts)
        for res in case["results"]:
            t = by_op.setdefault(res["op"], Tally())
            t.commands += 1
        _tally_ops(case, out[1], by_op)
        return out
    rc, report, err = run_check(scripts / case["file"], engine, data["interfaces"], data["kernel_lacks"])
    pools = {key: list((report or {}).get(key, [])) for key in set(OPS.values())}
    for res in case["results"]:
        tally.commands += 1
        key = OPS.get(res["op"], "other")  # e.g. `docker network delete`: no report entry
        pool = pools.get(key, [])
        got = pool.pop(0) if pool else None
        docker_msgs = {v for m in (res.get("messages") or [res["message"]]) for v in variants(m)} or {""}
        want = "accepted" if res["accepted"] else "refused"
        if got is None:
            why = f"exit {rc}: {err}" if report is None else f"no {key} entry in the report"
            misses.append(Miss(case["file"], res["line"], res["op"], "missing", want, why))
            continue
        mine = "accepted" if got.get("accepted") else "refused"
        said = docker_error(got)
        if res.get("unstable"):  # Docker itself answered both ways over the recordings
            want = mine
        if mine == want:
            tally.verdicts += 1
        else:
            misses.append(Miss(case["file"], res["line"], res["op"], "verdict",
                               f"{want}: {normalise(res['message'])}", f"{mine}: {said}"))
            continue
        if want == "accepted":
            continue
        tally.refusals += 1
        if said in docker_msgs:
            tally.messages += 1
        else:
            misses.append(Miss(case["file"], res["line"], res["op"], "message",
                               " | ".join(sorted(docker_msgs)), str(said)))
    return tally, misses


def _tally_ops(case: dict, misses: list[Miss], by_op: dict[str, Tally]) -> None:
    """Verdicts right / refusals / exact messages per op, from a case's results and its misses."""
    missed = {(m.line, m.what) for m in misses}
    for res in case["results"]:
        t = by_op[res["op"]]
        if (res["line"], "missing") in missed or (res["line"], "verdict") in missed:
            continue
        t.verdicts += 1
        if res["accepted"] and not res.get("unstable"):
            continue
        t.refusals += 1
        t.messages += (res["line"], "message") not in missed


def docker_error(entry: dict) -> str | None:
    """What macplan says Docker prints for one report entry: a removal or an endpoint carries it
    itself, a network in its first error finding that quotes Docker."""
    if "docker_error" in entry:
        return entry["docker_error"]
    return next((f["docker_error"] for f in entry.get("findings", ())
                 if f.get("severity") == "error" and f.get("docker_error")), None)


def replay(corpus: str, by_op: dict[str, Tally] | None = None) -> tuple[dict[str, Tally], list[Miss]]:
    """Every recorded case of one corpus ("20.10", "29", "lab-20.10"): tallies per category and
    every disagreement (and, into by_op when given, tallies per op: create, rm, run, ...)."""
    c = CORPORA[corpus]
    data = load(corpus)
    scripts = SCRIPTS if c.folder in (CORPORA["20.10"].folder, CORPORA["29"].folder) else c.folder
    tallies: dict[str, Tally] = defaultdict(Tally)
    misses: list[Miss] = []
    for case in data["cases"]:
        t, m = replay_case(case, c.engine, data, scripts, by_op)
        tallies[category(case)].add(t)
        misses.extend(m)
    return dict(tallies), misses


def table(corpus: str, tallies: dict[str, Tally]) -> str:
    c = CORPORA.get(corpus)
    label = f"engine {corpus}" if c is None or c.name == c.engine else f"corpus {corpus} (engine {c.engine})"
    rows = [f"{label}: category  commands  verdicts right  refusals  exact messages"]
    total = Tally()
    for cat in sorted(tallies):
        t = tallies[cat]
        total.add(t)
        rows.append(f"  {cat:<8} {t.commands:>6}  {t.verdicts:>6} ({_pct(t.verdicts, t.commands)})"
                    f"  {t.refusals:>6}  {t.messages:>6} ({_pct(t.messages, t.refusals)})")
    rows.append(f"  {'all':<8} {total.commands:>6}  {total.verdicts:>6} ({_pct(total.verdicts, total.commands)})"
                f"  {total.refusals:>6}  {total.messages:>6} ({_pct(total.messages, total.refusals)})")
    return "\n".join(rows)


def miss_summary(misses: list[Miss], examples: int = 3) -> str:
    kinds = Counter((m.what, m.docker[:70]) for m in misses)
    lines = []
    for (what, docker), n in kinds.most_common(40):
        ex = next(m for m in misses if (m.what, m.docker[:70]) == (what, docker))
        lines.append(f"{n:>4} {what:<8} docker: {docker!r}\n       macplan: {ex.macplan[:160]!r}  ({ex.file}:{ex.line})")
    return "\n".join(lines)


def _pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:5.1f} %" if b else "    - "
