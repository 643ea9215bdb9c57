"""Tests of macplan.viz on hand-made spans: no rules, no engine."""

import re
import xml.etree.ElementTree as ET

import pytest
from netaddr import IPAddress, IPNetwork

from macplan.viz import (
    ROLES,
    AddressMap,
    CapacityBar,
    CapacityChart,
    LimitBar,
    LimitChart,
    side_by_side,
)

SVG = "{http://www.w3.org/2000/svg}"


def span(first, last, role, label=""):
    return (IPAddress(first), IPAddress(last), role, label)


def slash28():
    """172.16.86.0/28 like Docker lays it out: .1 gateway, .2 aux, .3-.5 containers."""
    return AddressMap(
        "172.16.86.0/28",
        [
            span("172.16.86.0", "172.16.86.15", "pool"),
            span("172.16.86.0", "172.16.86.0", "network"),
            span("172.16.86.15", "172.16.86.15", "broadcast"),
            span("172.16.86.1", "172.16.86.1", "gateway"),
            span("172.16.86.2", "172.16.86.2", "aux", "my-router"),
            span("172.16.86.3", "172.16.86.5", "containers", "web"),
        ],
    )


def cells(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)  # also proves the SVG is well-formed XML
    return [g for g in root.iter(f"{SVG}g") if g.get("data-role")]


def roles_of(svg: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for g in cells(svg):
        out[g.get("data-role")] = out.get(g.get("data-role"), 0) + 1
    return out


def test_grid_has_one_cell_per_address_with_roles():
    m = slash28()
    assert m.is_grid
    svg = m.to_svg()
    assert len(cells(svg)) == 16
    assert roles_of(svg) == {
        "network": 1, "broadcast": 1, "gateway": 1, "aux": 1, "containers": 3, "pool": 9,
    }


def test_counts_match_cells_and_follow_legend_order():
    m = slash28()
    assert list(m.counts()) == [r for r in ROLES if r in m.counts()]
    assert m.counts() == roles_of(m.to_svg())
    assert sum(m.counts().values()) == 16


def test_hover_text_names_address_role_and_label():
    svg = slash28().to_svg()
    titles = [g.find(f"{SVG}title").text for g in cells(svg)]
    assert titles[2] == "172.16.86.2 aux my-router"
    assert titles[0] == "172.16.86.0 network"
    assert "172.16.86.4 containers web" in titles


def test_cells_are_in_address_order():
    svg = slash28().to_svg()
    ips = [g.find(f"{SVG}title").text.split()[0] for g in cells(svg)]
    assert ips == [str(ip) for ip in IPNetwork("172.16.86.0/28")]


def test_overlap_priority_does_not_depend_on_span_order():
    spans = [
        span("10.0.0.0", "10.0.0.15", "pool"),
        span("10.0.0.1", "10.0.0.1", "gateway"),
        span("10.0.0.4", "10.0.0.9", "dhcp", "lan"),
        span("10.0.0.6", "10.0.0.7", "containers"),
    ]
    a = AddressMap("10.0.0.0/28", spans)
    b = AddressMap("10.0.0.0/28", list(reversed(spans)))
    assert a.to_svg() == b.to_svg()
    assert a.role_of("10.0.0.1") == "gateway"
    assert a.role_of("10.0.0.6") == "containers"
    assert a.role_of("10.0.0.5") == "pool"
    assert a.counts() == {"gateway": 1, "containers": 2, "pool": 13}
    assert a.clashes() == 6  # .4-.9: the DHCP scope inside Docker's pool


def test_uncovered_addresses_are_outside():
    m = AddressMap("10.0.0.0/29", [span("10.0.0.2", "10.0.0.3", "pool")])
    assert m.counts() == {"pool": 2, "outside": 6}
    assert m.role_of("10.0.0.7") == "outside"
    with pytest.raises(ValueError):
        m.role_of("10.0.1.1")


def test_spans_outside_the_subnet_are_clipped():
    m = AddressMap("10.0.0.0/30", [span("9.255.255.0", "10.0.0.1", "dhcp"), span("10.0.0.2", "10.0.0.200", "pool")])
    assert m.counts() == {"dhcp": 2, "pool": 2}


def test_two_renders_are_identical():
    assert slash28()._repr_html_() == slash28()._repr_html_()
    assert repr(slash28()) == repr(slash28())


def test_repr_is_deterministic_and_has_no_address():
    r = repr(slash28())
    assert "0x" not in r
    assert r == ("AddressMap(172.16.86.0/28: network 1, broadcast 1, gateway 1, aux 1, "
                 "containers 3, pool 9)")


def test_no_ids_no_style_blocks_no_scripts():
    for fig in (slash28(), big_v6(), limits(), capacity()):
        svg = fig._repr_html_()
        assert " id=" not in svg
        assert "<style" not in svg and "<script" not in svg


def test_labels_are_escaped():
    evil = '<script>alert("x")</script> & "q"'
    m = AddressMap("10.0.0.0/30", [span("10.0.0.1", "10.0.0.1", "aux", evil)], title=evil)
    svg = m.to_svg()
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg and "&amp;" in svg
    ET.fromstring(svg)  # still well-formed
    titles = [g.find(f"{SVG}title").text for g in cells(svg)]
    assert titles[1] == f"10.0.0.1 aux {evil}"  # the parser un-escapes to the original


def big_v6():
    return AddressMap(
        "2001:db8:abc8::/64",
        [
            span("2001:db8:abc8::", "2001:db8:abc8::", "network"),
            span("2001:db8:abc8::1", "2001:db8:abc8::1", "gateway"),
            span("2001:db8:abc8::2", "2001:db8:abc8::11", "containers"),
            span("2001:db8:abc8::12", "2001:db8:abc8::ffff:ffff:ffff:ffff", "pool"),
        ],
    )


def test_ipv6_is_a_bar_with_exact_counts():
    m = big_v6()
    assert not m.is_grid
    svg = m.to_svg()
    assert roles_of(svg) == {"network": 1, "gateway": 1, "containers": 1, "pool": 1}
    assert m.counts()["pool"] == 2**64 - 18
    assert f"{2**64 - 18:,}" in svg
    assert "2^64" in svg  # the heading gives the subnet size as a power of two


def test_bar_segments_fill_the_bar_and_tiny_ones_stay_visible():
    root = ET.fromstring(big_v6().to_svg())
    rects = [g.find(f"{SVG}rect") for g in root.iter(f"{SVG}g") if g.get("data-role")]
    widths = [float(r.get("width")) for r in rects]
    assert all(w >= 3 for w in widths)
    assert sum(widths) == pytest.approx(660, abs=0.05)
    xs = [float(r.get("x")) for r in rects]
    assert xs == sorted(xs)


def test_large_ipv4_is_a_bar_and_slash22_is_a_grid():
    assert not AddressMap("10.0.0.0/21", []).is_grid
    m = AddressMap("10.0.0.0/22", [])
    assert m.is_grid
    assert len(cells(m.to_svg())) == 1024


def test_float_formatting_is_stable():
    svg = big_v6().to_svg()
    numbers = re.findall(r'\s(?:x|width)="([^"]+)"', svg)
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d{1,2})?", n) for n in numbers)


