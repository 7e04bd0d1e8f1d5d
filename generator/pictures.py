"""Pictures of the book, drawn as static inline SVG at build time.

Why by hand and not with a charting library: the three pictures are a few
circles, lines and bars; a library (matplotlib, pygal, plotly) would bring
either a script, its own fonts and hard-coded colours, or megabytes of
dependencies, and none lets the drawing pick up Material's light and dark
palettes. Drawn here, every shape carries a class that ``briefbook.css``
colours with Material's CSS variables (``currentColor`` is the fallback),
the SVG sits inline in the page so that CSS applies, and the output is
plain markup that works offline, in print and in the PDF.

Everything here is computed from typed inputs; every label is XML-escaped,
since the SVG is raw HTML inside the generated Markdown and labels come
from book.yml and the sources. Links carry the class ``bb-link`` and a
docs-relative ``.md`` target; the MkDocs plugin rewrites them to the site's
URL layout (directory URLs or ``.html``): see :func:`generator.plugin.picture_links`.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .escape import Md

WIDTH = 720
FONT = 14
LINK_CLASS = "bb-link"


def xml(text: str) -> str:
    """Text or attribute value safe inside SVG: escaped, no control characters, one line."""
    clean = "".join(" " if ord(ch) < 32 or ch == "\x7f" else ch for ch in text)
    return html.escape(" ".join(clean.split()), quote=True)


def shorten(text: str, limit: int) -> str:
    """Cut a label that would not fit; the full text stays in the element's title."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _num(value: float) -> str:
    """Coordinates with at most one decimal: stable bytes, small files."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _open(kind: str, ident: str, height: float, title: str, desc: str, role: str) -> list[str]:
    """The ``<svg>`` start tag with its accessible name and description."""
    return [
        f'<svg class="bb-picture bb-{kind}" id="{ident}" role="{role}" viewBox="0 0 {WIDTH} {_num(height)}"'
        f' width="{WIDTH}" height="{_num(height)}" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc"'
        f' xmlns="http://www.w3.org/2000/svg" font-size="{FONT}" fill="currentColor">',
        f'<title id="{ident}-title">{xml(title)}</title>',
        f'<desc id="{ident}-desc">{xml(desc)}</desc>',
    ]


def _link(target: str, title: str) -> str:
    return f'<a class="{LINK_CLASS}" href="{xml(target)}"><title>{xml(title)}</title>'


def _figure(svg: list[str]) -> Md:
    """One line of raw HTML per element, no blank line: Markdown keeps the block as it is."""
    return Md("<figure class=\"bb-figure\">\n" + "\n".join(svg) + "\n</svg>\n</figure>")


# ---------------------------------------------------------------- theme map


@dataclass(frozen=True)
class MapNode:
    """A theme on the map: its title, paragraph count and the page it links to."""

    title: str
    count: int
    target: str


@dataclass(frozen=True)
class MapEdge:
    """Cross-links between two themes (indexes into the node list), both directions added up."""

    a: int
    b: int
    weight: int


def theme_map(nodes: Sequence[MapNode], edges: Sequence[MapEdge], *, title: str, ident: str = "bb-theme-map") -> Md:
    """Themes as circles on an ellipse, area by paragraph count, lines as thick as their cross-links."""
    n = len(nodes)
    r_min, r_max = 10.0, 46.0
    top_count = max((node.count for node in nodes), default=0) or 1
    radii = [r_min + (r_max - r_min) * math.sqrt(node.count / top_count) for node in nodes]
    # More themes, a taller ellipse: neighbours' labels keep apart as the ring fills up.
    rx, ry = (0.0, 0.0) if n == 1 else (250.0, 30.0) if n == 2 else (240.0, 120.0 + 32.0 * max(0, n - 6))
    cx = WIDTH / 2
    raw = []
    for i in range(n):
        angle = -math.pi / 2 + 2 * math.pi * i / n if n > 2 else math.pi * (1 - i) if n == 2 else 0.0
        raw.append((cx + rx * math.cos(angle), ry * math.sin(angle)))
    # Labels go above the circles of the ellipse's upper half, below the others; the picture is
    # as tall as what it draws, so a triangle of three themes leaves no empty band.
    above = [n > 2 and y < -1 for _, y in raw]
    label_room = 10 + 2 * FONT + 6
    top = min(y - r - (label_room if up else 0) for (_, y), r, up in zip(raw, radii, above, strict=True)) - 4
    bottom = max(y + r + (0 if up else label_room) for (_, y), r, up in zip(raw, radii, above, strict=True)) + 4
    height = bottom - top
    cy = -top
    points = [(x, y + cy) for x, y in raw]
    linked = sorted(edges, key=lambda e: (e.a, e.b))
    total_links = sum(e.weight for e in linked)
    desc = (
        f"{_plural(n, 'theme')}, each drawn as a circle sized by its paragraphs and linked to its page: "
        + "; ".join(f"{node.title}, {_plural(node.count, 'paragraph')}" for node in nodes)
        + ". "
        + (
            "Lines join themes whose paragraphs mention each other, thicker for more cross-links: "
            + "; ".join(f"{nodes[e.a].title} and {nodes[e.b].title}, {_plural(e.weight, 'link')}" for e in linked)
            + "."
            if linked
            else "No theme's paragraphs mention another theme."
        )
    )
    out = _open("map", ident, height, title, desc, "group")
    top_weight = max((e.weight for e in linked), default=1)
    out.append('<g class="bb-edges" aria-hidden="true">')
    for e in linked:
        (x1, y1), (x2, y2) = points[e.a], points[e.b]
        width = 1.5 + 6.5 * e.weight / top_weight
        out.append(
            f'<line class="bb-edge" x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}"'
            f' stroke="currentColor" stroke-opacity="0.45" stroke-width="{_num(width)}"/>'
        )
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        out.append(
            f'<text class="bb-edge-label" x="{_num(mx)}" y="{_num(my + 4)}" text-anchor="middle" font-size="12">{e.weight}</text>'
        )
    out.append("</g>")
    # Title then count, read top to bottom, above or below the circle.
    label_ys = [y - r - 10 - FONT if up else y + r + 10 + FONT for (_, y), r, up in zip(points, radii, above, strict=True)]
    limits = _label_limits(points, radii, label_ys)
    for node, (x, y), r, label_y, limit in zip(nodes, points, radii, label_ys, limits, strict=True):
        count_y = label_y + FONT + 2
        empty = " bb-node--empty" if node.count == 0 else ""
        out.append(_link(node.target, f"{node.title}: {_plural(node.count, 'paragraph')}"))
        out.append(f'<circle class="bb-node{empty}" cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}"/>')
        out.append(
            f'<text class="bb-node-label" x="{_num(x)}" y="{_num(label_y)}" text-anchor="middle" font-weight="600">'
            f"{xml(shorten(node.title, limit))}</text>"
        )
        out.append(
            f'<text class="bb-node-count" x="{_num(x)}" y="{_num(count_y)}" text-anchor="middle" font-size="12">'
            f"{xml(_plural(node.count, 'paragraph'))}</text>"
        )
        out.append("</a>")
    if not total_links and n > 1:
        out.append(
            f'<text class="bb-note" x="{_num(cx)}" y="{_num(cy + 4)}" text-anchor="middle" font-size="12">no cross-links</text>'
        )
    return _figure(out)


def _label_limits(
    points: list[tuple[float, float]], radii: list[float], ys: list[float], char_width: float = 8.0
) -> list[int]:
    """How many characters each centred label may take before it meets the edge, a neighbour's label or circle."""
    limits = []
    for i, ((x, _), y) in enumerate(zip(points, ys, strict=True)):
        half = min(x, WIDTH - x) - 4
        for j, ((x2, cy2), r2, y2) in enumerate(zip(points, radii, ys, strict=True)):
            if j == i:
                continue
            if abs(y - y2) < 2 * FONT + 6:
                half = min(half, abs(x - x2) / 2 - 6)
            if y - FONT - r2 < cy2 < y + FONT + 2 + r2:  # the circle reaches into the label's band
                half = min(half, max(abs(x - x2) - r2 - 6, 0))
        limits.append(max(8, min(30, int(2 * half / char_width))))
    return limits


