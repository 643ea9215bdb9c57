"""Benchmark of the planner widget: from an edit in the form to the updated display, on a
1000-network plan (one macvlan network per VLAN over 4 hosts, bench/core.py's plan; `N` for
another size: issue 13 measures 4094, opening under 3 s and an edit under 100 ms).
Prints figures; asserts nothing. Target (DESIGN.md): within 100 ms.

    python bench/widget.py [N]

"Edit to display" is the time a field's new value takes to come back from the trait change:
parse, re-check (incremental), and every panel re-rendered (findings, list, address map,
capacity, MAC charts, commands). The browser adds the comm round trip and its own layout.
"""
from __future__ import annotations

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.dirname(__file__))

from core import vlan_plan  # noqa: E402

import macplan  # noqa: E402
from macplan.notebook.planner import Planner  # noqa: E402


def timed_edits(p: Planner, key: str, values: list[str], rounds: int) -> tuple[list[float], list[float], list[str]]:
    wall, cpu, how = [], [], []
    for r in range(rounds):
        for v in values:
            t0, c0 = time.perf_counter(), time.process_time()
            p.fields[key].value = v
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            how.append(p.checked.last)
    return wall, cpu, how


def ms(xs: list[float]) -> str:
    xs = sorted(xs)
    p90 = xs[int(len(xs) * 0.9) - 1] if len(xs) >= 10 else xs[-1]
    return f"median {statistics.median(xs) * 1000:6.1f} ms  p90 {p90 * 1000:6.1f} ms  max {xs[-1] * 1000:6.1f} ms"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    plan = vlan_plan(n)
    t0 = time.perf_counter()
    macplan.check(plan)
    full = time.perf_counter() - t0
    t0 = time.perf_counter()
    p = Planner(plan, engine="20.10")
    opened = time.perf_counter() - t0
    print(f"plan: {n} networks on {len({x.host for x in plan.networks})} hosts; "
          f"one full macplan.check: {full * 1000:.0f} ms; opening the planner: {opened * 1000:.0f} ms")
    p.select(f"vlan{n // 2}")
    mid = n // 2
    third, second = (mid + 4) % 256, (mid + 4) // 256
    cases = [
        ("containers", "containers", ["10", "60"]),
        ("subnet: overlap another network, then fix", "subnets",
         [f"10.{second}.{third}.0/24", f"10.{mid // 256}.{mid % 256}.0/24"]),
        ("VLAN: move to another VLAN, then back", "vlan", [str(mid + 1), str(mid)]),
        ("gateway: a typo (inline error), then fixed", "gateways",
         [f"10.{mid // 256}.{mid % 256}.300", f"10.{mid // 256}.{mid % 256}.1"]),
    ]
    print(f"\nedit -> updated display, network vlan{mid}, 10 rounds each (wall clock; CPU in brackets):")
    overall = []
    for title, key, values in cases:
        wall, cpu, how = timed_edits(p, key, values, 10)
        overall += wall
        kinds = ", ".join(f"{k} {how.count(k)}" for k in sorted(set(how)))
        print(f"  {title:44} {ms(wall)}   [cpu {statistics.median(cpu) * 1000:.1f} ms]  ({kinds})")
    print(f"  {'all edits':44} {ms(overall)}")

    # the engine room alone (macplan/checked.py + report.recheck), without any panel redrawn
    from macplan.checked import Checked
    c = Checked(plan, "20.10")
    index = next(i for i, x in enumerate(plan.networks) if x.name == f"vlan{mid}")
    net = plan.networks[index]
    wall, cpu = [], []
    for k in range(20):
        t0, c0 = time.perf_counter(), time.process_time()
        c.replace(index, net.with_(containers=10 + k % 2))
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(f"  {'re-check only (Checked.replace, ' + c.last + ')':44} {ms(wall)}   "
          f"[cpu {statistics.median(cpu) * 1000:.1f} ms]")
    sizes = {name: len(w.value) for name, w in (("findings", p.findings_html), ("network", p.network_html),
                                                 ("capacity & MACs", p.macs_html), ("commands", p.commands_html))}
    print("\nHTML sent to the browser per panel (characters):",
          ", ".join(f"{k} {v:,}" for k, v in sizes.items()))
    print(f"findings in the plan: {len(p.report.findings)} (the panel shows the first 60, errors first)")


if __name__ == "__main__":
    main()
