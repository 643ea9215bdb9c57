"""The catalog is documented, and every rule id a refusal can name is in it."""
import os
import re
import sys

import macplan
from macplan.rules import RULES

ROOT = os.path.join(os.path.dirname(__file__), "..")


def test_docs_rules_md_is_generated_from_the_catalog():
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    from gen_rules_doc import render
    with open(os.path.join(ROOT, "docs", "rules.md"), encoding="utf-8") as fh:
        assert fh.read() == render(), "run python scripts/gen_rules_doc.py"


def test_every_refusal_in_the_code_names_a_catalog_rule():
    ids = set()
    for name in ("docker/cli.py", "docker/daemon.py", "report.py"):
        with open(os.path.join(ROOT, "macplan", name), encoding="utf-8") as fh:
            ids |= set(re.findall(r'Refusal\(\s*"([a-z0-9-]+)"', fh.read()))
    assert len(ids) > 30 and ids <= set(RULES), ids - set(RULES)


def test_every_rule_has_advice_and_a_stage():
    for rule in RULES.values():
        assert rule.advice.endswith("."), rule.id
        assert rule.severity in ("error", "warning", "info")
        assert rule.link == f"macplan explain {rule.id}"


def test_the_engine_lines():
    assert macplan.LINES == ("20.10", "23", "24", "25", "26", "27", "28", "29")
    assert macplan.Profile.of("20.10.24+dfsg1").line == "20.10"
    assert macplan.Profile.of("26.1.5+dfsg1").version == (26, 1, 5)
    assert macplan.Profile.of("v28.0.1").at_least(28, 0, 1)


def test_a_fresh_process_sees_the_whole_catalog():
    # `import macplan` imports nothing heavy (the command line starts fast), so the rule modules
    # register themselves only once something reads macplan.rules.RULES: `macplan explain` in a
    # process of its own must still list every rule, and explain each of them
    import subprocess
    env = dict(os.environ, PYTHONPATH=ROOT)
    listed = subprocess.run([sys.executable, "-m", "macplan", "explain"], capture_output=True, text=True, env=env)
    assert listed.returncode == 0, listed.stderr
    assert sorted(line.split()[0] for line in listed.stdout.splitlines()) == sorted(RULES)
    one = subprocess.run([sys.executable, "-m", "macplan", "explain", "random-macs"], capture_output=True,
                         text=True, env=env)
    assert one.returncode == 0 and "random" in one.stdout.lower(), one.stderr
