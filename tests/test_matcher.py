"""The phrase matcher shared by classification and linking."""

from __future__ import annotations

from generator.base.matcher import PhraseMatcher, stem


def test_stem_folds_common_plurals():
    assert stem("activities") == stem("activity")
    assert stem("Forums") == stem("forum")
    assert stem("taxes") == stem("tax")
    assert stem("businesses") == stem("business")
    assert stem("analysis") == "analysis"
    assert stem("status") == "status"


def test_whole_words_case_and_plural_insensitive():
    matcher = PhraseMatcher([("k", "port"), ("k2", "green bond")])
    text = "Ports, a PORT, passport, support, and two Green Bonds."
    found = [(text[m.start : m.end], m.keys) for m in matcher.find(text)]
    assert found == [("Ports", ("k",)), ("PORT", ("k",)), ("Green Bonds", ("k2",))]


def test_longest_match_wins_and_matches_do_not_overlap():
    matcher = PhraseMatcher([("a", "carbon"), ("b", "carbon neutrality"), ("c", "neutrality goals")])
    text = "carbon neutrality goals"
    assert [(text[m.start : m.end], m.keys) for m in matcher.find(text)] == [("carbon neutrality", ("b",))]


def test_hyphens_and_spaces_match_alike():
    matcher = PhraseMatcher([("x", "low-carbon")])
    assert len(matcher.find("a low carbon and a low-carbon future")) == 2


def test_one_phrase_under_several_keys():
    matcher = PhraseMatcher([("a", "trade"), ("b", "Trade")])
    assert matcher.find("trade")[0].keys == ("a", "b")
