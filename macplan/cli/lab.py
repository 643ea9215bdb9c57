"""`macplan lab up | down | status | env`: the sandboxed Docker engine from the command line."""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys

from macplan.errors import LabError
from macplan.lab import DEFAULT_NAME, DEFAULT_PARENTS, Lab


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(allow_abbrev=False, prog="macplan lab", description="A sandboxed Docker engine in its own network namespace.")
    p.add_argument("action", choices=("up", "down", "status", "env"))
    p.add_argument("--name", default=os.environ.get("MACPLAN_LAB_NAME", DEFAULT_NAME),
                   help=f"netns and lab name (default {DEFAULT_NAME})")
    p.add_argument("--parents", default=None,
                   help="comma-separated parent interfaces to create (default: %s)" % ",".join(DEFAULT_PARENTS))
    p.add_argument("--dir", default=None, help="lab directory (default /tmp/NAME)")
    p.add_argument("--install", action="store_true",
                   help="apt-get install what is missing (it says which packages first; never docker.io "
                        "when a dockerd exists)")
    p.add_argument("--no-install", action="store_true", help="never run apt-get (the default)")
    p.add_argument("--no-image", action="store_true", help="do not import the busybox image")
    p.add_argument("--json", action="store_true", help="status as JSON")
    return p


class _ArgError(Exception):
    pass


def cli(argv: list[str]) -> int:
    """``macplan lab up|down|status|env``; returns the exit code (2 = could not do it)."""
    p = _parser()
    p.error = lambda msg: (_ for _ in ()).throw(_ArgError(msg))  # type: ignore[method-assign]
    try:
        args = p.parse_args(argv)
    except _ArgError as exc:
        print(f"macplan lab: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        lab = Lab(args.name, args.parents if args.parents is not None else DEFAULT_PARENTS,
                  lab_dir=args.dir, install=args.install and not args.no_install, image=not args.no_image)
        if args.action == "env":
            print(f"export DOCKER_HOST={shlex.quote(lab.docker_host)}")
            return 0
        lab.require_root()
        if args.action == "up":
            lab.up()
            t = lab.timings
            print(f"lab {lab.name} up in {t['up']:.1f}s (install {t['install']:.1f}s, dockerd {t['dockerd']:.1f}s, "
                  f"image {t['image']:.1f}s); engine {lab.version()}; kernel lacks: "
                  f"{', '.join(sorted(lab.kernel_lacks)) or 'nothing'}")
            print(f"export DOCKER_HOST={shlex.quote(lab.docker_host)}")
            return 0
        if args.action == "down":
            lab.down()
            print(f"lab {lab.name} down in {lab.timings['down']:.1f}s")
            return 0
        st = lab.status()
        if args.json:
            print(json.dumps(st, indent=1))
        else:
            print(f"lab {st['name']}: {st['state']}")
            if st["version"]:
                print(f"  engine:       {st['version']} (API {st['api_version']})")
            print(f"  docker_host:  {st['docker_host']}")
            print(f"  dockerd pid:  {st['dockerd_pid'] or 'none'}")
            print(f"  netns:        {'present' if st['netns'] else 'absent'}")
            print(f"  parents:      {' '.join(st['parents'])}")
            if st["kernel_lacks"]:
                print(f"  kernel lacks: {' '.join(st['kernel_lacks'])}")
            if st["leftover_pids"]:
                print(f"  stray pids:   {' '.join(map(str, st['leftover_pids']))} (run down)")
        return 0 if st["state"] == "running" else 1
    except (LabError, OSError, subprocess.SubprocessError) as exc:
        print(f"macplan lab: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("macplan lab: interrupted", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(cli(sys.argv[1:]))
