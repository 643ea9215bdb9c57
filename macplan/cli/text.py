"""Human-readable text for the CLI: plain tables, errors first."""
from __future__ import annotations

SIGN = {"error": "ERROR", "warning": "warn", "info": "info"}


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    fmt = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows])


def check_text(plan, rep) -> str:
    import textwrap  # here: `check --json` and the other commands never wrap a message
    lines = [f"macplan check: {plan.source} (engine {rep.engine})", ""]
    rows = []
    for n in rep.networks:
        worst = n.findings[0].severity if n.findings else None
        state = "created" if n.accepted else "REFUSED"
        rows.append([str(n.index), n.name, n.host, state, SIGN.get(worst, "ok")])
    lines.append(table(rows, ["#", "network", "host", "docker", "worst"]))
    removals, endpoints = getattr(rep, "removals", []), getattr(rep, "endpoints", [])
    if removals:
        lines += ["", table([[str(r.line or "-"), " ".join(r.names), "removed" if r.accepted else "REFUSED",
                              " ".join(r.removed) or "-"] for r in removals],
                            ["line", "docker network rm", "docker", "removed"])]
    if endpoints:
        lines += ["", table([[str(e.line or "-"), e.container or "-", e.network, e.ip or "-", e.ip6 or "-",
                              e.mac or "-", ("started" if getattr(e, "started", True) else "accepted")
                              if e.accepted else "REFUSED"] for e in endpoints],
                            ["line", "container", "network", "ip", "ip6", "mac", "docker"])]
    all_findings = [(n.name, f) for n in rep.networks for f in n.findings] + \
        [(f"rm (line {r.line})", f) for r in removals for f in r.findings] + \
        [(f"container {e.container or '(unnamed)'} (line {e.line})", f) for e in endpoints for f in e.findings] + \
        [(None, f) for f in rep.plan_findings]
    order = {"error": 0, "warning": 1, "info": 2}
    all_findings.sort(key=lambda nf: order[nf[1].severity])
    if all_findings:
        lines.append("")
    for n, f in all_findings:
        where = n if n is not None else "plan"
        lines.append(f"{SIGN[f.severity]:5} {where}: [{f.rule}]")
        body = f.message
        lines += textwrap.wrap(body, 96, initial_indent="      ", subsequent_indent="      ", break_on_hyphens=False)
        if f.docker_error:
            lines += ["      docker: " + line for line in f.docker_error.splitlines()]
    errors = len(rep.errors)
    warnings = sum(1 for f in rep.findings if f.severity == "warning")
    refused = sum(1 for n in rep.networks if not n.accepted)
    script = ""
    if removals or endpoints:
        script = f"; {len(removals)} rm, {sum(not r.accepted for r in removals)} refused" \
                 f"; {len(endpoints)} containers, {sum(not e.accepted for e in endpoints)} refused"
    lines += ["", f"{len(rep.networks)} networks, {refused} refused{script}; {errors} errors, {warnings} warnings"]
    return "\n".join(lines)


def capacity_text(cap) -> str:
    lines = [f"macplan capacity (engine {cap.engine})", ""]
    rows = []
    for n in cap.networks:
        for s in n.subnets:
            reserved = ", ".join(f"{k} {v}" for k, v in s.reserved.items()) or "-"
            rows.append([n.name, n.host, s.subnet, s.pool, f"{s.size:,}", reserved, f"{s.available:,}",
                         s.gateway or "-"])
        exp = "" if n.expected is None else f" (expected {n.expected})"
        rows.append([n.name, n.host, "", "", "", "containers", f"{n.containers:,}{exp}", ""])
    lines.append(table(rows, ["network", "host", "subnet", "pool", "size", "reserved", "available", "gateway"]))
    if cap.parents:
        lines += ["", "MAC addresses on the wire"]
        prow = [[p.host, p.parent, str(p.vlan) if p.vlan is not None else "untagged", str(p.macs),
                 ", ".join(p.networks)] for p in cap.parents]
        lines.append(table(prow, ["host", "parent", "vlan", "macs", "networks"]))
        vrow = [[str(v.vlan) if v.vlan is not None else "untagged", str(v.macs), str(v.limit or "-"),
                 ", ".join(v.hosts)] for v in cap.vlans]
        lines += ["", table(vrow, ["vlan", "macs", "limit", "hosts"])]
        prow = [[p["host"], p["interface"], str(p["macs"]), str(p["limit"] or "-")] for p in cap.ports]
        lines += ["", table(prow, ["host", "port", "macs (incl. host)", "limit"])]
    return "\n".join(lines)
