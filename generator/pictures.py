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
URL layout (directory URLs or ``.html``): see :func:`generator.site.plugin.picture_links`.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .base.escape import Md

WIDTH = 720
#: Width of the variant drawn for narrow screens: at a 390 px phone it is shown at about its own size,
#: so its 14-unit text stays above 10 px where the wide drawing would shrink it to 7 px.
NARROW = 360
FONT = 14
SMALL = 13  # ticks, counts and legends: at the narrowest width a wide picture is shown, still 10 px
LINE = 18  # distance between the lines of a wrapped label
CHAR = 0.6 * FONT  # a generous average width of a character, so that an estimated line is never too short
LINK_CLASS = "bb-link"


def xml(text: str) -> str:
    """Text or attribute value safe inside SVG: escaped, no control characters, one line."""
    clean = "".join(" " if ord(ch) < 32 or ch == "\x7f" else ch for ch in text)
    return html.escape(" ".join(clean.split()), quote=True)


def wrap(text: str, chars: int, lines: int) -> list[str]:
    """Words into at most ``lines`` lines of at most ``chars`` characters; what does not fit ends in "…".

    Lines break between words; only a single word longer than a whole line is cut.
    """
    chars = max(chars, 4)
    out: list[str] = []
    current = ""
    cut = False
    for word in text.split():
        if len(word) > chars:
            word = word[: chars - 1] + "…"
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= chars:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines:
            cut = True
            break
    if current and not cut:
        out.append(current)
    if cut:
        last = out[-1]
        while len(last) + 1 > chars and " " in last:
            last = last.rsplit(" ", 1)[0]
        out[-1] = last[: chars - 1].rstrip(",;:.") + "…"
    return out


