"""Issue 13: how fast `macplan check` and `capacity` are as whole processes, each figure beside
an anchor measured in the same run.  Generates its inputs; prints figures; asserts nothing.

    python bench/speed.py                       # this tree
    python bench/speed.py --before DIR          # and the same figures for another checkout
    python bench/speed.py --quick               # 3 runs instead of 5, no 100,000-line inputs
    python bench/speed.py --repeat 11           # medians of 11 runs

The anchor is a bare Python process that only `shlex.split`s each line of the same file (for
the cold start: `python -c pass`).  Times are medians of 5 runs of `python -m macplan check
FILE --json > /dev/null`, macplan and anchor interleaved; the growth rows are CPU times of
capacity (check included) from 1,000 to 8,000 networks: n log n predicts about x2.2 per
doubling, n^2 x4.

Each tree's modules are compiled to bytecode first (`compileall`, into its __pycache__), as
`pip install` does: with PYTHONDONTWRITEBYTECODE set (this machine sets it) an uncompiled tree
would be recompiled by every run, which is 0.05-0.1 s no installed macplan pays.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SHLEX = "import shlex, sys\nfor line in open(sys.argv[1]):\n    shlex.split(line)\n"


def vlan_script(n: int, parents: int = 1) -> str:
    """`docker network create -d macvlan --subnet ... -o parent=eth0.<vid> vlan<vid>`, one a line:
    VLANs 1..4094 of eth0, then of eth1, ... (/26 subnets, so 100,000 fit in 10/8)."""
    lines = []
    for i in range(n):
        vid, nic = i % 4094 + 1, i // 4094
        a = i * 64
        subnet = f"10.{a >> 16 & 255}.{a >> 8 & 255}.{a & 255}/26" if n > 4094 else f"10.{vid // 256}.{vid % 256}.0/24"
        lines.append(f"docker network create -d macvlan --subnet {subnet} -o parent=eth{nic}.{vid} "
                     f"vlan{vid}{'' if nic == 0 else f'-{nic}'}")
    return "\n".join(lines) + "\n"


def yaml_plan(n: int, hosts: int) -> str:
    """n macvlan networks over `hosts` hosts, each with a gateway and an ip-range, round robin."""
    out = ["name: speed", "engine: \"29\"", "hosts:"]
    out += [f"  h{h}: {{interfaces: [eth0, eth1]}}" for h in range(hosts)]
    out.append("networks:")
    for i in range(n):
        a = i * 64
        net = f"10.{a >> 16 & 255}.{a >> 8 & 255}.{a & 255}"
        base = a & ~63
        gw = f"10.{base >> 16 & 255}.{base >> 8 & 255}.{(base & 255) + 1}"
        rng = f"10.{base >> 16 & 255}.{base >> 8 & 255}.{(base & 255) + 32}/27"
        out += [f"  net{i}:", f"    host: h{i % hosts}", f"    parent: eth{i % 2}.{i % 4094 + 1}",
                "    containers: 20", "    subnets:",
                f"      - {{subnet: {net}/26, gateway: {gw}, ip_range: {rng}}}"]
    return "\n".join(out) + "\n"


def run(cmd: list[str], env: dict) -> float:
    # from a neutral directory: `python -m` puts the working directory first on sys.path, which
    # would pick the macplan there over the tree asked for
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=tempfile.gettempdir())
    took = time.perf_counter() - t0
    if r.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)}: exit {r.returncode}: {r.stderr.decode()[-500:]}")
    return took


def medians(cmds: list[list[str]], envs: list[dict], repeat: int) -> list[float]:
    """Median wall time of each command, the commands interleaved so load hits them alike."""
    times: list[list[float]] = [[] for _ in cmds]
    for _ in range(repeat):
        for i, (cmd, env) in enumerate(zip(cmds, envs)):
            times[i].append(run(cmd, env))
    return [statistics.median(t) for t in times]


def env_for(tree: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = tree
    return env


def growth(tree: str) -> str:
    """CPU time of check on 1,000 ... 8,000 VLAN networks, in a fresh process of `tree`."""
    code = (
        "import sys, time, gc\n"
        f"sys.path.insert(0, {HERE!r})\n"
        "from speed import vlan_script\n"
        "from macplan.read.script import parse_script\n"
        "from macplan.report import check, capacity\n"
        "prev = None\n"
        "for n in (1000, 2000, 4000, 8000):\n"
        "    text = vlan_script(n, 2)\n"
        "    best = []\n"
        "    for _ in range(3):\n"
        "        t = time.process_time(); capacity(parse_script(text, interfaces=['eth0', 'eth1']))\n"
        "        best.append(time.process_time() - t)\n"
        "    cpu = sorted(best)[1]\n"
        "    ratio = '' if prev is None else f' (x{cpu / prev:.2f} for x2 networks; n log n x2.2, n^2 x4)'\n"
        "    print(f'  {n:5d} networks: {cpu * 1000:6.0f} ms CPU{ratio}')\n"
        "    prev = cpu\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env_for(tree),
                       cwd=tempfile.gettempdir())
    return r.stdout.rstrip() or r.stderr.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", help="another checkout of macplan to measure beside this one")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--planner", action="store_true", help="also run bench/widget.py on 4,094 networks")
    ap.add_argument("--repeat", type=int, help="runs per figure (default 5, --quick 3): more on a noisy machine")
    args = ap.parse_args()
    repeat = args.repeat or (3 if args.quick else 5)
    trees = [("after", ROOT)] + ([("before", os.path.abspath(args.before))] if args.before else [])
    py = sys.executable
    for _, tree in trees:
        subprocess.run([py, "-m", "compileall", "-q", os.path.join(tree, "macplan")], check=True,
                       stdout=subprocess.DEVNULL)
    tmp = tempfile.mkdtemp(prefix="macplan-speed-")
    files = {}

    def write(name: str, text: str) -> str:
        path = os.path.join(tmp, name)
        with open(path, "w") as fh:
            fh.write(text)
        files[name] = path
        return path

    write("one.sh", vlan_script(1))
    write("vlans4094.sh", vlan_script(4094))
    write("plan4000.yaml", yaml_plan(4000, 500))
    if not args.quick:
        write("lines100k.sh", vlan_script(100_000, 25))
        write("plan100k.yaml", yaml_plan(16_000, 500))     # 6 lines a network: ~100,000 lines
    work = [
        ("check, 1 network (cold start)", "one.sh", "check", "bare python", [py, "-c", "pass"]),
        ("check, 4,094 VLANs (script)", "vlans4094.sh", "check", "shlex pass", [py, "-c", SHLEX]),
        ("capacity, 4,094 VLANs (script)", "vlans4094.sh", "capacity", "shlex pass", [py, "-c", SHLEX]),
        ("check, 4,000 networks / 500 hosts (YAML)", "plan4000.yaml", "check", "shlex pass", [py, "-c", SHLEX]),
    ]
    if not args.quick:
        work += [
            ("check, 100,000-line script", "lines100k.sh", "check", "shlex pass", [py, "-c", SHLEX]),
            ("check, 96,000-line YAML (16,000 networks)", "plan100k.yaml", "check", "shlex pass", [py, "-c", SHLEX]),
        ]
    print(f"whole process, median of {repeat} (wall clock; each anchor measured in the same rounds)")
    head = f"  {'workload':44} " + " ".join(f"{label:>9}" for label, _ in trees) + f"  {'anchor':>18}  ratio"
    print(head)
    for title, fname, command, anchor_name, anchor in work:
        path = files[fname]
        iface = ["--interfaces", ",".join(f"eth{i}" for i in range(25))] if fname.endswith(".sh") else []
        cmds = [[py, "-m", "macplan", command, path, "--json", *iface] for _ in trees] + [anchor + [path]]
        envs = [env_for(tree) for _, tree in trees] + [dict(os.environ)]
        figs = medians(cmds, envs, repeat)
        base = figs[-1]
        # three decimals and ratios to the hundredth: the goals (x1.5, 0.5 s) sit close to the figures
        cells = " ".join(f"{t:8.3f}s" for t in figs[:-1])
        ratios = " / ".join(f"x{t / base:.2f}" for t in figs[:-1])
        print(f"  {title:44} {cells}  {anchor_name:>10} {base:6.3f}s  {ratios}", flush=True)

    for label, tree in trees:
        print(f"\ngrowth ({label}): capacity (check included) on n VLAN networks over 2 parents, CPU, median of 3")
        print(growth(tree))
        heavy = subprocess.run(
            [py, "-c", "import sys, macplan.cli as c; c.main(['check', %r, '--json']); "
             "print(sorted(m for m in ('docker', 'pandas', 'ipywidgets', 'matplotlib', 'yaml', 'netaddr') "
             "if m in sys.modules), file=sys.stderr)" % files["one.sh"]],
            capture_output=True, text=True, env=env_for(tree), cwd=tempfile.gettempdir())
        print(f"  heavy modules a one-network script check imports ({label}): "
              f"{(heavy.stderr.strip().splitlines() or ['?'])[-1]}")
    if args.planner:
        print("\nplanner on 4,094 networks (bench/widget.py 4094):", flush=True)
        subprocess.run([py, os.path.join(HERE, "widget.py"), "4094"], env=env_for(ROOT))
    for path in files.values():
        os.unlink(path)
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