def limits():
    return LimitChart(
        [LimitBar("host1:eth0", 5, 8), LimitBar("host1:eth0.50", 12, 8), LimitBar("host2:eth1", 40)],
        title="MACs per parent",
    )


def test_limit_chart_marks_over_limit():
    c = limits()
    assert [b.label for b in c.over] == ["host1:eth0.50"]
    root = ET.fromstring(c.to_svg())
    flags = [g.get("data-over") for g in root.iter(f"{SVG}g")]
    assert flags == ["no", "yes", "no"]
    assert "OVER by 4" in c.to_svg()
    assert "OVER" in repr(c)


def capacity():
    return CapacityChart(
        [CapacityBar("pub_net", 10, 3, 1), CapacityBar("macnet32", 29, 2, 0, short=5),
         CapacityBar("v6", 3, 2, 2**64 - 5)],
        title="capacity",
    )


def test_capacity_chart_shows_short_and_exact_integers():
    c = capacity()
    svg = c.to_svg()
    root = ET.fromstring(svg)
    assert [g.get("data-short") for g in root.iter(f"{SVG}g")] == ["no", "yes", "no"]
    assert "SHORT by 5" in svg
    assert f"{2**64 - 5:,}" in svg
    assert c.to_svg() == capacity().to_svg()


def test_side_by_side_wraps_figures():
    row = side_by_side(slash28(), limits())
    out = row._repr_html_()
    assert out.count("<img ") == 2 and "flex-wrap" in out
    assert repr(row).splitlines()[0] == repr(slash28())