# ---------------------------------------------------------------- coverage


@dataclass(frozen=True)
class Bar:
    """One row of the coverage chart: a label, the part placed in a theme and the part in none."""

    label: str
    assigned: int
    unassigned: int = 0
    target: str = ""


def coverage_chart(
    by_theme: Sequence[Bar], by_source: Sequence[Bar], *, title: str, ident: str = "bb-coverage",
    theme_heading: str = "Paragraphs per theme", source_heading: str = "Paragraphs per source",
) -> Md:
    """Horizontal bars: paragraphs per theme (with a 'no theme' row), then per source, unassigned part shown apart."""
    row, label_w, right = 26.0, 230.0, 130.0
    bar_w = WIDTH - label_w - right
    top = max((b.assigned + b.unassigned for b in (*by_theme, *by_source)), default=0) or 1
    height = 24 + (len(by_theme) + len(by_source)) * row + 2 * 30 + 34
    unassigned = sum(b.unassigned for b in by_source)
    desc = (
        f"{theme_heading}: "
        + "; ".join(f"{b.label} {b.assigned + b.unassigned}" for b in by_theme)
        + f". {source_heading}: "
        + "; ".join(
            f"{b.label} {b.assigned + b.unassigned}" + (f", of which {b.unassigned} in no theme" if b.unassigned else "")
            for b in by_source
        )
        + f". {_plural(unassigned, 'paragraph')} in no theme."
    )
    out = _open("coverage", ident, height, title, desc, "img")
    y = 0.0

    def heading(text: str) -> None:
        nonlocal y
        y += 30
        out.append(f'<text class="bb-heading" x="0" y="{_num(y - 8)}" font-weight="700">{xml(text)}</text>')

    def bars(rows: Sequence[Bar]) -> None:
        nonlocal y
        for b in rows:
            mid = y + row / 2
            out.append(
                f'<text class="bb-bar-label" x="{_num(label_w - 10)}" y="{_num(mid + 5)}" text-anchor="end">'
                f"{xml(shorten(b.label, 30))}</text>"
            )
            x = label_w
            for part, cls in ((b.assigned, "bb-bar"), (b.unassigned, "bb-bar bb-bar--none")):
                if part:
                    w = max(2.0, bar_w * part / top)
                    out.append(
                        f'<rect class="{cls}" x="{_num(x)}" y="{_num(y + 4)}" width="{_num(w)}" height="{_num(row - 8)}"/>'
                    )
                    x += w
            total = b.assigned + b.unassigned
            note = f" ({b.unassigned} in no theme)" if b.unassigned and b.assigned else ""
            out.append(f'<text class="bb-bar-value" x="{_num(x + 6)}" y="{_num(mid + 5)}">{total}{note}</text>')
            y += row

    heading(theme_heading)
    bars(by_theme)
    heading(source_heading)
    bars(by_source)
    y += 12
    out.append(f'<rect class="bb-bar" x="0" y="{_num(y)}" width="14" height="14"/>')
    out.append(f'<text class="bb-legend" x="20" y="{_num(y + 12)}" font-size="12">in a theme</text>')
    out.append(f'<rect class="bb-bar bb-bar--none" x="120" y="{_num(y)}" width="14" height="14"/>')
    out.append(f'<text class="bb-legend" x="140" y="{_num(y + 12)}" font-size="12">in no theme</text>')
    return _figure(out)


