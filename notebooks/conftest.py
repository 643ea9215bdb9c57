"""pytest configuration for `pytest --nbval notebooks/`.

The kernel nbval starts inherits this process's environment: make the work tree's macplan
importable from a plain checkout (an installed macplan works too), and keep hashing stable.
"""

import os
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parent.parent)
_paths = [_ROOT] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(_paths))
os.environ["PYTHONHASHSEED"] = "0"
os.environ.setdefault("NO_COLOR", "1")
os.environ["COLUMNS"] = "120"
