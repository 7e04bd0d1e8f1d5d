"""Stage 4: cross-links between themes and the Related themes counts."""

from __future__ import annotations

from generator.classify import classify
from generator.link import build_registry, cross_links
from generator.model import Paragraph, Source, ThemeSpec

THEMES = (
    ThemeSpec("Money", "money", ("budget", "grant")),
    ThemeSpec("Nature", "nature", ("river", "salmon", "water quality")),
    ThemeSpec("People", "people-and-towns", ("town", "school")),
)


def run(*texts: str, sources: tuple[str, ...] = ("s",)):
    paragraphs = tuple(
        Paragraph(source=sources[i % len(sources)], number=i + 1, anchor=f"p-{i}", text=t) for i, t in enumerate(texts)
    )
    srcs = tuple(Source(s, f"{s}.txt", s, "", (), ()) for s in sources)
    registry = build_registry(THEMES, srcs, paragraphs)
    assignments = classify(paragraphs, THEMES)
    return assignments, *cross_links(assignments, THEMES, registry)


def test_other_themes_keywords_link_to_their_pages_first_mention_per_section_only():
    assignments, spans, _ = run(
        "The river and salmon and a school budget.",  # nature; mentions people and money
        "The river and salmon again, with another budget.",  # nature; budget already linked in this section
    )
    assert [a.theme for a in assignments] == ["nature", "nature"]
    first = spans["p-0"]
    text = assignments[0].paragraph.text
    assert [(text[s.start : s.end], s.target) for s in first] == [("school", "people-and-towns.md"), ("budget", "money.md")]
    assert "p-1" not in spans


def test_own_keywords_never_link():
    _, spans, _ = run("A grant and a budget for the grant.")
    assert spans == {}


def test_first_mention_is_per_source_section():
    _, spans, _ = run("River salmon budget.", "River salmon budget.", sources=("a", "b"))
    assert set(spans) == {"p-0", "p-1"}


def test_related_counts_both_ways():
    _, _, links = run("River salmon and a budget.", "Grant budget and one river.")
    by_theme = {link.theme: link for link in links}
    assert by_theme["nature"].outgoing == (("money", 1),)
    assert by_theme["nature"].incoming == (("money", 1),)
    assert by_theme["money"].outgoing == (("nature", 1),)
    assert by_theme["people-and-towns"].outgoing == ()
