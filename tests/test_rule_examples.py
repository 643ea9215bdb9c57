"""Every rule in the catalog fires from its example in tests/rule_examples.py (issue 12).

An example is what a user writes (a script or a YAML plan); the test checks it the way
`macplan check` does and looks for a finding with exactly that rule id.  For an error, the last
network is the one Docker refuses, every network before it is accepted, and the refusal quotes
Docker's text where the recordings or the research know it."""
import pytest

import macplan
from macplan.rules import RULES

try:
    from .rule_examples import EXAMPLES, UNREACHABLE
except ImportError:  # rootdir-relative import mode
    from rule_examples import EXAMPLES, UNREACHABLE


def check(ex):
    if ex.script is not None:
        plan = macplan.parse_script(ex.script, interfaces=ex.interfaces, kernel_lacks=ex.kernel_lacks)
    elif ex.yaml.startswith("services:"):   # a docker compose file: read as `macplan check compose.yaml` does
        import tempfile
        from pathlib import Path
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "compose.yaml"
            path.write_text(ex.yaml)
            plan = macplan.load(str(path))
    else:
        plan = macplan.load_yaml_text(ex.yaml)
    return plan, macplan.check(plan, engine=ex.engine)


def in_order(plan, report) -> list:
    """Every command the example runs, in the order written: creates, and for scripts `network
    rm` and containers (a YAML plan has only creates, in plan order)."""
    lines = [(plan.networks[n.index].line or 0, 0, i, n) for i, n in enumerate(report.networks)]
    lines += [(c.line or 0, 1, i, c) for i, c in enumerate(report.removals + report.endpoints)]
    return [c for *_, c in sorted(lines, key=lambda t: t[:3])]


def _param(rule_id):
    if rule_id in UNREACHABLE:
        return pytest.param(rule_id, marks=pytest.mark.xfail(reason=UNREACHABLE[rule_id], strict=True,
                                                                raises=AssertionError))
    return rule_id


@pytest.mark.parametrize("rule_id", [_param(r) for r in sorted(RULES)])
def test_the_example_fires_its_rule(rule_id):
    ex = EXAMPLES[rule_id]
    plan, report = check(ex)
    severity = RULES[rule_id].severity
    commands = in_order(plan, report)
    if severity == "error":
        *before, last = commands
        assert all(c.accepted for c in before), [[f.rule for f in c.findings] for c in before]
        assert not last.accepted
        [error] = [f for f in last.findings if f.severity == "error"]
        assert error.rule == rule_id
        assert error.docker_error
        if ex.docker_error is not None:
            assert error.docker_error == ex.docker_error
        return
    # a warning or a note: Docker accepts the whole plan, and the rule says why it will hurt
    if rule_id == "script-not-run":     # `a && b`: b is not run because a is refused, by design
        commands = commands[1:]
    assert all(c.accepted for c in commands[:-1]), [f.docker_error for f in report.errors]
    hits = [f for f in commands[-1].findings + report.plan_findings if f.rule == rule_id]
    assert hits, [f.rule for f in report.findings]
    assert all(f.severity == severity and f.docker_error is None for f in hits)


def test_every_rule_has_an_example():
    assert sorted(set(RULES) - set(EXAMPLES)) == []


def test_no_example_names_an_unknown_rule():
    assert sorted(set(EXAMPLES) - set(RULES)) == []
    assert sorted(set(UNREACHABLE) - set(RULES)) == []


@pytest.mark.parametrize("rule_id", sorted(EXAMPLES))
def test_an_example_is_either_a_script_or_a_yaml_plan(rule_id):
    ex = EXAMPLES[rule_id]
    assert (ex.script is None) != (ex.yaml is None)
    if ex.yaml is not None:
        # a YAML plan says its hosts' interfaces itself
        assert ex.interfaces == ("eth0",) and ex.kernel_lacks == ()
    assert macplan.Profile.of(ex.engine).line == ex.engine
    if ex.docker_error is not None:
        assert RULES[rule_id].severity == "error" and ex.source


def test_a_cited_recording_shows_a_refusal_at_that_line():
    """The `source` of an example names a recorded script and line where Docker refused a command."""
    import json
    import re
    from pathlib import Path
    data = Path(__file__).parent / "data" / "recordings"
    cited, loaded = 0, {}
    for rule_id, ex in sorted(EXAMPLES.items()):
        for engine, script, line in re.findall(r"engine-(20\.10|29\.7\.2) (gen-[ab]-\d{4}\.sh)(?: line (\d+))?",
                                               ex.source):
            if engine not in loaded:
                loaded[engine] = json.loads((data / f"engine-{engine}" / "expected.json").read_text())
            recorded = loaded[engine]
            [case] = [c for c in recorded["cases"] if c["file"] == script]
            refused = [r["line"] for r in case["results"] if not r["accepted"]]
            assert refused and (not line or int(line) in refused), (rule_id, script, line, refused)
            cited += 1
    assert cited
