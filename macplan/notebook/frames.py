"""pandas DataFrames of plans, findings and capacity, for notebooks.

Kept out of the core (which must not import pandas). Each function takes the core's objects
(``Plan``, ``Report``, ``Capacity``) or the plain dicts of their ``to_dict()``, and returns a
narrow DataFrame meant to be read in a notebook without scrolling. Sizes stay exact Python
integers (an IPv6 /64 holds 2**64 addresses, more than int64 can).
"""

from __future__ import annotations

import pandas as pd

from macplan.docker.cli import ipam_groups

__all__ = ["capacity_frame", "findings_frame", "ports_frame", "parents_frame", "plan_frame",
           "reserved_frame", "vlans_frame"]


# what Docker uses when no -o macvlan_mode / ipvlan_mode is given
_DEFAULT_MODE = {"macvlan": "bridge", "ipvlan": "l2"}


def _data(obj) -> dict:
    return obj.to_dict() if hasattr(obj, "to_dict") else obj


def _exact(df: pd.DataFrame, *cols: str) -> pd.DataFrame:
    # int64 tops out at 2**63-1; keep Python ints (object dtype) when a count is larger.
    for col in cols:
        if col in df and any(isinstance(v, int) and v > 2**63 - 1 for v in df[col]):
            df[col] = pd.Series(list(df[col]), dtype=object, index=df.index)
    return df


def plan_frame(plan) -> pd.DataFrame:
    """One row per network and subnet: host, driver, mode, parent, subnet, gateway, ip-range, aux."""
    rows = []
    for net in plan.networks:
        groups = ipam_groups(net) or ()
        if not groups:
            groups = (None,)
        for i, g in enumerate(groups):
            first = i == 0
            rows.append({
                "network": net.name if first else "",
                "host": net.host if first else "",
                "driver": net.driver if first else "",
                "mode": (net.mode or _DEFAULT_MODE.get(net.driver, "")) if first else "",
                "parent": (net.parent or "(none)") if first else "",
                "subnet": g.subnet if g else "",
                "gateway": (g.gateway or "") if g else "",
                "ip-range": (g.ip_range or "") if g else "",
                "aux": ", ".join(f"{k}={v}" for k, v in g.aux) if g else "",
                "containers": ("" if net.containers is None else net.containers) if first else "",
            })
    return pd.DataFrame(rows, columns=["network", "host", "driver", "mode", "parent", "subnet", "gateway",
                                       "ip-range", "aux", "containers"])


def findings_frame(report, severities: tuple[str, ...] = ("error", "warning", "info")) -> pd.DataFrame:
    """One row per finding: network, whether Docker creates it, severity, rule and message.

    Plan-wide findings (MAC limits, ranges shared between hosts) come last, as network "(plan)".
    """
    data = _data(report)
    rows = []
    for net in data["networks"]:
        for f in net["findings"]:
            if f["severity"] in severities:
                rows.append({"#": net["index"], "network": net["name"], "created": net["accepted"],
                             "severity": f["severity"], "rule": f["rule"], "message": f["message"]})
    for f in data.get("plan", []):
        if f["severity"] in severities:
            rows.append({"#": "", "network": "(plan)", "created": "", "severity": f["severity"],
                         "rule": f["rule"], "message": f["message"]})
    return pd.DataFrame(rows, columns=["#", "network", "created", "severity", "rule", "message"])


def capacity_frame(cap) -> pd.DataFrame:
    """One row per network and subnet: the pool, its size, how many addresses are reserved
    (which ones: :func:`reserved_frame`), what is left, and how many containers the network
    holds against how many the plan expects."""
    rows = []
    for net in _data(cap)["networks"]:
        for i, s in enumerate(net["subnets"]):
            rows.append({
                "network": net["name"] if i == 0 else "",
                "subnet": s["subnet"],
                "pool": s["pool"],
                "size": int(s["size"]),
                "reserved": sum(int(v) for v in s["reserved"].values()),
                "available": int(s["available"]),
                "first container": s.get("first_free") or "",
                "holds": int(net["containers"]) if i == 0 else "",
                "expected": ("" if net.get("expected") is None else net["expected"]) if i == 0 else "",
            })
    df = pd.DataFrame(rows, columns=["network", "subnet", "pool", "size", "reserved", "available",
                                     "first container", "holds", "expected"])
    return _exact(df, "size", "available", "holds")


def reserved_frame(cap) -> pd.DataFrame:
    """Reserved addresses by kind (network, broadcast, gateway, aux, ...) per network and subnet."""
    # the reserved kind "network" (the network address) would clash with the name column
    rows = [{"name": net["name"], "subnet": s["subnet"],
             **{("network address" if k == "network" else k): int(v) for k, v in s["reserved"].items()}}
            for net in _data(cap)["networks"] for s in net["subnets"]]
    df = pd.DataFrame(rows)
    return df.fillna(0).astype({c: int for c in df.columns if c not in ("name", "subnet")}) if rows else df


def parents_frame(cap) -> pd.DataFrame:
    """MAC addresses per host parent (an interface or VLAN sub-interface) and the networks on it."""
    rows = [{"host": p["host"], "parent": p["parent"], "vlan": "" if p.get("vlan") is None else p["vlan"],
             "macs": int(p["macs"]), "macvlan": int(p.get("macvlan", 0)), "ipvlan": int(p.get("ipvlan", 0)),
             "networks": ", ".join(p.get("networks", ()))} for p in _data(cap)["parents"]]
    return pd.DataFrame(rows, columns=["host", "parent", "vlan", "macs", "macvlan", "ipvlan", "networks"])


def _limit_rows(items, key_cols):
    rows = []
    for item in items:
        limit = item.get("limit")
        row = {k: v for k, v in key_cols(item).items()}
        row.update({"macs": int(item["macs"]), "limit": "" if limit is None else limit,
                    "over": bool(limit is not None and item["macs"] > limit)})
        rows.append(row)
    return rows


def vlans_frame(cap) -> pd.DataFrame:
    """MAC addresses per VLAN over all hosts, against the VLAN's limit."""
    rows = _limit_rows(_data(cap)["vlans"], lambda v: {
        "vlan": "untagged" if v["vlan"] is None else v["vlan"], "hosts": ", ".join(v.get("hosts", ()))})
    return pd.DataFrame(rows, columns=["vlan", "hosts", "macs", "limit", "over"])


def ports_frame(cap) -> pd.DataFrame:
    """MAC addresses per switch port (host interface, the host's own MAC included) against port security."""
    rows = _limit_rows(_data(cap)["ports"], lambda p: {"host": p["host"], "port": p["interface"]})
    return pd.DataFrame(rows, columns=["host", "port", "macs", "limit", "over"])