def _num(value: float) -> str:
    """Coordinates with at most one decimal: stable bytes, small files."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _open(kind: str, ident: str, height: float, title: str, desc: str, role: str, width: int = WIDTH) -> list[str]:
    """The ``<svg>`` start tag with its accessible name and description; the narrow variant is marked as such."""
    variant = "bb-narrow" if width == NARROW else "bb-wide"
    return [
        f'<svg class="bb-picture bb-{kind} {variant}" id="{ident}" role="{role}" viewBox="0 0 {width} {_num(height)}"'
        f' width="{width}" height="{_num(height)}" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc"'
        f' xmlns="http://www.w3.org/2000/svg" font-size="{FONT}" fill="currentColor">',
        f'<title id="{ident}-title">{xml(title)}</title>',
        f'<desc id="{ident}-desc">{xml(desc)}</desc>',
    ]


def _link(target: str, title: str) -> str:
    return f'<a class="{LINK_CLASS}" href="{xml(target)}"><title>{xml(title)}</title>'


def _figure(*svgs: list[str]) -> Md:
    """One line of raw HTML per element, no blank line: Markdown keeps the block as it is.

    A figure holds a wide drawing and, optionally, one for narrow screens (CSS shows one of
    them). Its text is left out of the search index: the list or table beside it says the same.
    """
    body = "\n".join("\n".join(svg) + "\n</svg>" for svg in svgs)
    return Md(f'<figure class="bb-figure" data-search-exclude="">\n{body}\n</figure>')


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
    """Themes as circles, area by paragraph count, lines as thick as their cross-links, each circle a link.

    On a wide screen the circles sit on an ellipse; on a narrow one they stand in a column
    with their labels beside them and the cross-links drawn as arcs on the left.
    """
    linked = sorted(edges, key=lambda e: (e.a, e.b))
    n = len(nodes)
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
    return _figure(_ring_map(nodes, linked, title, ident, desc), _column_map(nodes, linked, title, f"{ident}-narrow", desc))


def _radii(nodes: Sequence[MapNode], r_min: float, r_max: float) -> list[float]:
    top_count = max((node.count for node in nodes), default=0) or 1
    return [r_min + (r_max - r_min) * math.sqrt(node.count / top_count) for node in nodes]


def _node(node: MapNode, x: float, y: float, r: float, lines: list[str], text_x: float, first_y: float, anchor: str) -> list[str]:
    """One theme: a link holding its circle, its title (one or two lines) and its paragraph count."""
    empty = " bb-node--empty" if node.count == 0 else ""
    align = f' text-anchor="{anchor}"'
    out = [
        _link(node.target, f"{node.title}: {_plural(node.count, 'paragraph')}"),
        f'<circle class="bb-node{empty}" cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}"/>',
    ]
    for i, line in enumerate(lines):
        out.append(
            f'<text class="bb-node-label" x="{_num(text_x)}" y="{_num(first_y + i * LINE)}"{align} font-weight="600">'
            f"{xml(line)}</text>"
        )
    out.append(
        f'<text class="bb-node-count" x="{_num(text_x)}" y="{_num(first_y + len(lines) * LINE)}"{align}'
        f' font-size="{SMALL}">{xml(_plural(node.count, "paragraph"))}</text>'
    )
    out.append("</a>")
    return out


def _ring_map(nodes: Sequence[MapNode], linked: list[MapEdge], title: str, ident: str, desc: str) -> list[str]:
    n = len(nodes)
    radii = _radii(nodes, 10.0, 46.0)
    # More themes, a taller ellipse: neighbours' labels keep apart as the ring fills up.
    rx, ry = (0.0, 0.0) if n == 1 else (250.0, 30.0) if n == 2 else (240.0, 120.0 + 32.0 * max(0, n - 6))
    cx = WIDTH / 2
    raw = []
    for i in range(n):
        angle = -math.pi / 2 + 2 * math.pi * i / n if n > 2 else math.pi * (1 - i) if n == 2 else 0.0
        raw.append((cx + rx * math.cos(angle), ry * math.sin(angle)))
    # Labels (up to two lines of title and the count) go above the circles of the ellipse's
    # upper half, below the others; the picture is as tall as what it draws.
    above = [n > 2 and y < -1 for _, y in raw]
    block = 3 * LINE
    top = min(y - r - (block + 10 if up else 0) for (_, y), r, up in zip(raw, radii, above, strict=True)) - 4
    bottom = max(y + r + (0 if up else block + 10) for (_, y), r, up in zip(raw, radii, above, strict=True)) + 4
    height = bottom - top
    cy = -top
    points = [(x, y + cy) for x, y in raw]
    limits = _label_limits(points, radii, above)
    labels = [wrap(node.title, limit, 2) for node, limit in zip(nodes, limits, strict=True)]
    firsts = [
        y - r - 8 - len(lines) * LINE if up else y + r + 6 + FONT
        for (_, y), r, up, lines in zip(points, radii, above, labels, strict=True)
    ]
    # Where each theme's label lies (left, top, right, bottom), so that no edge's count is put on one.
    boxes = [
        (x - w / 2, first - FONT, x + w / 2, first + len(lines) * LINE + 4)
        for (x, _), first, lines in zip(points, firsts, labels, strict=True)
        for w in [CHAR * max(len(line) for line in [*lines, "00 paragraphs"])]
    ]
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
        mx, my = _edge_label_at(x1, y1, x2, y2, boxes)
        out.append(
            f'<text class="bb-edge-label" x="{_num(mx)}" y="{_num(my + 4)}" text-anchor="middle" font-size="{SMALL}">{e.weight}</text>'
        )
    out.append("</g>")
    for node, (x, y), r, lines, first_y in zip(nodes, points, radii, labels, firsts, strict=True):
        # Above: the block ends just over the circle; below: it starts just under it.
        out += _node(node, x, y, r, lines, x, first_y, "middle")
    if not linked and n > 1:
        out.append(
            f'<text class="bb-note" x="{_num(cx)}" y="{_num(cy + 4)}" text-anchor="middle" font-size="{SMALL}">no cross-links</text>'
        )
    return out


def _edge_label_at(
    x1: float, y1: float, x2: float, y2: float, boxes: list[tuple[float, float, float, float]]
) -> tuple[float, float]:
    """A point on the edge for its count: the middle, else the nearest place along it clear of every theme's label."""
    for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74):
        x, y = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
        if not any(left - 8 < x < right + 8 and top - 8 < y < bottom + 8 for left, top, right, bottom in boxes):
            return x, y
    return (x1 + x2) / 2, (y1 + y2) / 2


