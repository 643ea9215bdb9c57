"""Differential test: macplan's verdict on random scripts of `docker network create` commands
against what the lab's real dockerd does with them.

For every command of every scenario, macplan's `accepted` and `docker_error` must equal the
daemon's exit status and message (as printed by the engine's own CLI release). Expected values
come only from the daemon. Scenarios: tests/engine/scenarios.py; seed and count can be changed
with MACPLAN_DIFF_SEED / MACPLAN_DIFF_SCENARIOS (bench/differential.py runs many more).
"""

from __future__ import annotations

import os

import pytest

try:
    from . import scenarios as S
except ImportError:  # rootdir-relative import mode: tests/engine is on sys.path
    import scenarios as S

SEED = int(os.environ.get("MACPLAN_DIFF_SEED", "20251128"))
COUNT = int(os.environ.get("MACPLAN_DIFF_SCENARIOS", "150"))
SCENARIOS = S.scenarios(SEED, COUNT)
MAX_RESTARTS = 25  # keep a badly broken catalog from turning into an hour of daemon restarts
MAX_RERUNS = 300


class _State:
    figures = S.Figures()
    restarts = 0
    reruns = 0
    engine = "?"


@pytest.fixture(scope="module")
def cli(lab, request):
    path = S.engine_cli(lab.version)
    if path is None:
        pytest.fail(f"no docker CLI of the engine's release line ({lab.version}) found; install the "
                    "engine's own CLI (Debian: docker.io) or set MACPLAN_DOCKER_CLI", pytrace=False)
    _State.engine = lab.version
    yield path
    text = _State.figures.report(lab.version)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        print(text)
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line("")
        for line in text.splitlines():
            reporter.write_line(line)


def _mismatch(preds, outs) -> bool:
    return any(not S.agrees(p, o) for p, o in zip(preds, outs))


def _fresh(lab, restart: bool) -> None:
    lab.clean()
    if restart and _State.restarts < MAX_RESTARTS:
        _State.restarts += 1
        lab.restart()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_daemon_agrees_with_macplan(scenario, cli, clean_engine):
    lab = clean_engine
    preds = S.predict(scenario, lab.interfaces, lab.kernel_lacks, lab.version)
    assert len(preds) == len(scenario.commands), "macplan must give one verdict per command"
    outs = S.play(scenario, lab.docker_host, cli)
    retried = False
    if _mismatch(preds, outs):
        # Re-run on a restarted daemon (20.10 can hold IPAM pools after a failed create), and a
        # few more times where Docker's own Go-map ordering decides which error comes first.
        tries = 1 + (S.ORDER_RETRIES if any(S.order_sensitive(c) for c in scenario.commands) else 0)
        for k in range(tries):
            if _State.reruns >= MAX_RERUNS:
                break
            _State.reruns += 1
            _fresh(lab, restart=(k == 0))
            again = S.play(scenario, lab.docker_host, cli)
            if not _mismatch(preds, again):
                outs, retried = again, True
                break
    elif S.needs_restart(outs):
        _fresh(lab, restart=True)
    lines = _State.figures.add(scenario, preds, outs, retried)
    assert not lines, "macplan disagrees with the daemon:\n" + scenario.script() + "\n".join(lines)
