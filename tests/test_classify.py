"""Stage 3: placing paragraphs in themes."""

from __future__ import annotations

from pathlib import Path

from generator.classify import classify
from generator.model import Paragraph, ThemeSpec
from generator.pipeline import assemble

REPO = Path(__file__).resolve().parent.parent

THEMES = (
    ThemeSpec("Money", "money", ("budget", "grant")),
    ThemeSpec("Nature", "nature", ("river", "salmon", "water quality")),
)


def para(text: str, n: int = 1) -> Paragraph:
    return Paragraph(source="s", number=n, anchor=f"p-{n}", text=text)


def test_best_score_wins_and_phrases_weigh_their_words():
    (a,) = classify((para("The budget pays for water quality work."),), THEMES)
    assert a.theme == "nature"  # "water quality" scores 2 against "budget" 1
    assert dict(a.scores) == {"money": 1, "nature": 2}
    assert {(h.keyword, h.count, h.weight) for h in a.hits} == {("budget", 1, 1), ("water quality", 1, 2)}
    assert a.runner_up == "money"


def test_tie_goes_to_the_theme_listed_first():
    (a,) = classify((para("A grant for the river."),), THEMES)
    assert a.theme == "money"
    (b,) = classify((para("A grant for the river."),), tuple(reversed(THEMES)))
    assert b.theme == "nature"


def test_no_keyword_means_unassigned_not_dropped():
    result = classify((para("Nothing relevant here.", 1), para("Salmon.", 2)), THEMES)
    assert [a.theme for a in result] == [None, "nature"]


def test_plurals_count():
    (a,) = classify((para("Two grants and three budgets."),), THEMES)
    assert dict(a.scores)["money"] == 2


def test_example_book_paragraphs_land_where_the_issue_says():
    book, _ = assemble(REPO)
    by_theme = {a.paragraph.number: a.theme for a in book.assignments}
    texts = {a.paragraph.number: a.paragraph.text for a in book.assignments}
    expect = {
        "State Council approved": "plan-overview",
        "adhere to accelerating": "plan-overview",
        "in 2035": "plan-overview",
        "45 key tasks": "plan-overview",
        "(CIFTIS) was held": "digital-trade",
        "Summit Forum on Digital Trade": "digital-trade",
        "Around the two keywords": "dual-carbon-forums",
        "Green Development Forum—Low-carbon": "dual-carbon-forums",
    }
    for phrase, theme in expect.items():
        (number,) = [n for n, t in texts.items() if phrase in t]
        assert by_theme[number] == theme, phrase
    assert not book.unassigned
