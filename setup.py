"""Only what pyproject.toml cannot say: the wheel carries the checkout's examples/ and the
planner notebook as package data (macplan/data/), copied at build time, so there is one source."""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: (source in the checkout, glob, destination under the package); mirrored by macplan.bundled
BUNDLED = (("examples", "*.yaml", "data/examples"), ("examples", "*.sh", "data/examples"),
           ("notebooks", "10-planner.ipynb", "data/notebooks"))


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        data = Path(self.build_lib) / "macplan" / "data"
        shutil.rmtree(data, ignore_errors=True)       # nothing stale from an earlier build
        for source, pattern, dest in BUNDLED:
            target = Path(self.build_lib) / "macplan" / dest
            target.mkdir(parents=True, exist_ok=True)
            for path in sorted((ROOT / source).glob(pattern)):
                shutil.copyfile(path, target / path.name)


setup(cmdclass={"build_py": BuildPy})
