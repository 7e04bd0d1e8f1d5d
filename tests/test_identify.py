"""Stage 2: ¶ numbers and anchors that survive edits elsewhere."""

from __future__ import annotations

from generator.identify import identify
from generator.model import Source


def source(*paragraphs: str, slug: str = "s") -> Source:
    return Source(slug=slug, filename=f"{slug}.txt", title="T", attribution="", credits=(), paragraphs=paragraphs)


def anchors(*paragraphs: str) -> dict[str, str]:
    return {p.text: p.anchor for p in identify((source(*paragraphs),))}


def test_numbers_count_from_one_within_each_source():
    paragraphs = identify((source("a", "b", slug="one"), source("c", slug="two")))
    assert [(p.source, p.number) for p in paragraphs] == [("one", 1), ("one", 2), ("two", 1)]


def test_anchor_survives_adding_removing_and_editing_other_paragraphs():
    before = anchors("Alpha.", "Beta.", "Gamma.")
    after = anchors("New first.", "Alpha.", "Gamma, edited.")
    assert after["Alpha."] == before["Alpha."]
    assert anchors("Gamma.")["Gamma."] == before["Gamma."]


def test_repeated_paragraph_gets_distinct_anchors():
    paragraphs = identify((source("Same.", "Same."),))
    assert paragraphs[0].anchor != paragraphs[1].anchor
    assert paragraphs[1].anchor == paragraphs[0].anchor + "-2"


def test_same_text_in_two_sources_gets_two_anchors():
    paragraphs = identify((source("Same.", slug="x"), source("Same.", slug="y")))
    assert len({p.anchor for p in paragraphs}) == 2