def _label_limits(points: list[tuple[float, float]], radii: list[float], above: list[bool]) -> list[int]:
    """How many characters a line of each centred label may take before it meets the edge, a neighbour's label or circle."""
    block = 3 * LINE + 8
    # Each label's band: from its top to its bottom, above or below its circle.
    bands = [
        (y - r - 8 - block, y - r) if up else (y + r, y + r + 6 + block)
        for (_, y), r, up in zip(points, radii, above, strict=True)
    ]
    limits = []
    for i, ((x, _), (b0, b1)) in enumerate(zip(points, bands, strict=True)):
        half = min(x, WIDTH - x) - 4
        for j, ((x2, cy2), r2, (c0, c1)) in enumerate(zip(points, radii, bands, strict=True)):
            if j == i:
                continue
            if b0 < c1 and c0 < b1:  # the two labels share a height: each may take half the way between them
                half = min(half, abs(x - x2) / 2 - 6)
            if b0 < cy2 + r2 and cy2 - r2 < b1:  # the other circle reaches into the label's band
                half = min(half, max(abs(x - x2) - r2 - 6, 0))
        limits.append(max(6, int(2 * half / CHAR)))
    return limits


def _column_map(nodes: Sequence[MapNode], linked: list[MapEdge], title: str, ident: str, desc: str) -> list[str]:
    r_max = 20.0
    radii = _radii(nodes, 6.0, r_max)
    bulge = 110.0
    cx = 4 + bulge / 2 + r_max
    text_x = cx + r_max + 10
    labels = [wrap(node.title, int((NARROW - text_x - 4) / CHAR), 2) for node in nodes]
    rows = [max(2 * r_max + 10, (len(lines) + 1) * LINE + 10) for lines in labels]
    ys, y = [], 4.0
    for row in rows:
        ys.append(y + row / 2)
        y += row
    out = _open("map", ident, y + 4, title, desc, "group", NARROW)
    top_weight = max((e.weight for e in linked), default=1)
    out.append('<g class="bb-edges" aria-hidden="true">')
    for e in linked:
        y1, y2 = ys[e.a], ys[e.b]
        # A quadratic curve reaches half-way to its control point: never past the picture's left edge.
        reach = min(cx - 6, r_max + 6 + abs(y2 - y1) / 3)
        width = 1.5 + 4.5 * e.weight / top_weight
        out.append(
            f'<path class="bb-edge" d="M{_num(cx)} {_num(y1)} Q{_num(cx - 2 * reach)} {_num((y1 + y2) / 2)}'
            f' {_num(cx)} {_num(y2)}" fill="none" stroke="currentColor" stroke-opacity="0.45" stroke-width="{_num(width)}"/>'
        )
    out.append("</g>")
    for node, r, y, lines in zip(nodes, radii, ys, labels, strict=True):
        first_y = y - (len(lines) + 1) * LINE / 2 + FONT - 2
        out += _node(node, cx, y, r, lines, text_x, first_y, "start")
    return out


# ---------------------------------------------------------------- coverage


@dataclass(frozen=True)
class Bar:
    """One row of the coverage chart: a label, the part placed in a theme and the part in none."""

    label: str
    assigned: int
    unassigned: int = 0
    target: str = ""


