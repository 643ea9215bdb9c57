"""Pictures of a plan that render themselves in Jupyter: address maps and bar charts.

Every object here draws itself as SVG (``to_svg()``) and has a plain ``__repr__``. Output is
deterministic (no random ids, no timestamps, fixed number formatting) so notebooks can be
checked strictly with nbval, and it needs nothing but netaddr: no matplotlib, no JavaScript.

``_repr_html_`` wraps the SVG as an ``<img>`` (a data URI) under transparent ``<span
title=...>`` boxes, one per cell, that give the per-address hover text (JupyterLab's sanitizer
keeps them; it unlinks an image map). Inline ``<svg>`` would be simpler, but JupyterLab sanitizes the HTML of notebooks it does not trust (any notebook opened before it
is run) and drops ``<svg>`` while keeping its text, which turns a map into a wall of
addresses; an ``<img>`` survives the sanitizer, and nbconvert HTML shows it the same way.

The drawing classes take plain values (spans, numbers) and know nothing of the rules, so they
can be tested with hand-made input. The functions at the end (:func:`address_map`,
:func:`mac_chart`, :func:`capacity_chart`) are a thin layer over the core's objects.
"""

from __future__ import annotations

import base64
import html
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable, Sequence

import netaddr

__all__ = [
    "ROLES",
    "AddressMap",
    "CapacityBar",
    "CapacityChart",
    "Findings",
    "LimitBar",
    "LimitChart",
    "Span",
    "address_map",
    "capacity_chart",
    "mac_chart",
    "side_by_side",
]

# (first, last, role, label), inclusive; first/last are netaddr.IPAddress (ints are accepted).
Span = tuple

# Okabe-Ito colours (safe for the common colour-vision deficiencies) plus greys. Single-address
# roles also carry a letter, so the map reads in greyscale too.
#   role: (fill, text colour for the letter, letter, legend text)
_ROLE_STYLE: dict[str, tuple[str, str, str, str]] = {
    "network": ("#4d4d4d", "#ffffff", "N", "network address"),
    "broadcast": ("#7f7f7f", "#ffffff", "B", "broadcast address"),
    "gateway": ("#d55e00", "#ffffff", "G", "gateway"),
    "aux": ("#e69f00", "#000000", "A", "aux-address (reserved)"),
    "shim": ("#cc79a7", "#000000", "S", "host shim interface"),
    "containers": ("#0072b2", "#ffffff", "", "expected containers"),
    "pool": ("#9ad0f0", "#000000", "", "free in pool"),
    "dhcp": ("#f0e442", "#000000", "", "LAN DHCP scope"),
    "outside": ("#e8e8e8", "#000000", "", "outside the ip-range"),
}

#: Roles in legend order; when spans overlap, the role earlier in this tuple wins. Addresses
#: Docker hands out (containers, pool) win over a DHCP scope but keep a mark, since both
#: allocators may hand them out.
ROLES: tuple[str, ...] = tuple(_ROLE_STYLE)
_PRIORITY = {role: i for i, role in enumerate(ROLES)}
_UNKNOWN_STYLE = ("#b3b3b3", "#000000", "?", "other")

_FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"'
_MONO = 'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace"'
_CHAR_W = 6.7  # width of one monospace character at font-size 11, for layout only


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(x: float | Fraction | int) -> str:
    """Fixed formatting for coordinates: at most two decimals, no trailing zeros, no '-0'."""
    s = f"{float(x):.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _count(n: int) -> str:
    """An exact integer with thousands separators, plus 2^k when it is a large power of two."""
    s = f"{n:,}"
    if n >= 1 << 20 and n & (n - 1) == 0:
        s += f" (2^{n.bit_length() - 1})"
    return s


def _style(role: str) -> tuple[str, str, str, str]:
    return _ROLE_STYLE.get(role, _UNKNOWN_STYLE)