# ---------------------------------------------------------------- timeline


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event: a day, or a span when ``end`` is given; ``target`` is the docs path (with #anchor) it links to."""

    start: date
    label: str
    target: str
    end: date | None = None
    when: str = ""  # the date as readers should see it ("May 2019"); ISO dates when empty


def iso_span(start: str, end: str = "") -> tuple[date, date | None]:
    """Dates from ISO 8601 strings at any precision (``2040``, ``2019-05``, ``2019-05-04``).

    A year or a month is a span from its first day to its last, so "in 2040"
    is drawn as the whole year and not as the 1st of January; a single day is
    a point (``None`` as its end).
    """

    def first(iso: str) -> date:
        parts = [int(p) for p in iso.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    def last(iso: str) -> date:
        parts = [int(p) for p in iso.split("-")]
        if len(parts) == 3:
            return date(*parts)
        if len(parts) == 2:
            following = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(parts[0], 12, 31)

    begin, finish = first(start), last(end or start)
    return begin, (finish if finish > begin else None)


def _ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Year ticks, or month ticks (ISO ``YYYY-MM``, language-neutral) when the span is short."""
    if last.year - first.year >= 2:
        step = max(1, math.ceil((last.year - first.year + 1) / 8))
        return [(date(y, 1, 1), str(y)) for y in range(first.year, last.year + 2, step) if first <= date(y, 1, 1) <= last]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = max(1, math.ceil(months / 8))
    out = []
    y, m = first.year, first.month
    for i in range(months + 1):
        if i % step == 0:
            day = date(y, m, 1)
            if first <= day <= last:
                out.append((day, f"{y:04d}-{m:02d}"))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(events: Sequence[TimelineEvent], *, title: str, ident: str = "bb-timeline") -> Md:
    """Events on a time axis, one row each (labels never overlap), each a link to its paragraph."""
    ordered = sorted(events, key=lambda e: (e.start, e.end or e.start, e.label, e.target))
    if not ordered:
        return Md("")
    first = min(e.start for e in ordered)
    last = max(e.end or e.start for e in ordered)
    # Pad the axis to whole months so a single day still has room around it.
    first = date(first.year, first.month, 1)
    last = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    left, right, row, axis_h = 20.0, 20.0, 24.0, 40.0
    span = max(1, last.toordinal() - first.toordinal())

    def x_of(day: date) -> float:
        return left + (WIDTH - left - right) * (day.toordinal() - first.toordinal()) / span

    height = axis_h + row * len(ordered) + 10
    latest = max(e.end or e.start for e in ordered)
    desc = (
        f"{_plural(len(ordered), 'event')} from {ordered[0].start.isoformat()} to {latest.isoformat()}: "
        + "; ".join(f"{e.start.isoformat()}{'–' + e.end.isoformat() if e.end else ''} {e.label}" for e in ordered)
        + "."
    )
    out = _open("timeline", ident, height, title, desc, "group")
    out.append('<g class="bb-axis" aria-hidden="true">')
    axis_y = _num(axis_h - 10)
    out.append(
        f'<line class="bb-axis-line" x1="{_num(left)}" y1="{axis_y}" x2="{_num(WIDTH - right)}" y2="{axis_y}"'
        ' stroke="currentColor"/>'
    )
    for day, text in _ticks(first, last):
        x = _num(x_of(day))
        out.append(
            f'<line class="bb-grid" x1="{x}" y1="{_num(axis_h - 14)}" x2="{x}" y2="{_num(height)}"'
            ' stroke="currentColor" stroke-opacity="0.2"/>'
        )
        out.append(
            f'<text class="bb-tick" x="{x}" y="{_num(axis_h - 20)}" text-anchor="middle" font-size="12">{xml(text)}</text>'
        )
    out.append("</g>")
    for i, e in enumerate(ordered):
        y = axis_h + row * i + row / 2
        x1 = x_of(e.start)
        x2 = x_of(e.end) if e.end and e.end > e.start else x1
        when = e.when or e.start.isoformat() + (f" to {e.end.isoformat()}" if e.end else "")
        out.append(_link(e.target, f"{when}: {e.label}"))
        if x2 > x1:
            width = _num(max(4.0, x2 - x1))
            out.append(f'<rect class="bb-span" x="{_num(x1)}" y="{_num(y - 5)}" width="{width}" height="10" rx="5"/>')
        else:
            out.append(f'<circle class="bb-event" cx="{_num(x1)}" cy="{_num(y)}" r="6"/>')
        label = xml(shorten(f"{when} · {e.label}", 60))
        if x2 > WIDTH / 2:
            out.append(f'<text class="bb-event-label" x="{_num(x1 - 10)}" y="{_num(y + 5)}" text-anchor="end">{label}</text>')
        else:
            out.append(f'<text class="bb-event-label" x="{_num(x2 + 10)}" y="{_num(y + 5)}">{label}</text>')
        out.append("</a>")
    return _figure(out)
