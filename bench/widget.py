"""Benchmark of the planner widget: from an edit in the form to the updated display, on a
1000-network plan (one macvlan network per VLAN over 4 hosts, bench/core.py's plan; `N` for
another size: issue 13 measures 4094, opening under 3 s and an edit under 100 ms).
Prints figures; asserts nothing. Target (DESIGN.md): within 100 ms.

    python bench/widget.py [N]

"Edit to display" is the time a field's new value takes to come back from the widget, sent the
way a browser sends it (``set_state``, what the kernel does with a comm message): parse,
re-check (incremental), and every panel brought up to date (findings, list, address map,
capacity, MAC charts). The widgets talk to a comm that serializes each message as the kernel's
session does and counts its bytes, so "sent per edit" is what would go to the browser. The
browser adds the comm round trip and its own layout.

"Redraw alone" is each edit's time minus the re-check inside it (the planner's own
``Checked.replace`` call, timed around it): parsing the field, the undo step, and every panel.
The Python garbage collector's full passes are counted too: they land in whichever part of an
edit allocates when they fall due.
"""
from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.dirname(__file__))

import comm  # noqa: E402
from comm.base_comm import BaseComm  # noqa: E402
from core import vlan_plan  # noqa: E402

import macplan  # noqa: E402
from macplan.notebook.planner import Planner  # noqa: E402

try:
    from jupyter_client.session import json_packer  # what the kernel serializes messages with
except ImportError:  # pragma: no cover
    def json_packer(obj) -> bytes:
        return json.dumps(obj, ensure_ascii=False, default=str).encode("utf8", errors="surrogateescape")


class Wire:
    """Bytes the widgets send, by comm id (one comm per widget)."""

    def __init__(self) -> None:
        self.sent: dict[str, int] = {}

    def total(self) -> int:
        return sum(self.sent.values())

    def clear(self) -> None:
        self.sent.clear()


WIRE = Wire()


class RecordingComm(BaseComm):
    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys) -> None:
        size = len(json_packer({"msg_type": msg_type, "data": data, "metadata": metadata or {}, **keys}))
        size += sum(len(b) for b in buffers or ())
        WIRE.sent[self.comm_id] = WIRE.sent.get(self.comm_id, 0) + size


comm.create_comm = RecordingComm     # ipywidgets asks comm.create_comm for each widget's comm


class FullPasses:
    """Python's full (generation 2) garbage collections while it is on: how many, how long."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._t0 = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._t0 = time.perf_counter()
        else:
            self.times.append(time.perf_counter() - self._t0)

    def __enter__(self) -> "FullPasses":
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self)


class Edits:
    """One row of figures: edit to display, the re-check in it, and the redraw (the rest)."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.check: list[float] = []
        self.how: list[str] = []
        self.sent: list[int] = []

    def __iadd__(self, other: "Edits") -> "Edits":
        for k in ("wall", "cpu", "check", "how", "sent"):
            getattr(self, k).extend(getattr(other, k))
        return self

    def rechecked(self) -> "Edits":
        out = Edits()
        for i, c in enumerate(self.check):
            if c is not None:
                for k in ("wall", "cpu", "check", "how", "sent"):
                    getattr(out, k).append(getattr(self, k)[i])
        return out

    def redraw(self) -> list[float]:
        return [w - (c or 0.0) for w, c in zip(self.wall, self.check)]


