"""The SVG pictures as markup: escaped, well-formed, sized and linked from their input."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from generator import pictures
from generator.pictures import Bar, MapEdge, MapNode, TimelineEvent

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script> & \"quotes\" 'x' {{ 7*7 }} ]]>"


def parse(markup: str) -> ET.Element:
    """The picture parsed as XML: a stray '<' or '&' from a label would make this fail."""
    figure = ET.fromstring(markup)
    assert figure.tag == "figure"
    svg = figure[0]
    assert svg.tag == f"{SVG}svg"
    return svg


def texts(svg: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]


def test_theme_map_sizes_nodes_by_paragraphs_and_edges_by_links() -> None:
    nodes = [MapNode("Harbour", 12, "harbour.md"), MapNode("Ferries", 3, "ferries.md"), MapNode("Tides", 0, "tides.md")]
    edges = [MapEdge(0, 1, 5), MapEdge(1, 2, 1)]
    svg = parse(pictures.theme_map(nodes, edges, title="Map"))
    circles = list(svg.iter(f"{SVG}circle"))
    radii = [float(c.get("r", "0")) for c in circles]
    assert radii[0] > radii[1] > radii[2] > 0
    assert "bb-node--empty" in (circles[2].get("class") or "")
    lines = list(svg.iter(f"{SVG}line"))
    assert len(lines) == 2
    assert float(lines[0].get("stroke-width", "0")) > float(lines[1].get("stroke-width", "0"))
    links = [a.get("href") for a in svg.iter(f"{SVG}a")]
    assert links == ["harbour.md", "ferries.md", "tides.md"]
    assert "12 paragraphs" in texts(svg) and "0 paragraphs" in texts(svg)
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and "Harbour and Ferries, 5 links" in (desc.text or "")
    assert svg.get("aria-labelledby") == "bb-theme-map-title"


def test_labels_are_escaped_everywhere() -> None:
    node = MapNode(HOSTILE, 2, "a&b.md")
    markup = pictures.theme_map([node, MapNode("Other", 1, "o.md")], [MapEdge(0, 1, 1)], title=HOSTILE)
    chart = pictures.coverage_chart([Bar(HOSTILE, 2)], [Bar(HOSTILE, 1, 1)], title=HOSTILE)
    line = pictures.timeline([TimelineEvent(date(2021, 9, 2), HOSTILE, "s.md#p-1")], title=HOSTILE)
    for markup_ in (markup, chart, line):
        assert "<script" not in markup_
        svg = parse(markup_)
        title = svg.find(f"{SVG}title")
        assert title is not None and title.text == " ".join(HOSTILE.split())
        assert "\n\n" not in markup_  # a blank line would end Markdown's raw HTML block
    assert parse(markup).find(f"{SVG}a").get("href") == "a&b.md"  # type: ignore[union-attr]


def test_long_labels_are_shortened_but_kept_whole_in_titles() -> None:
    long_title = "A theme whose title goes on and on well past any label width"
    svg = parse(pictures.theme_map([MapNode(long_title, 1, "t.md")], [], title="Map"))
    assert any(t.endswith("…") and len(t) <= 30 for t in texts(svg))
    link_title = next(svg.iter(f"{SVG}a")).find(f"{SVG}title")
    assert link_title is not None and (link_title.text or "").startswith(long_title)


def test_coverage_shows_unassigned_apart() -> None:
    svg = parse(
        pictures.coverage_chart(
            [Bar("Boats", 4), Bar("Nets", 2), Bar("No theme", 0, 3)],
            [Bar("Logbook", 5, 1), Bar("Letters", 1, 2)],
            title="Coverage",
        )
    )
    rects = [r for r in svg.iter(f"{SVG}rect") if "bb-bar--none" in (r.get("class") or "")]
    assert len(rects) == 4  # "No theme", two sources with unassigned parts, the legend
    shown = texts(svg)
    assert "3 (2 in no theme)" in shown and "6 (1 in no theme)" in shown and "3" in shown
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and "3 paragraphs in no theme" in (desc.text or "")
    assert svg.get("role") == "img"


def test_timeline_orders_events_and_draws_spans() -> None:
    events = [
        TimelineEvent(date(2023, 5, 1), "Second", "sources/a.md#p-2"),
        TimelineEvent(date(2021, 1, 15), "First", "sources/a.md#p-1", end=date(2022, 6, 30)),
        TimelineEvent(date(2024, 11, 3), "Third", "sources/b.md#p-9"),
    ]
    svg = parse(pictures.timeline(events, title="Timeline"))
    links = list(svg.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == ["sources/a.md#p-1", "sources/a.md#p-2", "sources/b.md#p-9"]
    first = links[0]
    assert first.find(f"{SVG}rect") is not None and first.find(f"{SVG}circle") is None
    assert links[1].find(f"{SVG}circle") is not None
    assert {"2022", "2023", "2024"} <= set(texts(svg))
    xs = [float(a.find(f"{SVG}circle").get("cx", "0")) for a in links[1:]]  # type: ignore[union-attr]
    assert xs[0] < xs[1]
    assert pictures.timeline([], title="Nothing") == ""


def test_short_timeline_gets_month_ticks() -> None:
    events = [TimelineEvent(date(2021, 9, 2), "Opening", "x.md"), TimelineEvent(date(2021, 9, 7), "Closing", "x.md")]
    assert "2021-09" in texts(parse(pictures.timeline(events, title="Fair")))


def test_same_input_same_bytes() -> None:
    nodes = [MapNode(f"Theme {i}", i * 3 + 1, f"t{i}.md") for i in range(7)]
    edges = [MapEdge(i, (i + 2) % 7, i + 1) for i in range(7) if i < (i + 2) % 7]
    first = pictures.theme_map(nodes, edges, title="Map")
    assert first == pictures.theme_map(nodes, list(reversed(edges)), title="Map")
    assert len(list(parse(first).iter(f"{SVG}circle"))) == 7


def test_iso_dates_at_any_precision_become_points_or_spans() -> None:
    assert pictures.iso_span("2019-05-04") == (date(2019, 5, 4), None)
    assert pictures.iso_span("2019-05-04", "2019-05-09") == (date(2019, 5, 4), date(2019, 5, 9))
    assert pictures.iso_span("2020-02") == (date(2020, 2, 1), date(2020, 2, 29))
    assert pictures.iso_span("2040") == (date(2040, 1, 1), date(2040, 12, 31))
    assert pictures.iso_span("2021", "2025") == (date(2021, 1, 1), date(2025, 12, 31))
    assert pictures.iso_span("2019-12") == (date(2019, 12, 1), date(2019, 12, 31))