def coverage_chart(
    by_theme: Sequence[Bar],
    by_source: Sequence[Bar],
    *,
    title: str,
    ident: str = "bb-coverage",
    theme_heading: str = "Paragraphs per theme",
    source_heading: str = "Paragraphs per source",
) -> Md:
    """Horizontal bars: paragraphs per theme (with a 'no theme' row), then per source, unassigned part shown apart.

    On a wide screen each label sits left of its bar (wrapped to two lines at most); on a
    narrow one it sits above its bar, across the whole width.
    """
    unassigned = sum(b.unassigned for b in (by_source or by_theme))  # the themes' "no theme" bar when sources are left out
    desc = (
        f"{theme_heading}: "
        + "; ".join(f"{b.label} {b.assigned + b.unassigned}" for b in by_theme)
        + (
            f". {source_heading}: "
            + "; ".join(
                f"{b.label} {b.assigned + b.unassigned}" + (f", of which {b.unassigned} in no theme" if b.unassigned else "")
                for b in by_source
            )
            if by_source
            else ""
        )
        + f". {_plural(unassigned, 'paragraph')} in no theme."
    )
    headings = (theme_heading, source_heading)
    return _figure(
        _coverage(by_theme, by_source, title, ident, desc, headings, WIDTH),
        _coverage(by_theme, by_source, title, f"{ident}-narrow", desc, headings, NARROW),
    )


def _coverage(
    by_theme: Sequence[Bar], by_source: Sequence[Bar], title: str, ident: str, desc: str, headings: tuple[str, str], width: int
) -> list[str]:
    narrow = width == NARROW
    bar_h, label_w, right = 18.0, (0.0 if narrow else 230.0), 150.0
    bar_w = width - label_w - right
    top = max((b.assigned + b.unassigned for b in (*by_theme, *by_source)), default=0) or 1
    chars = int((width - 4 if narrow else label_w - 10) / CHAR)
    labels = {id(b): wrap(b.label, chars, 2) for b in (*by_theme, *by_source)}

    def row_height(b: Bar) -> float:
        lines = len(labels[id(b)]) or 1
        return lines * LINE + bar_h + 6 if narrow else max(26.0, lines * LINE + 8)

    height = sum(row_height(b) for b in (*by_theme, *by_source)) + (2 if by_source else 1) * 30 + 34
    out = _open("coverage", ident, height, title, desc, "img", width)
    y = 0.0

    def heading(text: str) -> None:
        nonlocal y
        y += 30
        out.append(f'<text class="bb-heading" x="2" y="{_num(y - 8)}" font-weight="700">{xml(text)}</text>')

    def bars(rows: Sequence[Bar]) -> None:
        nonlocal y
        for b in rows:
            lines = labels[id(b)]
            h = row_height(b)
            if narrow:
                for i, line in enumerate(lines):
                    out.append(f'<text class="bb-bar-label" x="2" y="{_num(y + LINE * (i + 1) - 4)}">{xml(line)}</text>')
                bar_y = y + len(lines) * LINE + 2
            else:
                bar_y = y + (h - bar_h) / 2
                first = bar_y + bar_h / 2 + 5 - (len(lines) - 1) * LINE / 2
                for i, line in enumerate(lines):
                    out.append(
                        f'<text class="bb-bar-label" x="{_num(label_w - 10)}" y="{_num(first + i * LINE)}" text-anchor="end">'
                        f"{xml(line)}</text>"
                    )
            x = label_w
            for part, cls in ((b.assigned, "bb-bar"), (b.unassigned, "bb-bar bb-bar--none")):
                if part:
                    w = max(2.0, bar_w * part / top)
                    out.append(f'<rect class="{cls}" x="{_num(x)}" y="{_num(bar_y)}" width="{_num(w)}" height="{_num(bar_h)}"/>')
                    x += w
            total = b.assigned + b.unassigned
            note = f" ({b.unassigned} in no theme)" if b.unassigned and b.assigned else ""
            out.append(f'<text class="bb-bar-value" x="{_num(x + 6)}" y="{_num(bar_y + bar_h / 2 + 5)}">{total}{note}</text>')
            y += h

    heading(headings[0])
    bars(by_theme)
    if by_source:  # a big book leaves its sources out: one bar each would make the picture megabytes long
        heading(headings[1])
        bars(by_source)
    y += 12
    out.append(f'<rect class="bb-bar" x="0" y="{_num(y)}" width="14" height="14"/>')
    out.append(f'<text class="bb-legend" x="20" y="{_num(y + 12)}" font-size="{SMALL}">in a theme</text>')
    out.append(f'<rect class="bb-bar bb-bar--none" x="120" y="{_num(y)}" width="14" height="14"/>')
    out.append(f'<text class="bb-legend" x="140" y="{_num(y + 12)}" font-size="{SMALL}">in no theme</text>')
    return out


