"""pandas DataFrames of plans, findings and capacity, for notebooks.

Kept out of the core (which must not import pandas). Each function takes the core's objects,
or the plain dicts of their ``to_dict()``, and returns a narrow DataFrame meant to be read in
a notebook without scrolling. Sizes stay exact Python integers (an IPv6 /64 holds 2**64
addresses, more than int64 can).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["capacity_frame", "findings_frame", "parents_frame", "plan_frame", "reserved_frame"]


def _data(obj) -> dict:
    return obj.to_dict() if hasattr(obj, "to_dict") else obj


def _opt(network, key: str):
    for k, v in getattr(network, "options", ()) or ():
        if k == key:
            return v
    return None


def _mode(network) -> str:
    if getattr(network, "mode", None):
        return network.mode
    return _opt(network, "macvlan_mode") or _opt(network, "ipvlan_mode") or ""


def plan_frame(plan) -> pd.DataFrame:
    """One row per network and subnet: driver, parent, subnet, gateway, ip-range, aux."""
    rows = []
    for net in plan.networks:
        subnets = net.subnets or (None,)
        for i, s in enumerate(subnets):
            rows.append({
                "network": net.name if i == 0 else "",
                "driver": (net.driver or "") if i == 0 else "",
                "mode": _mode(net) if i == 0 else "",
                "parent": (net.parent or _opt(net, "parent") or "") if i == 0 else "",
                "subnet": s.subnet if s else "",
                "gateway": (s.gateway or "") if s else "",
                "ip-range": (s.ip_range or "") if s else "",
                "aux": ", ".join(f"{k}={v}" for k, v in s.aux) if s else "",
                "containers": (net.containers or 0) if i == 0 else "",
            })
    return pd.DataFrame(rows, columns=["network", "driver", "mode", "parent", "subnet", "gateway",
                                       "ip-range", "aux", "containers"])


def findings_frame(report, severities: tuple[str, ...] = ("error", "warning", "info")) -> pd.DataFrame:
    """One row per finding: which network, whether Docker accepts it, rule, severity, message."""
    rows = []
    for net in _data(report)["networks"]:
        for f in net["findings"]:
            if f["severity"] not in severities:
                continue
            rows.append({
                "#": net["index"],
                "network": net["name"],
                "accepted": net["accepted"],
                "severity": f["severity"],
                "rule": f["rule"],
                "message": f["message"],
            })
    return pd.DataFrame(rows, columns=["#", "network", "accepted", "severity", "rule", "message"])


def capacity_frame(cap, plan=None) -> pd.DataFrame:
    """One row per network and subnet: pool, its size, reserved, available, and whether the
    expected containers (from the plan, when given) fit."""
    expected = {n.name: int(n.containers or 0) for n in plan.networks} if plan is not None else {}
    rows = []
    for net in _data(cap)["networks"]:
        for s in net["subnets"]:
            row = {
                "network": net["name"],
                "subnet": s["subnet"],
                "pool": s["pool"],
                "size": int(s["size"]),
                "reserved": sum(int(v) for v in s["reserved"].values()),
                "available": int(s["available"]),
                "network holds": int(net["containers"]),
            }
            if plan is not None:
                want = expected.get(net["name"], 0)
                row["expected"] = want
                row["fits"] = want <= int(net["containers"])
            rows.append(row)
    df = pd.DataFrame(rows)
    for col in ("size", "available", "network holds"):
        if col in df and any(v > 2**63 - 1 for v in df[col]):
            df[col] = df[col].astype(object)
    return df


def reserved_frame(cap) -> pd.DataFrame:
    """Reserved addresses by kind (network, broadcast, gateway, aux, ...) per network and subnet."""
    rows = []
    for net in _data(cap)["networks"]:
        for s in net["subnets"]:
            rows.append({"network": net["name"], "subnet": s["subnet"], **{k: int(v) for k, v in s["reserved"].items()}})
    return pd.DataFrame(rows).fillna(0).convert_dtypes() if rows else pd.DataFrame()


def parents_frame(cap) -> pd.DataFrame:
    """MAC addresses per host parent (and VLAN) against its limit."""
    rows = []
    for p in _data(cap)["parents"]:
        limit = p.get("limit")
        rows.append({
            "host": p.get("host"),
            "parent": p.get("parent"),
            "vlan": p.get("vlan") if p.get("vlan") is not None else "",
            "macs": int(p.get("macs", 0)),
            "limit": limit if limit is not None else "",
            "over": (int(p.get("macs", 0)) > limit) if limit is not None else False,
        })
    return pd.DataFrame(rows, columns=["host", "parent", "vlan", "macs", "limit", "over"])