def test_containers_inside_a_dhcp_scope_are_marked_not_hidden():
    m = AddressMap("10.0.0.0/28", [
        span("10.0.0.0", "10.0.0.15", "pool"),
        span("10.0.0.2", "10.0.0.9", "containers"),
        span("10.0.0.8", "10.0.0.12", "dhcp", "office"),
    ])
    # containers keep their cells (Docker hands them out regardless of the LAN's DHCP server) ...
    assert m.counts() == {"containers": 8, "pool": 8}
    assert m.clashes() == 5  # .8 and .9 taken, .10-.12 free: all of them DHCP's too
    svg = m.to_svg()
    marked = [g.find(f"{SVG}title").text for g in cells(svg) if g.get("data-dhcp") == "yes"]
    assert marked[:3] == ["10.0.0.8 containers (also in DHCP scope office)",
                          "10.0.0.9 containers (also in DHCP scope office)",
                          "10.0.0.10 pool (also in DHCP scope office)"]
    assert len(marked) == 5
    assert "inside a DHCP scope" in svg and "inside a DHCP scope" in repr(m)


# ---- the thin layer over the core, on the project's example plans

from pathlib import Path

import macplan
from macplan import viz
from macplan.notebook import frames

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_address_map_of_macnet32_matches_capacity():
    plan = macplan.load(str(EXAMPLES / "ip-range-aux.yaml"))
    m = viz.address_map(plan, "macnet32", engine="20.10")
    sub = macplan.capacity(plan, engine="20.10").network("macnet32").subnets[0]
    assert m.counts()["containers"] == 100
    assert m.counts()["containers"] + m.counts()["pool"] == sub.available
    assert m.role_of("192.168.32.129") == "aux" and m.labels("aux") == ["my-router"]
    assert m.ranges("containers")[0].split("-")[0] == sub.first_free == "192.168.32.128"
    assert m.counts()["dhcp"] == 90 and m.clashes() == 0  # the scope stays outside the range


def test_address_map_refuses_a_refused_network():
    plan = macplan.load(str(EXAMPLES / "seed.sh"), interfaces=["eth0"])
    with pytest.raises(ValueError, match="refuse macnet32"):
        viz.address_map(plan, "macnet32", engine="20.10")


def test_mac_chart_by_port_shows_port_security_overrun():
    cap = macplan.capacity(macplan.load(str(EXAMPLES / "port-security.yaml")))
    chart = viz.mac_chart(cap, by="port")
    assert [(b.label, b.limit, bool(b.over)) for b in chart.bars] == [
        ("edge1:eth0", 32, True), ("edge1:eth1", 32, False)]
    assert frames.ports_frame(cap)["over"].tolist() == [True, False]
    with pytest.raises(ValueError):
        viz.mac_chart(cap, by="rack")


def test_capacity_chart_and_frame_keep_ipv6_exact():
    cap = macplan.capacity(macplan.load(str(EXAMPLES / "dual-stack.yaml")), engine="20.10")
    v6 = [b for b in viz.capacity_chart(cap).bars if ":" in b.label][0]
    assert v6.size == 2**64
    df = frames.capacity_frame(cap)
    assert df["size"].tolist()[-1] == 2**64 and isinstance(df["size"].tolist()[-1], int)


def test_findings_view_lists_refusals_in_dockers_words():
    plan = macplan.load(str(EXAMPLES / "seed.sh"), interfaces=["eth0"])
    view = viz.Findings(macplan.check(plan, engine="20.10"))
    html = view._repr_html_()
    assert "REFUSED by Docker" in html
    assert "docker: network dm-&lt;id&gt; is already using parent interface eth0" in html
    assert "macnet32: REFUSED" in repr(view)
    assert frames.findings_frame(macplan.check(plan, engine="20.10"))["rule"].tolist()[0] == "parent-in-use"


def test_html_is_an_image_with_hover_boxes():
    """JupyterLab's sanitizer drops inline <svg> in untrusted notebooks and unlinks an image map
    (it strips the <map>'s name and id); an <img> under <span title> boxes survives."""
    import base64
    import html as htmlmod

    out = slash28()._repr_html_()
    assert "<svg" not in out and "<map" not in out
    src = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', out).group(1)
    inner = base64.b64decode(src).decode()
    ET.fromstring(inner)
    assert "<title>" not in inner  # hover text lives in the spans
    assert re.match(r'<div class="macplan-map" style="position:relative;width:\d+px;height:\d+px"><img ', out)
    boxes = re.findall(r'<span title="([^"]*)" style="position:absolute;left:(\d+)px;top:(\d+)px;'
                       r'width:(\d+)px;height:(\d+)px"></span>', out)
    assert len(boxes) == 16
    assert htmlmod.unescape(boxes[2][0]) == "172.16.86.2 aux my-router"
    assert boxes[0][3:] == ("16", "16")
    assert out == slash28()._repr_html_()


def test_html_image_escapes_labels_in_the_map():
    evil = '"><script>alert(1)</script>'
    out = AddressMap("10.0.0.0/30", [span("10.0.0.1", "10.0.0.1", "aux", evil)])._repr_html_()
    assert "<script>" not in out and "&quot;&gt;&lt;script&gt;" in out
