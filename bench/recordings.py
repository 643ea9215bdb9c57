"""Agreement with the recorded real engines: every script of tests/data/recordings (Docker
Engine 29.7.2 and Debian's 20.10.24; the lab's 20.10.24 on the differential generator's scripts)
through `macplan check --json`, per category.

    python bench/recordings.py [--engine 20.10|29|lab-20.10] [--misses N]

Prints, per corpus and category (for lab-20.10 the generator's categories: create, endpoint, rm,
config, ipv6, cli), commands, verdicts right, refusals and exact messages, then the
most common disagreements (with one example each).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))

import recordings as R  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine", "--corpus", dest="engine", choices=sorted(R.CORPORA), action="append",
                    help="corpus to replay (repeatable; default: all)")
    ap.add_argument("--misses", type=int, default=40, help="disagreement kinds to list (0: none)")
    args = ap.parse_args()
    for engine in args.engine or sorted(R.CORPORA):
        t0 = time.perf_counter()
        by_op: dict = {}
        tallies, misses = R.replay(engine, by_op)
        print(R.table(engine, tallies))
        print(R.table(engine, by_op).splitlines()[0].replace("category", "command ") + "\n"
              + "\n".join(R.table(engine, by_op).splitlines()[1:-1]))
        print(f"  ({time.perf_counter() - t0:.1f} s)")
        if misses and args.misses:
            print(R.miss_summary(misses[: 10_000])[: 200 * args.misses])
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
