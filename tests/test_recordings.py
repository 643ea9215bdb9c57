"""The recorded real engines are the referee: every command of every recorded script (corpora
20.10, 29 and lab-20.10), replayed through `macplan check --engine 20.10|29 --json`, gets Docker's verdict, and Docker's exact
message for at least 99 % of refusals, in every category (tests/recordings.py says how a command
meets the report; bench/recordings.py prints the figures and the disagreements)."""

from __future__ import annotations

import pytest

try:
    from . import recordings as R
except ImportError:  # rootdir-relative import mode
    import recordings as R


@pytest.fixture(scope="module", params=sorted(R.CORPORA))
def replayed(request):
    return request.param, *R.replay(request.param)


def test_every_verdict_is_dockers(replayed):
    engine, tallies, misses = replayed
    wrong = [m for m in misses if m.what != "message"]
    assert not wrong, f"engine {engine}:\n{R.table(engine, tallies)}\n{R.miss_summary(wrong)}"


def test_docker_words_for_refusals(replayed):
    engine, tallies, misses = replayed
    for cat, t in tallies.items():
        assert t.messages >= 0.99 * t.refusals, (
            f"engine {engine} {cat}:\n{R.table(engine, tallies)}\n"
            f"{R.miss_summary([m for m in misses if m.what == 'message'])}")


def test_normalise_keeps_the_message_and_drops_the_cli_boilerplate():
    assert R.normalise("Error response from daemon: network vlan1x not found\nexit status 1") == \
        "network vlan1x not found"
    assert R.normalise("unknown flag: --macvlan-mode\nSee 'docker network create --help'.") == \
        "unknown flag: --macvlan-mode"
    assert R.normalise("unknown flag: --macvlan-mode\n\nUsage:  docker network create [OPTIONS] NETWORK\n\n"
                       "Run 'docker network create --help' for more information") == "unknown flag: --macvlan-mode"
    assert R.normalise("docker: Error response from daemon: Address already in use.\nSee 'docker run --help'.") == \
        "Address already in use"
    # reportError adds the final "." unless the daemon's text has one: either text printed it
    assert R.variants("docker: Error response from daemon: Conflict. The container name \"/c2\" is already in use "
                      "by container \"" + "0" * 64 + "\". You have to remove (or rename) that container to be able "
                      "to reuse that name.\nSee 'docker run --help'.") == {
        'Conflict. The container name "/c2" is already in use by container "<id>". You have to remove (or rename) '
        'that container to be able to reuse that name' + dot for dot in ("", ".")}
    assert R.variants("Error response from daemon: network lan not found") == {"network lan not found"}
    assert R.normalise("Error response from daemon: network dm-0123456789ab is already using parent "
                       "interface eth0") == "network dm-<id> is already using parent interface eth0"
