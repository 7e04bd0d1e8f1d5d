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


def test_long_labels_wrap_between_words_and_stay_whole_in_titles() -> None:
    long_title = "A theme whose title goes on and on well past any label width, and further still, to the end"
    nodes = [MapNode(long_title, 1, "t.md")] + [MapNode(f"T{i}", 1, f"{i}.md") for i in range(6)]
    svg = parse(pictures.theme_map(nodes, [], title="Map"))
    words = set(long_title.replace(",", "").split())
    shown = [t for t in texts(svg) if not t.startswith("T") and "paragraph" not in t and t != "no cross-links"]  # T0…T5
    assert len(shown) == 2, "the title takes two lines"
    assert shown[-1].endswith("…")
    for line in shown:  # every line is made of whole words of the title
        assert set(line.rstrip("…").replace(",", "").split()) <= words
    link_title = next(svg.iter(f"{SVG}a")).find(f"{SVG}title")
    assert link_title is not None and (link_title.text or "").startswith(long_title)


def test_wrap_breaks_between_words_and_marks_what_it_leaves_out() -> None:
    assert pictures.wrap("one two three four", 9, 2) == ["one two", "three…"]
    assert pictures.wrap("one two three", 20, 2) == ["one two three"]
    assert pictures.wrap("unbreakablewordthatgoeson end", 10, 2) == ["unbreakab…", "end"]
    assert pictures.wrap("", 10, 2) == []
    for lines in (pictures.wrap("word " * 50, 12, 3), pictures.wrap("a bb ccc dddd " * 9, 7, 2)):
        assert all(len(line) <= 12 for line in lines)


def test_every_picture_has_a_narrow_drawing_with_its_own_ids() -> None:
    import xml.etree.ElementTree as ET

    made = [
        pictures.theme_map([MapNode("A", 1, "a.md"), MapNode("B", 2, "b.md")], [MapEdge(0, 1, 3)], title="Map"),
        pictures.coverage_chart([Bar("A", 1)], [Bar("S", 1)], title="Coverage"),
        pictures.timeline([TimelineEvent(date(2030, 1, 1), "Target", "a.md#p-1", when="2030")], title="Timeline"),
    ]
    for markup in made:
        figure = ET.fromstring(markup)
        wide, narrow = list(figure)
        assert "bb-wide" in (wide.get("class") or "") and "bb-narrow" in (narrow.get("class") or "")
        assert narrow.get("viewBox", "").split()[2] == str(pictures.NARROW)
        assert wide.get("id") != narrow.get("id")
        assert figure.get("data-search-exclude") is not None, "the list beside the picture is what search finds"


def test_timeline_says_dates_as_precisely_as_the_text_and_draws_a_target_year_as_a_point() -> None:
    start, end = pictures.iso_span("2035")
    event = TimelineEvent(start, "Net zero in the port", "a.md#p-1", end, when="2035")
    other = TimelineEvent(date(2021, 9, 2), "Fair", "a.md#p-2", date(2021, 9, 7), when="2–7 September 2021")
    markup = pictures.timeline([event, other], title="Timeline")
    assert "2035-12-31" not in markup and "2035-01-01" not in markup
    svg = parse(markup)
    target = list(svg.iter(f"{SVG}a"))[1]
    assert target.find(f"{SVG}circle") is not None and target.find(f"{SVG}rect") is None
    assert any(t.startswith("2035 · Net zero") for t in texts(svg))


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
    assert pictures.iso_span("2020-02") == (date(2020, 2, 1), None)  # a month or a year given alone is a point
    assert pictures.iso_span("2040") == (date(2040, 1, 1), None)
    assert pictures.iso_span("2020-02", "2020-03") == (date(2020, 2, 1), date(2020, 3, 31))
    assert pictures.iso_span("2021", "2025") == (date(2021, 1, 1), date(2025, 12, 31))
    assert pictures.iso_span("2019-11", "2019-12") == (date(2019, 11, 1), date(2019, 12, 31))