class Rechecks:
    """Times the planner's re-checks: its Checked's own ``replace``, called as the planner calls
    it, with a stopwatch around it."""

    def __init__(self, p: Planner) -> None:
        self.times: list[float] = []
        real = p.checked.replace

        def replace(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                self.times.append(time.perf_counter() - t0)

        p.checked.replace = replace     # type: ignore[method-assign]


def timed_edits(p: Planner, key: str, values: list[str], rounds: int) -> Edits:
    out = Edits()
    rechecks = Rechecks(p)
    for _ in range(rounds):
        for v in values:
            rechecks.times.clear()
            WIRE.clear()
            t0, c0 = time.perf_counter(), time.process_time()
            p.fields[key].set_state({"value": v})       # what a browser edit sends
            out.wall.append(time.perf_counter() - t0)
            out.cpu.append(time.process_time() - c0)
            out.check.append(sum(rechecks.times) if rechecks.times else None)
            out.how.append(p.checked.last if rechecks.times else "no re-check")
            out.sent.append(WIRE.total())
    del p.checked.replace
    return out


def ms(xs: list[float]) -> str:
    if not xs:
        return "(none)"
    xs = sorted(xs)
    p90 = xs[int(len(xs) * 0.9) - 1] if len(xs) >= 10 else xs[-1]
    return f"median {statistics.median(xs) * 1000:6.1f} ms  p90 {p90 * 1000:6.1f} ms  max {xs[-1] * 1000:6.1f} ms"


def row(title: str, e: Edits) -> None:
    kinds = ", ".join(f"{k} {e.how.count(k)}" for k in sorted(set(e.how)))
    cpu = f"[cpu {statistics.median(e.cpu) * 1000:.1f} ms]" if e.cpu else ""
    sent = f"sent {statistics.median(e.sent):,.0f} B" if e.sent else ""
    print(f"  {title:44} {ms(e.wall)}   {cpu}  {sent}  ({kinds})")
    print(f"  {'  of which redraw (edit minus re-check)':44} {ms(e.redraw())}")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    plan = vlan_plan(n)
    t0 = time.perf_counter()
    macplan.check(plan)
    full = time.perf_counter() - t0
    WIRE.clear()
    t0 = time.perf_counter()
    p = Planner(plan, engine="20.10")
    opened = time.perf_counter() - t0
    opening = WIRE.total()
    print(f"plan: {n} networks on {len({x.host for x in plan.networks})} hosts; "
          f"one full macplan.check: {full * 1000:.0f} ms; opening the planner: {opened * 1000:.0f} ms "
          f"({opening:,} bytes of widget state)")
    p.select(f"vlan{n // 2}")
    mid = n // 2
    third, second = (mid + 4) % 256, (mid + 4) // 256
    cases = [
        ("containers", "containers", ["10", "60"]),
        ("subnet: overlap another network, then fix", "subnets",
         [f"10.{second}.{third}.0/24", f"10.{mid // 256}.{mid % 256}.0/24"]),
        ("VLAN: move to another VLAN, then back", "vlan", [str(mid + 1), str(mid)]),
        # the fix puts back the plan's own value: neither edit changes the plan, so no re-check
        ("gateway: a typo (inline error), then fixed", "gateways",
         [f"10.{mid // 256}.{mid % 256}.300", f"10.{mid // 256}.{mid % 256}.1"]),
    ]
    print(f"\nedit -> updated display, network vlan{mid}, 10 rounds each (wall clock; CPU in brackets; "
          "bytes sent to the browser per edit, median):")
    overall = Edits()
    with FullPasses() as passes:
        for title, key, values in cases:
            e = timed_edits(p, key, values, 10)
            overall += e
            row(title, e)
    print(f"  {'all edits':44} {ms(overall.wall)}")
    changed = overall.rechecked()
    print(f"  {'all edits that re-check (' + str(len(changed.wall)) + ')':44} {ms(changed.wall)}")
    print(f"  {'  of which the re-check':44} {ms(changed.check)}")
    print(f"  {'  of which redraw (edit minus re-check)':44} {ms(changed.redraw())}")
    longest = f", longest {max(passes.times) * 1000:.0f} ms" if passes.times else ""
    print(f"  full garbage collections during these {len(overall.wall)} edits: {len(passes.times)}{longest}")

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
    # the same edit with the Commands tab open: the whole script is re-made (emit.checked_commands)
    p.tabs.selected_index = 1
    row("containers, with the Commands tab open", timed_edits(p, "containers", ["10", "60"], 5))
    p.tabs.selected_index = 0

    # the network list: typing in its filter, one keystroke at a time
    keys, shown = [], []
    for text in ("v", "vl", "vla", "vlan", f"vlan{mid // 10}", f"vlan{mid}", "h1", ""):
        WIRE.clear()
        t0 = time.perf_counter()
        p.filter.set_state({"value": text})
        keys.append(time.perf_counter() - t0)
        shown.append(len(p.networks.options))
    print(f"\nnetwork list ({n:,} networks): a keystroke in its filter {ms(keys)}; "
          f"rows in the list at most {max(shown)}, the rest found by typing")

    sizes = {name: len(w.value) for name, w in (("findings", p.findings_html), ("network", p.network_html),
                                                 ("capacity & MACs", p.macs_html), ("commands", p.commands_html))}
    print("\nHTML each panel holds (characters; a panel is sent again only where it changed):",
          ", ".join(f"{k} {v:,}" for k, v in sizes.items()))
    print(f"findings in the plan: {len(p.report.findings)} (the panel shows the first 60, errors first)")


if __name__ == "__main__":
    main()
