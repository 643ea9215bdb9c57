#!/usr/bin/env python3
"""Execute every notebook in notebooks/ in place, so the stored outputs are the nbval reference.

This is the only way the committed outputs should be produced. It runs each notebook top to
bottom with nbclient on the ``python3`` kernel, with the notebook's folder as the working
directory, and strips what changes from run to run (execution timing, widget state and model
ids, kernel and language versions), so regenerating an unchanged notebook changes no byte.

    python scripts/regen_notebooks.py                    # all notebooks
    python scripts/regen_notebooks.py notebooks/02-*.ipynb
    python scripts/regen_notebooks.py --check            # exit 1 if any output would change

Then check them as CI does:

    pytest --nbval notebooks/ --nbval-sanitize-with notebooks/sanitize.cfg
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "python3"
KERNELSPEC = {"name": KERNEL, "display_name": "Python 3 (ipykernel)", "language": "python"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _environment() -> None:
    # The kernel inherits this: make the work tree's macplan importable even when it is not
    # installed, and keep output free of per-machine colour codes and hash seeds.
    paths = [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.setdefault("NO_COLOR", "1")
    os.environ["COLUMNS"] = "120"


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop metadata that differs between runs; keep tags and everything an author wrote."""
    nb.metadata = nbformat.from_dict({
        **{k: v for k, v in nb.metadata.items() if k not in ("widgets", "language_info", "kernelspec")},
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
    })
    widget_no = 0
    for index, cell in enumerate(nb.cells):
        if not cell.get("id"):
            cell["id"] = f"cell-{index:02d}"
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                widget_no += 1
                data[WIDGET_VIEW]["model_id"] = f"widget-{widget_no:03d}"
    return nb


def execute(path: Path, timeout: int) -> tuple[float, nbformat.NotebookNode]:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=timeout,
        record_timing=False,
        coalesce_streams=True,  # one stdout output per cell, however the kernel flushed it
        store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - started
    clean(nb)
    nbformat.validate(nb)
    return elapsed, nb


def _dump(nb) -> str:
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a notebook's stored outputs are stale")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    _environment()
    stale = []
    for path in paths:
        path = path.resolve()
        elapsed, nb = execute(path, args.timeout)
        text = _dump(nb)
        before = path.read_text(encoding="utf-8")
        same = text == before
        if not same:
            stale.append(path)
            if not args.check:
                path.write_text(text, encoding="utf-8")
        state = "unchanged" if same else ("STALE" if args.check else "updated")
        print(f"{path.relative_to(ROOT)}: {elapsed:.1f}s {state}")
    if args.check and stale:
        print(f"{len(stale)} notebook(s) out of date; run scripts/regen_notebooks.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
