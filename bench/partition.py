"""Benchmark: split a shared subnet among many hosts (integer arithmetic, nothing enumerated).

    python bench/partition.py

Prints, per case: hosts, block per host, seconds for the split, seconds to add one host,
addresses per host, and what is left for growth.
"""
from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from macplan.partition import split  # noqa: E402

CASES = [
    ("/16 among 500 hosts, equal, 25 % headroom", "10.0.0.0/16", 500, {"gateway": "10.0.0.1",
                                                                         "dhcp": [("10.0.255.0", "10.0.255.254")]}),
    ("/48 among 10,000 hosts, equal", "2001:db8:1::/48", 10_000, {"gateway": "2001:db8:1::1"}),
    ("/48 among 10,000 hosts, a /64 each", "2001:db8:1::/48", 10_000, {"gateway": "2001:db8:1::1", "size": "/64"}),
]


def best(fn, repeat=5):
    times = []
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    print(f"{'case':<44} {'block':>6} {'split s':>8} {'add s':>8} {'per host':>22} {'left for growth':>28}")
    for label, subnet, n, kw in CASES:
        hosts = [f"h{i}" for i in range(n)]
        secs, p = best(lambda: split(subnet, hosts, **kw))
        add_secs, q = best(lambda: p.add("new"))
        assert q.slices[:n] == p.slices
        block = "/" + p.slices[0].ip_range.rsplit("/", 1)[1]
        print(f"{label:<44} {block:>6} {secs:8.3f} {add_secs:8.4f} {p.slices[0].capacity:>22,} {p.left:>28,}")


if __name__ == "__main__":
    main()
