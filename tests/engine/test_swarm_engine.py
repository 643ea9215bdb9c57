"""Swarm apply on the real lab daemon: `swarm init` on loopback, the node's config-only network
and the swarm --config-from network through the raw API, and a service whose tasks get
addresses from this node's slice of the shared subnet."""

from __future__ import annotations

import ipaddress
import time

import pytest

import macplan
from macplan.emit import swarm
from macplan.engine.client import Engine


@pytest.fixture
def swarm_engine(clean_engine):
    """The lab daemon as a one-node swarm manager; the swarm is left again afterwards (and
    clean_engine leaves it too), so other tests see a plain daemon."""
    lab = clean_engine
    lab.client.swarm.init(advertise_addr="127.0.0.1")
    try:
        yield lab
    finally:
        try:
            for s in lab.client.services.list():
                s.remove()
        except Exception:
            pass
        lab.client.swarm.leave(force=True)


def _plan(lab, parent: str):
    # node1 is this daemon; node2 and node3 are planned (and sliced) but have no engine here
    return swarm.swarm_plan("swarmlan", "172.31.10.0/24", gateway="172.31.10.1", manager="node1",
                            nodes={"node1": parent, "node2": "eth0", "node3": "eth0"},
                            engine=macplan.Profile.of(lab.version).line)


def _tasks_running(client, service, want: int, timeout: float = 60) -> list[dict]:
    deadline = time.monotonic() + timeout
    tasks: list = []
    while time.monotonic() < deadline:
        tasks = client.api.tasks(filters={"service": service})
        running = [t for t in tasks if t["Status"]["State"] == "running"]
        if len(running) >= want:
            return running
        failed = [t for t in tasks if t["Status"]["State"] in ("rejected", "failed")]
        if failed and len(failed) >= want * 3:
            break
        time.sleep(0.5)
    states = [(t["Status"]["State"], t["Status"].get("Err")) for t in tasks]
    raise AssertionError(f"tasks of {service} not running: {states}")


def test_swarm_apply_and_a_service_on_the_nodes_slice(swarm_engine):
    lab = swarm_engine
    parent = "eth1" if "eth1" in lab.interfaces else lab.interfaces[0]
    plan = _plan(lab, parent)
    report = macplan.check(plan)
    assert report.ok and not report.plan_findings, report.to_dict()
    mine = plan.network("swarmlan-config", host="node1")

    with Engine(lab.docker_host) as e:
        d = e.diff(plan, "node1")
        assert [(a.kind, a.name) for a in d.actions] == [("create", "swarmlan-config"), ("create", "swarmlan")]
        results = swarm.apply(plan, {"node1": e}, nodes=["node1"])
        assert results["node1"].ok, results["node1"].error
        assert results["node1"].created == ["swarmlan-config", "swarmlan"]
        # applied again: nothing to do (ownership of the swarm network lives on its config network)
        again = e.diff(plan, "node1")
        assert [a.kind for a in again.actions] == ["keep", "keep"], again.render()

    nets = {n.name: n.attrs for n in lab.client.networks.list()}
    assert nets["swarmlan-config"]["ConfigOnly"] is True
    assert nets["swarmlan-config"]["IPAM"]["Config"][0]["IPRange"] == mine.ip_ranges[0]
    assert nets["swarmlan"]["Scope"] == "swarm"
    assert nets["swarmlan"]["ConfigFrom"] == {"Network": "swarmlan-config"}

    svc = lab.client.services.create(lab.image, command=["sleep", "600"], name="web", networks=["swarmlan"],
                                     mode={"Replicated": {"Replicas": 2}})
    tasks = _tasks_running(lab.client, svc.id, 2)
    rng = ipaddress.ip_network(mine.ip_ranges[0])
    others = [ipaddress.ip_network(plan.network("swarmlan-config", host=h).ip_ranges[0]) for h in ("node2", "node3")]
    got = []
    for t in tasks:
        # node-local drivers allocate on the node: the task's container holds the address
        cid = t["Status"]["ContainerStatus"]["ContainerID"]
        ctr = lab.client.api.inspect_container(cid)
        got.append(ipaddress.ip_address(ctr["NetworkSettings"]["Networks"]["swarmlan"]["IPAddress"]))
    assert len(got) == 2, tasks
    assert all(ip in rng for ip in got), (got, rng)
    # the gateway is outside the slice, so the tasks take its first two addresses, as planned
    assert sorted(got) == [rng.network_address, rng.network_address + 1]
    assert not any(ip in o for ip in got for o in others)
    svc.remove()


def test_swarm_network_without_swarm_is_refused_like_docker(clean_engine):
    """On a daemon that is not in a swarm, macplan's check refuses (as Docker would) when the
    plan says the node is inactive, and apply stops before touching anything."""
    lab = clean_engine
    plan = _plan(lab, lab.interfaces[0])
    inactive = plan.with_(hosts=tuple(h.__class__(h.name, h.interfaces, h.kernel_lacks, h.interfaces_known,
                                                  "inactive") for h in plan.hosts))
    report = macplan.check(inactive)
    assert not report.ok
    assert any(f.docker_error == "cannot create a swarm scoped network when swarm is not active"
               for f in report.errors)
    with Engine(lab.docker_host) as e:
        with pytest.raises(macplan.errors.PlanRefused):
            e.apply(inactive, "node1")
    assert {n.name for n in lab.client.networks.list()} <= {"bridge", "host", "none"}
    # and what the daemon says when asked anyway, through the raw API
    with Engine(lab.docker_host) as e:
        body = dict(swarm.payloads(plan)[-1][1])
        with pytest.raises(macplan.errors.EngineRefused) as err:
            e.transport.create_network({**body, "Name": "swarmlan"})
    assert "swarm" in str(err.value)
