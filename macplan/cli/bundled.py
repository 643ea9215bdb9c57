"""The files macplan ships: the example plans and the planner notebook.

In a wheel they are package data under ``macplan/data/`` (setup.py copies them there from the
checkout at build time); run from a checkout they are the checkout's ``examples/`` and
``notebooks/10-planner.ipynb`` themselves.  Either way there is one source: the checkout."""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["examples_dir", "example_files", "planner_notebook", "write_examples"]

_PKG = Path(__file__).resolve().parent.parent
_CHECKOUT = _PKG.parent


def _first(*candidates: Path) -> Path:
    for path in candidates:
        if path.exists():
            return path
    return candidates[0]


def examples_dir() -> Path:
    return _first(_PKG / "data" / "examples", _CHECKOUT / "examples")


def example_files() -> list[Path]:
    """The example plans, by name (YAML plans, compose files and scripts)."""
    d = examples_dir()
    return sorted(p for p in d.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml", ".sh"))


def planner_notebook() -> Path:
    """The planner notebook; its default plan is ``../examples/seed.sh`` next to it."""
    return _first(_PKG / "data" / "notebooks" / "10-planner.ipynb", _CHECKOUT / "notebooks" / "10-planner.ipynb")


def write_examples(directory: str, force: bool = False) -> tuple[list[Path], list[Path]]:
    """Copy the example plans into ``directory`` (created if missing).  A file that exists is
    kept unless ``force``; nothing is written anywhere but ``directory`` itself (a name that is
    a symbolic link there is replaced, never followed, with ``force``).  Returns (written, kept)."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    written, kept = [], []
    for src in example_files():
        dest = target / src.name
        if dest.exists() or dest.is_symlink():
            if not force:
                kept.append(dest)
                continue
            if dest.is_dir() and not dest.is_symlink():
                raise IsADirectoryError(f"{dest}: is a directory")
            dest.unlink()
        # O_EXCL: never write through a link or over a file that appeared meanwhile
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(src.read_bytes())
        written.append(dest)
    return written, kept
