"""The README's console examples are real: each `$ macplan ...` prints what the README shows."""
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def console_examples():
    text = (ROOT / "README.md").read_text()
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        parts = re.split(r"^\$ ", block, flags=re.M)
        for part in parts[1:]:
            command, _, output = part.partition("\n")
            if command.startswith("macplan "):
                yield command, output


@pytest.mark.parametrize("command,expected", list(console_examples()))
def test_readme_console_example(command, expected):
    argv = shlex.split(command)
    p = subprocess.run([sys.executable, "-m", "macplan", *argv[1:]], cwd=ROOT, capture_output=True, text=True)
    assert (p.stdout + p.stderr).rstrip("\n") == expected.rstrip("\n")
