"""Benchmark of the pure core: check + capacity + commands on generated plans, and the CLI's
cold start.  Prints figures; asserts nothing.

    python bench/core.py            # 1k / 2k / 4094 VLANs, dual-stack /48, cold start
"""
from __future__ import annotations

import ipaddress
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import macplan  # noqa: E402
from macplan import emit  # noqa: E402
from macplan.model import Host, Interface, Network, Plan  # noqa: E402

HOSTS = 4


def vlan_plan(n: int) -> Plan:
    """One macvlan network per VLAN (eth0.<vid>), /24 subnets across 10.0.0.0/8, round-robin
    over several hosts, each with a port-security limit."""
    hosts = tuple(Host(f"h{i}", (Interface("eth0", mac_limit=100000),)) for i in range(HOSTS))
    nets = []
    for vid in range(1, n + 1):
        third, second = vid % 256, vid // 256
        nets.append(Network(
            name=f"vlan{vid}", driver="macvlan", host=f"h{vid % HOSTS}",
            options=(("parent", f"eth0.{vid}"),),
            subnets=(f"10.{second}.{third}.0/24",), ip_ranges=(f"10.{second}.{third}.128/25",),
            gateways=(f"10.{second}.{third}.1",), aux=(("router2", f"10.{second}.{third}.2"),),
            containers=50))
    return Plan(name=f"vlans{n}", hosts=hosts, networks=tuple(nets), vlan_limits=((10, 40),))


def dual_stack_plan(n_hosts: int) -> Plan:
    """A /48 split into one /64 per host, each host with one dual-stack macvlan network."""
    v6 = ipaddress.ip_network("2001:db8:abcd::/48")
    hosts, nets = [], []
    for i, sub in zip(range(n_hosts), v6.subnets(new_prefix=64)):
        hosts.append(Host(f"h{i}", (Interface("eth0"),)))
        nets.append(Network(
            name="dual", host=f"h{i}", options=(("parent", "eth0"),), ipv6=True,
            subnets=(f"10.{i // 256}.{i % 256}.0/24", str(sub)),
            gateways=(f"10.{i // 256}.{i % 256}.1", str(sub[1])), containers=20))
    return Plan(name="dual", hosts=tuple(hosts), networks=tuple(nets))


def timed(fn, repeat=5):
    """(best wall time, best CPU time of this process): CPU time is what to compare when
    other work shares the machine's two cores."""
    from macplan.docker import goparse
    wall, cpu = [], []
    for _ in range(repeat):
        for cached in (goparse.parse_ip, goparse.parse_cidr, goparse.parse_prefix):
            cached.cache_clear()            # every run parses every address anew
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return min(wall), min(cpu)


def full(plan, engine):
    report = macplan.check(plan, engine)
    cap = macplan.capacity(plan, engine, report=report)
    text = emit.commands(plan)
    return report, cap, text


def main():
    print("check + capacity + commands (best of 5: wall / CPU)")
    rows = []
    for n in (1000, 2000, 4094):
        plan = vlan_plan(n)
        for engine in ("20.10", "29"):
            best, med = timed(lambda: full(plan, engine))
            rows.append((n, engine, best, med))
            print(f"  {n:5d} VLAN networks, engine {engine:5s}: {best * 1000:7.1f} ms wall, {med * 1000:7.1f} ms CPU")
    for engine in ("20.10", "29"):
        t1 = next(r[3] for r in rows if r[0] == 1000 and r[1] == engine)
        t4 = next(r[3] for r in rows if r[0] == 4094 and r[1] == engine)
        print(f"  growth 1000 -> 4094 on {engine}: x{t4 / t1:.2f} (n log n predicts x{4.094 * 1.204:.2f}, n^2 x16.8)")
    report, cap, _ = full(vlan_plan(4094), "20.10")
    print(f"  4094-VLAN plan: {len(report.networks)} networks, {len(report.errors)} errors, "
          f"{len(report.findings)} findings, {sum(n.containers for n in cap.networks)} containers fit")

    for n in (1000, 10000):
        plan = dual_stack_plan(n)
        best, med = timed(lambda: full(plan, "29"), repeat=3)
        cap = macplan.capacity(plan, "29")
        v6 = cap.networks[0].subnets[1]
        print(f"  dual-stack /48 -> {n} hosts x /64: {best * 1000:7.1f} ms wall, {med * 1000:.1f} ms CPU; one /64 holds "
              f"{v6.available} IPv6 addresses (exact), network holds {cap.networks[0].containers}")

    with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as fh:
        fh.write(open(os.path.join(os.path.dirname(__file__), "..", "examples", "seed.sh")).read())
        path = fh.name
    cmd = [sys.executable, "-m", "macplan", "check", path, "--engine", "20.10", "--interfaces", "eth0"]
    bare = [sys.executable, "-c", "pass"]
    runs, base = [], []
    for _ in range(10):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        runs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run(bare, capture_output=True)
        base.append(time.perf_counter() - t0)
    print(f"cold start: macplan check on the seed script {min(runs) * 1000:.0f} ms "
          f"(median {statistics.median(runs) * 1000:.0f} ms; bare python {min(base) * 1000:.0f} ms)")
    heavy = subprocess.run([sys.executable, "-c", "import sys, macplan.cli as c; c.main(['check', %r, '--json']); "
                            "print(sorted(m for m in ('docker','pandas','ipywidgets','matplotlib','netaddr') "
                            "if m in sys.modules), file=sys.stderr)" % path], capture_output=True, text=True)
    print(f"heavy modules imported by check: {heavy.stderr.strip().splitlines()[-1]}")
    os.unlink(path)


if __name__ == "__main__":
    main()