# ---------------------------------------------------------------- timeline


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event: a point, or a span when ``end`` is given; ``target`` is the docs path (with #anchor) it links to.

    ``when`` is the date as readers should see it, at the precision the text gives ("2035",
    "May 2019"): labels and descriptions use it, never an invented day.
    """

    start: date
    label: str
    target: str
    end: date | None = None
    when: str = ""  # ISO dates when empty


def iso_span(start: str, end: str = "") -> tuple[date, date | None]:
    """Where to draw dates given in ISO 8601 at any precision (``2040``, ``2019-05``, ``2019-05-04``).

    A single date is a point at its first day, whatever its precision: "by 2035" is a target,
    not something that lasts the whole year. A range runs from the first day of its start to
    the last day of its end ("2021-2025" covers five whole years); ``None`` as the end is a point.
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

    begin = first(start)
    if not end or end == start:
        return begin, None
    finish = last(end)
    return begin, (finish if finish > begin else None)


def _ticks(first: date, last: date, most: int = 8) -> list[tuple[date, str]]:
    """Year ticks, or month ticks (ISO ``YYYY-MM``, language-neutral) when the span is short; at most ``most``."""
    if last.year - first.year >= 2:
        step = max(1, math.ceil((last.year - first.year + 1) / most))
        return [(date(y, 1, 1), str(y)) for y in range(first.year, last.year + 2, step) if first <= date(y, 1, 1) <= last]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = max(1, math.ceil(months / most))
    out = []
    y, m = first.year, first.month
    for i in range(months + 1):
        if i % step == 0:
            day = date(y, m, 1)
            if first <= day <= last:
                out.append((day, f"{y:04d}-{m:02d}"))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _when(e: TimelineEvent) -> str:
    return e.when or e.start.isoformat() + (f" to {e.end.isoformat()}" if e.end else "")


def _text_lines(x: float, y: float, lines: list[str], anchor: str, when: str = "") -> list[str]:
    """A label of one or more lines, the first starting with the date in bold; ``y`` is the first baseline."""
    out = []
    for i, line in enumerate(lines):
        body = xml(line)
        if i == 0 and when and line.startswith(when):
            body = f'<tspan font-weight="700">{xml(when)}</tspan> {xml(line[len(when) :])}'.rstrip()
        end = ' text-anchor="end"' if anchor == "end" else ""
        out.append(f'<text class="bb-event-label" x="{_num(x)}" y="{_num(y + i * LINE)}"{end}>{body}</text>')
    return out


def timeline(events: Sequence[TimelineEvent], *, title: str, ident: str = "bb-timeline") -> Md:
    """Events on a time axis, one row each, each a link to its paragraph; labels wrap and never overlap.

    Two drawings: on a wide screen each label sits beside its mark, on whichever side has
    more room; on a narrow one the label runs under its mark across the whole width.
    """
    ordered = sorted(events, key=lambda e: (e.start, e.end or e.start, e.label, e.target))
    if not ordered:
        return Md("")
    return _figure(_timeline(ordered, title, ident, WIDTH), _timeline(ordered, title, f"{ident}-narrow", NARROW))


def _timeline(ordered: list[TimelineEvent], title: str, ident: str, width: int) -> list[str]:
    narrow = width == NARROW
    first = min(e.start for e in ordered)
    last = max(e.end or e.start for e in ordered)
    # Pad the axis to whole months so a single day still has room around it.
    first = date(first.year, first.month, 1)
    last = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    margin, axis_h, gap = 24.0, 40.0, 10.0
    span = max(1, last.toordinal() - first.toordinal())

    def x_of(day: date) -> float:
        return margin + (width - 2 * margin) * (day.toordinal() - first.toordinal()) / span

    rows: list[tuple[TimelineEvent, float, float, list[str], float, str]] = []  # event, x1, x2, lines, text x, anchor
    for e in ordered:
        x1 = x_of(e.start)
        x2 = max(x1, x_of(e.end)) if e.end else x1
        text = f"{_when(e)} · {e.label}"
        if narrow:
            rows.append((e, x1, x2, wrap(text, int((width - 2 * 4) / CHAR), 4), 4.0, "start"))
            continue
        right_room, left_room = width - 4 - (x2 + gap), x1 - gap - 4
        if right_room >= left_room:
            rows.append((e, x1, x2, wrap(text, int(right_room / CHAR), 3), x2 + gap, "start"))
        else:
            rows.append((e, x1, x2, wrap(text, int(left_room / CHAR), 3), x1 - gap, "end"))
    heights = [(LINE + len(lines) * LINE + 4) if narrow else max(24.0, len(lines) * LINE + 8) for _, _, _, lines, _, _ in rows]
    height = axis_h + sum(heights) + 6
    latest = max(ordered, key=lambda e: e.end or e.start)
    desc = (
        f"{_plural(len(ordered), 'event')} from {_when(ordered[0])} to {_when(latest)}: "
        + "; ".join(f"{_when(e)}: {e.label}" for e in ordered).rstrip(".")
        + "."
    )
    out = _open("timeline", ident, height, title, desc, "group", width)
    out.append('<g class="bb-axis" aria-hidden="true">')
    axis_y = _num(axis_h - 10)
    out.append(
        f'<line class="bb-axis-line" x1="{_num(margin)}" y1="{axis_y}" x2="{_num(width - margin)}" y2="{axis_y}"'
        ' stroke="currentColor"/>'
    )
    for day, text in _ticks(first, last, 4 if narrow else 8):
        x = _num(x_of(day))
        out.append(
            f'<line class="bb-grid" x1="{x}" y1="{_num(axis_h - 14)}" x2="{x}" y2="{_num(height)}"'
            ' stroke="currentColor" stroke-opacity="0.2"/>'
        )
        out.append(
            f'<text class="bb-tick" x="{x}" y="{_num(axis_h - 20)}" text-anchor="middle" font-size="{SMALL}">{xml(text)}</text>'
        )
    out.append("</g>")
    top = axis_h
    for (e, x1, x2, lines, text_x, anchor), row_h in zip(rows, heights, strict=True):
        mark_y = top + LINE / 2 + 2
        when = _when(e)
        out.append(_link(e.target, f"{when}: {e.label}"))
        if x2 > x1:
            out.append(
                f'<rect class="bb-span" x="{_num(x1)}" y="{_num(mark_y - 5)}" width="{_num(max(4.0, x2 - x1))}"'
                ' height="10" rx="5"/>'
            )
        else:
            out.append(f'<circle class="bb-event" cx="{_num(x1)}" cy="{_num(mark_y)}" r="6"/>')
        first_baseline = mark_y + LINE + 1 if narrow else mark_y + 5
        out += _text_lines(text_x, first_baseline, lines, anchor, when)
        out.append("</a>")
        top += row_h
    return out