def _svg_open(width: float, height: float, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" height="{_num(height)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" role="img" aria-label="{_esc(label)}" '
        f'style="max-width:100%;height:auto">'
    )


_SVG_NS = "{http://www.w3.org/2000/svg}"


def _html_image(svg: str) -> str:
    """The SVG as an <img>, with a transparent <span title=...> laid over each shape that has a
    <title>: the hover text. An image map would be the classic way, but JupyterLab's sanitizer
    strips a <map>'s name and id in untrusted notebooks, which unlinks it from its image; spans
    with `title` and absolute positions pass the sanitizer untouched."""
    root = ET.fromstring(svg)
    width, height = root.get("width"), root.get("height")
    spans: list[str] = []
    for el in root.iter():
        title = el.find(f"{_SVG_NS}title")
        rect = el if el.tag == f"{_SVG_NS}rect" else el.find(f"{_SVG_NS}rect")
        if title is None or rect is None or not title.text:
            continue
        x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
        x2, y2 = x + float(rect.get("width", 0)), y + float(rect.get("height", 0))
        left, top = math.floor(x), math.floor(y)
        spans.append(f'<span title="{_esc(title.text)}" style="position:absolute;left:{left}px;top:{top}px;'
                     f'width:{math.ceil(x2) - left}px;height:{math.ceil(y2) - top}px"></span>')
    lean = re.sub(r"<title>[^<]*</title>", "", svg)  # an <img> never shows them
    data = base64.b64encode(lean.encode("utf-8")).decode("ascii")
    img = (f'<img src="data:image/svg+xml;base64,{data}" width="{width}" height="{height}" '
           f'alt="{_esc(root.get("aria-label", ""))}" style="max-width:none">')
    return (f'<div class="macplan-map" style="position:relative;width:{width}px;height:{height}px">'
            f'{img}{"".join(spans)}</div>')


# --------------------------------------------------------------------------- address map


@dataclass(frozen=True)
class _Piece:
    first: int
    last: int
    role: str
    label: str
    dhcp: str = ""  # set when a container or pool address is also inside a DHCP scope

    @property
    def size(self) -> int:
        return self.last - self.first + 1


def _resolve(lo: int, hi: int, spans: Iterable[tuple[int, int, str, str]]) -> list[_Piece]:
    """Disjoint pieces covering [lo, hi] in address order.

    Where spans overlap, the role earlier in ROLES wins (ties: the earlier span). Addresses no
    span covers become "outside". Works on intervals, so a /64 costs what a /28 costs.
    """
    ranked = sorted(
        ((max(f, lo), min(l, hi), r, lab, _PRIORITY.get(r, len(ROLES)), i)
         for i, (f, l, r, lab) in enumerate(spans) if f <= hi and l >= lo and f <= l),
        key=lambda t: (t[4], t[5]),
    )
    pieces: list[_Piece] = []  # disjoint, sorted by first
    for f, l, role, label, _, _ in ranked:
        # the parts of [f, l] that no higher-priority piece covers yet
        free_from = f
        new: list[_Piece] = []
        for p in pieces:
            if p.last < free_from or p.first > l:
                continue
            if p.first > free_from:
                new.append(_Piece(free_from, p.first - 1, role, label))
            free_from = p.last + 1
            if free_from > l:
                break
        if free_from <= l:
            new.append(_Piece(free_from, l, role, label))
        if new:
            pieces = sorted(pieces + new, key=lambda p: p.first)
    out: list[_Piece] = []
    cursor = lo
    for p in pieces:
        if p.first > cursor:
            out.append(_Piece(cursor, p.first - 1, "outside", ""))
        out.append(p)
        cursor = p.last + 1
    if cursor <= hi:
        out.append(_Piece(cursor, hi, "outside", ""))
    return _mark_dhcp(out, [(f, l, lab) for f, l, r, lab, _, _ in ranked if r == "dhcp"])


# Roles that Docker hands out: an address of these inside a LAN DHCP scope is a clash.
_DOCKER_HANDS_OUT = ("containers", "pool")
_DHCP_ATTR = ' data-dhcp="yes"'


def _mark_dhcp(pieces: list[_Piece], scopes: list[tuple[int, int, str]]) -> list[_Piece]:
    """Split container/pool pieces at DHCP scope edges and mark the parts inside a scope."""
    for f, l, label in scopes:
        out: list[_Piece] = []
        for p in pieces:
            if p.role not in _DOCKER_HANDS_OUT or p.last < f or p.first > l:
                out.append(p)
                continue
            if p.first < f:
                out.append(_Piece(p.first, f - 1, p.role, p.label, p.dhcp))
            out.append(_Piece(max(p.first, f), min(p.last, l), p.role, p.label, p.dhcp or label or "dhcp"))
            if p.last > l:
                out.append(_Piece(l + 1, p.last, p.role, p.label, p.dhcp))
        pieces = out
    return pieces


class AddressMap:
    """A map of every address of one subnet, coloured by role.

    IPv4 subnets up to a /22 are drawn as a grid with one cell per address (hover a cell for
    its address, role and label); larger and IPv6 subnets as a proportional bar of the same
    roles. The legend gives exact counts either way.

    Args:
        subnet: the subnet, e.g. ``"192.168.32.0/24"`` or a ``netaddr.IPNetwork``.
        spans: ``(first, last, role, label)`` tuples, inclusive, with roles from :data:`ROLES`.
        title: a heading drawn above the map.
    """

    GRID_MAX_PREFIX_V4 = 22  # a /22 is 1024 cells: the largest grid still worth hovering over

    def __init__(self, subnet: str | netaddr.IPNetwork, spans: Iterable[Span], title: str = ""):
        self.subnet = netaddr.IPNetwork(str(subnet)).cidr
        self.title = title
        lo, hi = self.subnet.first, self.subnet.last
        self.pieces: tuple[_Piece, ...] = tuple(
            _resolve(lo, hi, ((int(f), int(l), str(r), str(lab)) for f, l, r, lab in spans))
        )

    # -- facts

    @property
    def is_grid(self) -> bool:
        return self.subnet.version == 4 and self.subnet.prefixlen >= self.GRID_MAX_PREFIX_V4

    def counts(self) -> dict[str, int]:
        """Addresses per role, in legend order; exact integers."""
        totals: dict[str, int] = {}
        for p in self.pieces:
            totals[p.role] = totals.get(p.role, 0) + p.size
        order = {r: i for i, r in enumerate(ROLES)}
        return dict(sorted(totals.items(), key=lambda kv: (order.get(kv[0], len(ROLES)), kv[0])))

    def clashes(self) -> int:
        """Addresses Docker may hand out that are also inside a LAN DHCP scope."""
        return sum(p.size for p in self.pieces if p.dhcp)

    def role_of(self, address: str | int | netaddr.IPAddress) -> str:
        a = int(netaddr.IPAddress(address)) if not isinstance(address, int) else address
        for p in self.pieces:
            if p.first <= a <= p.last:
                return p.role
        raise ValueError(f"{netaddr.IPAddress(a, self.subnet.version)} is not in {self.subnet}")

    def ranges(self, role: str) -> list[str]:
        """The addresses of a role as ``first-last`` (or one address), in address order."""
        return [self._ip(p.first) if p.size == 1 else f"{self._ip(p.first)}-{self._ip(p.last)}"
                for p in self.pieces if p.role == role]

    def labels(self, role: str) -> list[str]:
        """Distinct non-empty labels of a role, in address order."""
        seen: list[str] = []
        for p in self.pieces:
            if p.role == role and p.label and p.label not in seen:
                seen.append(p.label)
        return seen

    def __repr__(self) -> str:
        parts = ", ".join(f"{role} {n}" for role, n in self.counts().items())
        if self.clashes():
            parts += f"; {self.clashes()} inside a DHCP scope"
        return f"AddressMap({self.subnet}: {parts})"

    # -- drawing

    def _ip(self, value: int) -> str:
        return str(netaddr.IPAddress(value, self.subnet.version))

    def _heading(self) -> str:
        return self.title or f"{self.subnet} ({_count(self.subnet.size)} addresses)"

    def _legend(self, y: float, width: float) -> tuple[list[str], float]:
        out: list[str] = []
        counts = self.counts()
        count_w = max(len(_count(n)) for n in counts.values()) * _CHAR_W
        for role, n in counts.items():
            fill, _, letter, text = _style(role)
            out.append(
                f'<rect x="10" y="{_num(y)}" width="14" height="14" fill="{fill}" '
                f'stroke="#333333" stroke-width="0.5"/>'
            )
            if letter:
                out.append(
                    f'<text x="17" y="{_num(y + 11)}" font-size="9" text-anchor="middle" '
                    f'fill="{_style(role)[1]}" {_FONT}>{letter}</text>'
                )
            out.append(
                f'<text x="{_num(32 + count_w)}" y="{_num(y + 11)}" font-size="11" '
                f'text-anchor="end" {_MONO}>{_esc(_count(n))}</text>'
            )
            labels = [lab for lab in self.labels(role)
                      if lab.lower() != role and lab.lower() not in text.lower()]
            detail = text
            if labels:
                shown = ", ".join(labels[:4]) + (f" +{len(labels) - 4} more" if len(labels) > 4 else "")
                detail = f"{text}: {shown}"
            max_chars = max(10, int((width - 48 - count_w) / 6.2))
            if len(detail) > max_chars:
                detail = detail[: max_chars - 1] + "\u2026"
            out.append(
                f'<text x="{_num(42 + count_w)}" y="{_num(y + 11)}" font-size="11" {_FONT}>'
                f"<title>{_esc(role)}</title>{_esc(detail)}</text>"
            )
            y += 18
        if self.clashes():
            out.append(f'<rect x="10" y="{_num(y)}" width="14" height="14" fill="{_ROLE_STYLE["containers"][0]}" '
                       f'stroke="#333333" stroke-width="0.5"/>')
            out.append(f'<polygon points="{_corner(10, y, 14)}" fill="{_ROLE_STYLE["dhcp"][0]}" '
                       f'stroke="#000000" stroke-width="0.5"/>')
            out.append(
                f'<text x="{_num(32 + count_w)}" y="{_num(y + 11)}" font-size="11" text-anchor="end" '
                f'{_MONO}>{_esc(_count(self.clashes()))}</text>'
            )
            out.append(
                f'<text x="{_num(42 + count_w)}" y="{_num(y + 11)}" font-size="11" font-weight="bold" '
                f'fill="#000000" {_FONT}>handed out by Docker but inside a DHCP scope</text>'
            )
            y += 18
        return out, y

    def _grid_svg(self) -> str:
        size = self.subnet.size
        cols = min(size, 16 if size <= 256 else 32)
        rows = math.ceil(size / cols)
        pitch, cell = 18, 16
        left = math.ceil(12 + len(self._ip(self.subnet.last)) * _CHAR_W + 8)  # whole pixels: the image map
        top = 46
        width = max(left + cols * pitch + 10, 430, 20 + len(self._heading()) * 9)
        body: list[str] = []
        body.append(
            f'<text x="10" y="18" font-size="14" font-weight="bold" {_FONT}>{_esc(self._heading())}</text>'
        )
        for c in range(cols):
            body.append(
                f'<text x="{_num(left + c * pitch + cell / 2)}" y="{top - 6}" font-size="9" '
                f'text-anchor="middle" fill="#555555" {_MONO}>+{c}</text>'
            )
        for r in range(rows):
            body.append(
                f'<text x="{_num(left - 6)}" y="{_num(top + r * pitch + 12)}" font-size="11" '
                f'text-anchor="end" fill="#333333" {_MONO}>{self._ip(self.subnet.first + r * cols)}</text>'
            )
        base = self.subnet.first
        for p in self.pieces:
            fill, ink, letter, _ = _style(p.role)
            for a in range(p.first, p.last + 1):
                i = a - base
                x, y = left + (i % cols) * pitch, top + (i // cols) * pitch
                tip = " ".join(s for s in (self._ip(a), p.role, p.label) if s)
                if p.dhcp:
                    tip += f" (also in DHCP scope {p.dhcp})"
                body.append(
                    f'<g data-role="{_esc(p.role)}"{_DHCP_ATTR if p.dhcp else ""}>'
                    f'<title>{_esc(tip)}</title>'
                    f'<rect x="{_num(x)}" y="{_num(y)}" width="{cell}" height="{cell}" fill="{fill}" '
                    f'stroke="#333333" stroke-width="0.5"/>'
                    + (f'<polygon points="{_corner(x, y, cell)}" fill="{_ROLE_STYLE["dhcp"][0]}" '
                       f'stroke="#000000" stroke-width="0.5"/>' if p.dhcp else "")
                    + (
                        f'<text x="{_num(x + cell / 2)}" y="{_num(y + 12)}" font-size="10" '
                        f'text-anchor="middle" fill="{ink}" {_FONT}>{letter}</text>'
                        if letter else ""
                    )
                    + "</g>"
                )
        legend, bottom = self._legend(top + rows * pitch + 14, width)
        body.extend(legend)
        height = bottom + 6
        return _svg_open(width, height, self._heading()) + "".join(body) + "</svg>"

    def _bar_svg(self) -> str:
        width, bar_w, x0, top, bar_h = 680, 660, 10, 30, 30
        width = max(width, 20 + len(self._heading()) * 9)
        total = self.subnet.size
        widths = _min_widths([p.size for p in self.pieces], total, bar_w, min_w=3)
        body: list[str] = [
            f'<text x="10" y="18" font-size="14" font-weight="bold" {_FONT}>{_esc(self._heading())}</text>'
        ]
        x = Fraction(x0)
        for p, w in zip(self.pieces, widths):
            fill = _style(p.role)[0]
            first, last = self._ip(p.first), self._ip(p.last)
            where = first if p.size == 1 else f"{first} \u2013 {last}"
            tip = " ".join(s for s in (where, p.role, p.label, f"({_count(p.size)})") if s)
            if p.dhcp:
                tip += f" (also in DHCP scope {p.dhcp})"
            body.append(
                f'<g data-role="{_esc(p.role)}"{_DHCP_ATTR if p.dhcp else ""}>'
                f'<title>{_esc(tip)}</title>'
                f'<rect x="{_num(x)}" y="{top}" width="{_num(w)}" height="{bar_h}" fill="{fill}" '
                f'stroke="#333333" stroke-width="0.5"/>'
                + (f'<rect x="{_num(x)}" y="{top}" width="{_num(w)}" height="{bar_h // 3}" '
                   f'fill="{_ROLE_STYLE["dhcp"][0]}" stroke="#000000" stroke-width="0.5"/>' if p.dhcp else "")
                + "</g>"
            )
            x += w
        body.append(
            f'<text x="{x0}" y="{top + bar_h + 14}" font-size="11" {_MONO}>{self._ip(self.subnet.first)}</text>'
        )
        body.append(
            f'<text x="{x0 + bar_w}" y="{top + bar_h + 14}" font-size="11" text-anchor="end" '
            f'{_MONO}>{self._ip(self.subnet.last)}</text>'
        )
        body.append(
            f'<text x="{x0}" y="{top + bar_h + 30}" font-size="10" fill="#555555" {_FONT}>'
            f"proportional bar in address order; tiny spans are drawn 3 px wide so they stay visible</text>"
        )
        legend, bottom = self._legend(top + bar_h + 42, width)
        body.extend(legend)
        return _svg_open(width, bottom + 6, self._heading()) + "".join(body) + "</svg>"

    def to_svg(self) -> str:
        return self._grid_svg() if self.is_grid else self._bar_svg()

    def _repr_html_(self) -> str:
        return _html_image(self.to_svg())


def _corner(x: float, y: float, cell: float) -> str:
    """A triangle in the top-right corner of a cell: the mark of a DHCP clash."""
    k = cell * 0.55
    return f"{_num(x + cell - k)},{_num(y)} {_num(x + cell)},{_num(y)} {_num(x + cell)},{_num(y + k)}"


def _min_widths(sizes: Sequence[int], total: int, width: int, min_w: int) -> list[Fraction]:
    """Proportional widths summing to `width`, each at least `min_w` when that is possible."""
    raw = [Fraction(s * width, total) for s in sizes]
    small = [r < min_w for r in raw]
    n_small = sum(small)
    if n_small == 0 or n_small * min_w >= width:
        return raw
    big_total = sum(r for r, s in zip(raw, small) if not s)
    scale = (width - n_small * min_w) / big_total
    return [Fraction(min_w) if s else r * scale for r, s in zip(raw, small)]


# --------------------------------------------------------------------------- bar charts

_OK = "#0072b2"
_OVER = "#d55e00"
_RESERVED = "#7f7f7f"
_FREE = "#9ad0f0"


@dataclass(frozen=True)
class LimitBar:
    """One bar of a :class:`LimitChart`: a count against an optional limit."""

    label: str
    value: int
    limit: int | None = None
    detail: str = ""

    @property
    def over(self) -> int:
        return max(0, self.value - self.limit) if self.limit is not None else 0


class LimitChart:
    """Horizontal bars of counts against limits, e.g. MAC addresses per switch port or VLAN.

    The part of a bar beyond its limit is drawn in vermillion and the text says by how much,
    so an over-limit row reads without relying on colour.
    """

    def __init__(self, bars: Iterable[LimitBar], title: str = "", unit: str = ""):
        self.bars = tuple(bars)
        self.title = title
        self.unit = unit

    @property
    def over(self) -> tuple[LimitBar, ...]:
        return tuple(b for b in self.bars if b.over)

    def __repr__(self) -> str:
        rows = "; ".join(
            f"{b.label} {b.value}" + (f"/{b.limit}" if b.limit is not None else "")
            + (" OVER" if b.over else "")
            for b in self.bars
        )
        return f"LimitChart({self.title!r}: {rows})"

    def to_svg(self) -> str:
        label_w = min(max([len(b.label) for b in self.bars] + [8]) * _CHAR_W + 16, 300)
        bar_w, row_h, top = 320, 26, 30 if self.title else 8
        scale_max = max([max(b.value, b.limit or 0) for b in self.bars] + [1])
        width = 10 + label_w + bar_w + 250
        body: list[str] = []
        if self.title:
            body.append(
                f'<text x="10" y="18" font-size="14" font-weight="bold" {_FONT}>{_esc(self.title)}</text>'
            )
        x0 = 10 + label_w
        for i, b in enumerate(self.bars):
            y = top + i * row_h
            ok_part = min(b.value, b.limit) if b.limit is not None else b.value
            w_ok = Fraction(ok_part * bar_w, scale_max)
            w_over = Fraction(b.over * bar_w, scale_max)
            tip = f"{b.label}: {b.value}" + (f" of {b.limit}" if b.limit is not None else "")
            if b.detail:
                tip += f" ({b.detail})"
            body.append(f'<g data-over="{"yes" if b.over else "no"}"><title>{_esc(tip)}</title>')
            body.append(
                f'<text x="{_num(x0 - 8)}" y="{y + 15}" font-size="11" text-anchor="end" {_MONO}>'
                f"{_esc(b.label)}</text>"
            )
            body.append(
                f'<rect x="{_num(x0)}" y="{y + 3}" width="{bar_w}" height="16" fill="#f2f2f2"/>'
            )
            if w_ok:
                body.append(
                    f'<rect x="{_num(x0)}" y="{y + 3}" width="{_num(w_ok)}" height="16" fill="{_OK}"/>'
                )
            if w_over:
                body.append(
                    f'<rect x="{_num(x0 + w_ok)}" y="{y + 3}" width="{_num(w_over)}" height="16" '
                    f'fill="{_OVER}"/>'
                )
            if b.limit is not None:
                lx = x0 + Fraction(b.limit * bar_w, scale_max)
                body.append(
                    f'<line x1="{_num(lx)}" y1="{y}" x2="{_num(lx)}" y2="{y + 22}" stroke="#000000" '
                    f'stroke-width="2"/>'
                )
            text = f"{b.value:,}" + (f" / {b.limit:,}" if b.limit is not None else "")
            weight, colour = "normal", "#000000"
            if b.over:
                text += f"  OVER by {b.over:,}"
                weight, colour = "bold", _OVER
            body.append(
                f'<text x="{_num(x0 + bar_w + 10)}" y="{y + 15}" font-size="11" font-weight="{weight}" '
                f'fill="{colour}" {_FONT}>{_esc(text)}</text></g>'
            )
        y = top + len(self.bars) * row_h + 6
        note = "bar = count" + (f" of {self.unit}" if self.unit else "") + ";  | = limit"
        body.append(f'<text x="{_num(x0)}" y="{y + 8}" font-size="10" fill="#555555" {_FONT}>{_esc(note)}</text>')
        return _svg_open(width, y + 16, self.title or "chart") + "".join(body) + "</svg>"

    def _repr_html_(self) -> str:
        return _html_image(self.to_svg())


@dataclass(frozen=True)
class CapacityBar:
    """One row of a :class:`CapacityChart`: addresses of a pool by what they are for.

    ``used`` are taken by expected containers, ``reserved`` by the network itself (gateway,
    aux-addresses, network/broadcast), ``free`` remain; ``short`` counts expected containers
    that do not fit.
    """

    label: str
    used: int
    reserved: int
    free: int
    short: int = 0
    detail: str = ""

    @property
    def size(self) -> int:
        return self.used + self.reserved + self.free


class CapacityChart:
    """One stacked bar per network or subnet: used, reserved and free addresses.

    Each bar is scaled to its own pool (a /64 and a /28 cannot share an axis); the exact
    integers are written beside it.
    """

    def __init__(self, bars: Iterable[CapacityBar], title: str = ""):
        self.bars = tuple(bars)
        self.title = title

    def __repr__(self) -> str:
        rows = "; ".join(
            f"{b.label} used {b.used} reserved {b.reserved} free {b.free}"
            + (f" SHORT {b.short}" if b.short else "")
            for b in self.bars
        )
        return f"CapacityChart({self.title!r}: {rows})"

    def to_svg(self) -> str:
        label_w = min(max([len(b.label) for b in self.bars] + [8]) * _CHAR_W + 16, 300)
        bar_w, row_h = 300, 40
        top = 30 if self.title else 8
        width = 10 + label_w + bar_w + 10
        body: list[str] = []
        if self.title:
            body.append(
                f'<text x="10" y="18" font-size="14" font-weight="bold" {_FONT}>{_esc(self.title)}</text>'
            )
        x0 = 10 + label_w
        text_end = 0.0
        for i, b in enumerate(self.bars):
            y = top + i * row_h
            body.append(f'<g data-short="{"yes" if b.short else "no"}">')
            body.append(
                f'<text x="{_num(x0 - 8)}" y="{y + 14}" font-size="11" text-anchor="end" {_MONO}>'
                f"{_esc(b.label)}</text>"
            )
            x = Fraction(x0)
            parts = [(part, n, fill) for part, n, fill in (
                ("used", b.used, _OK), ("reserved", b.reserved, _RESERVED), ("free", b.free, _FREE)) if n]
            widths = _min_widths([n for _, n, _ in parts], b.size or 1, bar_w, min_w=2)
            for (part, n, fill), w in zip(parts, widths):
                body.append(
                    f'<rect x="{_num(x)}" y="{y + 3}" width="{_num(w)}" height="14" fill="{fill}">'
                    f"<title>{_esc(f'{b.label}: {part} {_count(n)}')}</title></rect>"
                )
                x += w
            body.append(
                f'<rect x="{_num(x0)}" y="{y + 3}" width="{bar_w}" height="14" fill="none" '
                f'stroke="#333333" stroke-width="0.5"/>'
            )
            text = f"used {_count(b.used)} \u00b7 reserved {b.reserved:,} \u00b7 free {_count(b.free)}"
            if b.detail:
                text += f" \u00b7 {b.detail}"
            text_end = max(text_end, x0 + len(text) * 5.9 + 10)
            body.append(
                f'<text x="{_num(x0)}" y="{y + 30}" font-size="10" fill="#333333" {_FONT}>{_esc(text)}</text>'
            )
            if b.short:
                body.append(
                    f'<text x="{_num(x0 + bar_w + 8)}" y="{y + 14}" font-size="11" font-weight="bold" '
                    f'fill="{_OVER}" {_FONT}>SHORT by {b.short:,}</text>'
                )
            body.append("</g>")
        y = top + len(self.bars) * row_h
        lx = 10
        for name, fill in (("used by expected containers", _OK), ("reserved", _RESERVED), ("free", _FREE)):
            body.append(f'<rect x="{lx}" y="{y + 2}" width="12" height="12" fill="{fill}"/>')
            body.append(f'<text x="{lx + 16}" y="{y + 12}" font-size="11" {_FONT}>{name}</text>')
            lx += 16 + len(name) * 6.5 + 18
        width = max(width + 90, lx, text_end)
        return _svg_open(width, y + 22, self.title or "capacity") + "".join(body) + "</svg>"

    def _repr_html_(self) -> str:
        return _html_image(self.to_svg())


_SEVERITY_STYLE = {  # background, border, label
    "error": ("#fbe3d6", "#d55e00", "ERROR"),
    "warning": ("#fdf3d0", "#e69f00", "warning"),
    "info": ("#e3f1fa", "#56b4e9", "info"),
}


class Findings:
    """A check report as a readable list: each network, whether Docker creates it, and each
    finding with Docker's own words where Docker refuses."""

    def __init__(self, report, title: str = ""):
        data = report.to_dict() if hasattr(report, "to_dict") else report
        self.engine = data.get("engine")
        self.networks = data.get("networks", [])
        self.plan = data.get("plan", [])
        self.title = title

    def _all(self):
        for n in self.networks:
            for f in n["findings"]:
                yield n["name"], f
        for f in self.plan:
            yield "(plan)", f

    def __repr__(self) -> str:
        lines = []
        for n in self.networks:
            state = "created" if n["accepted"] else "REFUSED"
            lines.append(f"{n['name']}: {state}")
            for f in n["findings"]:
                lines.append(f"  {f['severity']} [{f['rule']}] {f['message']}")
                if f.get("docker_error"):
                    lines.append(f"    docker: {f['docker_error']}")
        for f in self.plan:
            lines.append(f"plan: {f['severity']} [{f['rule']}] {f['message']}")
        return "\n".join(lines) or "no networks"

    def _repr_html_(self) -> str:
        parts = ['<div style="font-family:DejaVu Sans,Helvetica,Arial,sans-serif;font-size:13px;'
                 'line-height:1.4;max-width:900px">']
        head = self.title or (f"Checked against engine {self.engine}" if self.engine else "")
        if head:
            parts.append(f'<div style="font-weight:bold;margin-bottom:4px">{_esc(head)}</div>')
        for n in self.networks:
            ok = n["accepted"]
            badge = ('<span style="color:#0072b2;font-weight:bold">created</span>' if ok else
                     '<span style="color:#d55e00;font-weight:bold">REFUSED by Docker</span>')
            quiet = "" if n["findings"] else ' <span style="color:#555555">— no findings</span>'
            parts.append(f'<div style="margin-top:6px"><code>{_esc(n["name"])}</code>: {badge}{quiet}</div>')
            for f in n["findings"]:
                parts.append(self._finding_html(f))
        if self.plan:
            parts.append('<div style="margin-top:6px"><b>the plan as a whole</b></div>')
            for f in self.plan:
                parts.append(self._finding_html(f))
        parts.append("</div>")
        return "".join(parts)

    @staticmethod
    def _finding_html(f: dict) -> str:
        bg, border, label = _SEVERITY_STYLE.get(f["severity"], ("#eeeeee", "#7f7f7f", f["severity"]))
        docker = (f'<div style="font-family:DejaVu Sans Mono,monospace;font-size:12px;margin-top:2px">'
                  f'docker: {_esc(f["docker_error"])}</div>' if f.get("docker_error") else "")
        return (f'<div style="margin:3px 0 3px 18px;padding:3px 8px;background:{bg};'
                f'border-left:4px solid {border}"><b>{label}</b> <code>{_esc(f["rule"])}</code> '
                f'{_esc(f["message"])}{docker}</div>')


def side_by_side(*figures: object) -> "_Row":
    """Show several figures in one row (wrapping on narrow screens)."""
    return _Row(figures)


class _Row:
    def __init__(self, figures: Sequence[object]):
        self.figures = tuple(figures)

    def __repr__(self) -> str:
        return "\n".join(repr(f) for f in self.figures)

    def _repr_html_(self) -> str:
        cells = "".join(
            f'<div style="flex:0 1 auto">{f._repr_html_()}</div>'  # type: ignore[attr-defined]
            for f in self.figures
        )
        return f'<div style="display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start">{cells}</div>'


# --------------------------------------------------------------------------- over the core


def _result(plan, network, engine=None, host=None):
    """The check result of one network: by name, or a NetworkResult as is."""
    if hasattr(network, "created"):
        return network
    import macplan

    report = macplan.check(plan, engine=engine)
    name = getattr(network, "name", network)
    for r in report.networks:
        if r.name == name and (host is None or r.host == host):
            return r
    raise KeyError(f"no network {name!r} in the plan")


def address_map(plan, network, subnet: int = 0, engine=None, host=None, title: str = "") -> AddressMap:
    """The address map of one subnet of a planned network, as Docker would allocate it.

    Args:
        plan: a ``macplan.Plan``.
        network: the network's name (or a ``NetworkResult`` from ``macplan.check``).
        subnet: which of its subnets (in flag order, as Docker groups them).
        engine: the engine version to simulate; the plan's own when None.
    """
    from macplan.pools import address_spans

    result = _result(plan, network, engine, host)
    if not result.accepted or result.created is None:
        raise ValueError(f"Docker would refuse {result.name}, so it has no addresses to map")
    alloc = result.created.allocations[subnet]
    # Containers go where Docker would put them: Docker knows nothing of the LAN's DHCP scopes,
    # so they are not passed to the core (which would fill containers around them). The scopes
    # are drawn underneath instead, whole, so a range that runs into one shows containers
    # overlapping the yellow, and a scope outside Docker's range shows as such.
    spans = [(f, l, role, _label(role, label)) for f, l, role, label in address_spans(result.created, subnet, ())]
    cidr = alloc.pool.subnet
    for scope in getattr(plan, "dhcp", ()):
        try:
            first, last = netaddr.IPAddress(scope.first), netaddr.IPAddress(scope.last)
        except (netaddr.AddrFormatError, ValueError):
            continue
        if first.version == cidr.version:
            spans.append((first, last, "dhcp", scope.name))
    heading = title or f"{result.name}  {cidr}" + (
        f"  ip-range {alloc.group.ip_range}" if getattr(alloc.group, "ip_range", None) else "")
    return AddressMap(str(cidr), spans, title=heading)


def _label(role: str, label: str) -> str:
    """The core's span labels, minus what the role already says ("aux my-router" -> "my-router")."""
    label = str(label or "")
    if label.startswith("aux ") and role in ("aux", "shim"):
        label = label[4:]
    generic = {role, "free", "expected containers", "outside the ip-range", "network", "broadcast", "gateway"}
    return "" if label in generic else label


def _items(cap, key: str) -> list:
    data = cap.to_dict() if hasattr(cap, "to_dict") else cap
    return list(data.get(key, []))


def _vlan_name(v) -> str:
    return "untagged" if v is None else f"VLAN {v}"


def mac_chart(cap, by: str = "port", title: str = "") -> LimitChart:
    """MAC addresses the switch will learn, against the limits the plan declares.

    Args:
        cap: ``macplan.capacity(plan)`` (or its ``to_dict()``).
        by: ``"port"`` (per host interface, the host's own MAC included, against port
            security), ``"vlan"`` (all hosts together, against the VLAN's limit) or
            ``"parent"`` (per parent such as ``eth0.50``; no limit).
    """
    if by == "port":
        bars = [LimitBar(f"{p['host']}:{p['interface']}", int(p["macs"]), p.get("limit"),
                         detail="includes the host's own MAC") for p in _items(cap, "ports")]
        title = title or "MAC addresses per switch port"
    elif by == "vlan":
        bars = [LimitBar(_vlan_name(v["vlan"]), int(v["macs"]), v.get("limit"),
                         detail=", ".join(v.get("hosts", ()))) for v in _items(cap, "vlans")]
        title = title or "MAC addresses per VLAN (all hosts)"
    elif by == "parent":
        bars = [LimitBar(f"{p['host']}:{p['parent']}", int(p["macs"]), None,
                         detail=f"{_vlan_name(p.get('vlan'))}; {', '.join(p.get('networks', ()))}")
                for p in _items(cap, "parents")]
        title = title or "MAC addresses per host parent"
    else:
        raise ValueError(f"by must be 'port', 'vlan' or 'parent', not {by!r}")
    return LimitChart(bars, title=title, unit="MAC addresses")


def capacity_chart(cap, title: str = "IP capacity per network") -> CapacityChart:
    """Used (expected containers), reserved and free addresses per network and subnet.

    A network's expected containers fill its subnets in order; a network with no expected
    count shows none used.
    """
    bars = []
    for net in _items(cap, "networks"):
        want = int(net.get("expected") or 0)
        subnets = net.get("subnets", [])
        per_family: dict[bool, int] = {}
        for s in subnets:
            size, available = int(s["size"]), int(s["available"])
            family = ":" in s["subnet"]
            left = want - per_family.get(family, 0)
            used = max(0, min(left, available))
            per_family[family] = per_family.get(family, 0) + used
            last_of_family = not any(
                (":" in t["subnet"]) == family for t in subnets[subnets.index(s) + 1:])
            short = max(0, left - available) if last_of_family else 0
            label = net["name"] if len(subnets) == 1 else f"{net['name']} {s['subnet']}"
            bars.append(CapacityBar(label, used, size - available, available - used, short=short,
                                    detail=f"pool {s['pool']}"))
    return CapacityChart(bars, title=title)
