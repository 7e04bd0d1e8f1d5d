"""Stage 3: placing paragraphs in themes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.classify import classify
from generator.model import Assignment, Paragraph, ThemeSpec
from generator.pipeline import assemble, generate
from tests.conftest import BookFactory
from tests.test_check import BOOK as HARBOUR_BOOK

REPO = Path(__file__).resolve().parent.parent

THEMES = (
    ThemeSpec("Money", "money", ("budget", "grant")),
    ThemeSpec("Nature", "nature", ("river", "salmon", "water quality")),
)


def para(text: str, n: int = 1) -> Paragraph:
    return Paragraph(source="s", number=n, anchor=f"p-{n}", text=text)


def paras(*texts: str, source: str = "s") -> tuple[Paragraph, ...]:
    return tuple(Paragraph(source=source, number=n, anchor=f"{source}-{n}", text=t) for n, t in enumerate(texts, start=1))


def placed(result: tuple[Assignment, ...]) -> list[str | None]:
    return [a.theme for a in result]


#: Filler that mentions no keyword, so a book has enough paragraphs for weights to differ.
FILLER = "The meeting ended late in the afternoon and everyone went home."


def test_a_rare_keyword_outweighs_one_every_paragraph_mentions():
    themes = (
        ThemeSpec("Energy", "energy", ("clean energy",)),
        ThemeSpec("Housing", "housing", ("homes",)),
    )
    result = classify(
        paras(
            "Clean energy for the valley, clean energy for the town.",
            "Clean energy pays for new homes by the canal.",
            "Clean energy again, and the wind farm opens.",
            "Clean energy is what the mayor talks about.",
        ),
        themes,
    )
    # "clean energy" (in every paragraph) against "homes" (in one): the paragraph is about homes.
    assert placed(result) == ["energy", "housing", "energy", "energy"]
    hits = {h.keyword: h.weight for h in result[1].hits}
    assert hits["homes"] > 2 * hits["clean energy"]


def test_a_long_keyword_does_not_outscore_the_word_the_paragraph_is_about():
    (a, *_) = classify(
        paras("The regional development grant paid for salmon ladders, and the salmon came back.", FILLER),
        (ThemeSpec("Money", "money", ("regional development grant",)), ThemeSpec("Nature", "nature", ("salmon",))),
    )
    assert a.theme == "nature"  # once counted three words ×1 = 3 against salmon ×2 = 2
    assert a.runner_up == "money"


def test_a_close_call_is_shared_not_won_by_the_theme_listed_first():
    texts = ("A grant for the river.", FILLER, FILLER, FILLER, FILLER)
    (a, *_) = classify(paras(*texts), THEMES)
    (b, *_) = classify(paras(*texts), tuple(reversed(THEMES)))
    assert {a.theme, *a.also} == {b.theme, *b.also} == {"money", "nature"}
    assert a.rule == b.rule == "keywords"


def test_a_clear_winner_is_not_shared():
    (a, *_) = classify(paras("A grant for the river, the salmon and the water quality.", FILLER, FILLER, FILLER, FILLER), THEMES)
    assert a.theme == "nature" and a.also == () and a.runner_up == "money"


def test_a_heading_without_keywords_takes_its_sections_theme():
    texts = (
        "The grant pays for the budget of the year.",
        "Back to the water",
        "The river is clean again.",
        "Salmon swim up the river in spring.",
        "Water quality is measured every week on the river.",
    )
    result = classify(paras(*texts), THEMES)
    assert placed(result) == ["money", "nature", "nature", "nature", "nature"]
    assert result[1].rule in {"section", "neighbours"} and result[1].hits == ()


@pytest.mark.parametrize(
    ("texts", "expected", "rule"),
    [
        (  # a short paragraph between two of a theme follows them
            (
                "Salmon swim up the river in spring.",
                "Nobody expected it so soon.",
                "Water quality is measured every week on the river.",
                "The grant pays for the budget of the year.",
            ),
            ["nature", "nature", "nature", "money"],
            "neighbours",
        ),
        (  # a line ending in a colon goes with what it introduces
            (
                "The grant pays for the budget of the year.",
                "The head of the fishery board, Ana Ruiz, said:",
                "We counted more salmon in the river than in any year before.",
            ),
            ["money", "nature", "nature"],
            "introduces the next paragraph",
        ),
    ],
)
def test_a_short_paragraph_without_keywords_takes_its_context(texts: tuple[str, ...], expected: list[str], rule: str):
    result = classify(paras(*texts), THEMES)
    assert placed(result) == expected
    assert result[1].rule == rule


def test_the_items_of_a_list_go_with_the_line_that_opens_it():
    texts = (
        "Salmon swim up the river in spring.",
        "The grant from the budget pays for:",
        "New ladders at the old mill",
        "Two wardens for the summer, paid by the hour;",
        "Salmon counts at the weir",
        "A new bridge for the town.",
    )
    result = classify(paras(*texts), THEMES)
    # Short lines after "…pays for:" are items, not headings of sections of their own.
    assert placed(result)[1:4] == ["money", "money", "money"]
    assert [a.rule for a in result[2:4]] == ["list", "list"]
    assert placed(result)[4] == "nature"  # an item with a keyword of its own keeps it


def test_context_does_not_outvote_a_paragraphs_own_keywords():
    texts = (
        "Salmon swim up the river in spring.",
        "The river board asked for a bigger budget and one more grant.",
        "Water quality is measured every week on the river.",
    )
    assert placed(classify(paras(*texts), THEMES)) == ["nature", "money", "nature"]


def test_context_stays_within_a_source_and_needs_agreement():
    first = paras("Salmon swim up the river in spring.", source="a")
    second = paras("Nobody expected it so soon.", "The grant pays for the budget of the year.", source="b")
    result = classify(first + second, THEMES)
    # "Nobody expected…" has one neighbour (in its own source) about money: too little to place it.
    assert placed(result) == ["nature", None, "money"]


def test_a_long_paragraph_without_keywords_is_not_placed_by_its_neighbours():
    long_text = " ".join(["The meeting went on and people spoke about many other matters."] * 6)
    texts = ("Salmon swim up the river in spring.", long_text, "Water quality is measured every week on the river.")
    assert placed(classify(paras(*texts), THEMES)) == ["nature", None, "nature"]


def test_no_keyword_means_unassigned_not_dropped():
    result = classify((para("Nothing relevant here.", 1), para("Salmon.", 2)), THEMES)
    assert [a.theme for a in result] == [None, "nature"]


def test_plurals_count():
    (a,) = classify((para("Two grants and three budgets."),), THEMES)
    assert {h.keyword: h.count for h in a.hits} == {"budget": 1, "grant": 1}
    assert a.theme == "money"


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


SHARED_TEXT = """Harbour notes

The cargo ship came in at dawn.

The union asked for a shorter shift.

Gulls circled over the empty quay and nobody on the pier looked up at them, not even once, for the whole of that long grey afternoon.
"""
#: A source of one paragraph, no context, one keyword of each theme: a tie, shared.
QUAY_TEXT = "Quay notes\n\nThe crane driver is a docker.\n"


THEME_TITLES = (("ships", "Ships"), ("workers", "Workers"))


def test_a_shared_paragraph_shows_on_both_theme_pages_marked_as_shared(make_book: BookFactory) -> None:
    root = make_book(HARBOUR_BOOK, {"harbour.txt": SHARED_TEXT, "quay.txt": QUAY_TEXT})
    result = generate(root, write=False)
    first = next(a for a in result.book.assignments if a.paragraph.source == "quay")
    assert {first.theme, *first.also} == {"ships", "workers"}
    pages = {f.path: f.content.decode("utf-8") for f in result.files}
    anchor = first.paragraph.anchor
    for slug, other, title in (("ships", "workers", "Workers"), ("workers", "ships", "Ships")):
        page = pages[f"{slug}.md"]
        line = next(line for line in page.splitlines() if line.startswith("The crane"))
        assert line.endswith(f'<span class="bb-shared">shared with [{title}]({other}.md#{anchor})</span>'), line
        assert f"{{: #{anchor} .bb-para }}" in page
        assert f"]({slug}.md)" not in line  # no link from a page to itself
    assert "2 paragraphs from 2 sources, 1 of them shared with other themes." in pages["ships.md"]
    assert "2 paragraphs from 2 sources, 1 of them shared with other themes." in pages["workers.md"]
    # Its source page names both themes, each linked to where it shows the paragraph.
    source = next(line for line in pages["sources/quay.md"].splitlines() if "docker" in line)
    assert (
        f'<span class="bb-theme">→ [{dict(THEME_TITLES)[first.theme]}](../{first.theme}.md#{anchor}),'
        f' [{dict(THEME_TITLES)[first.also[0]]}](../{first.also[0]}.md#{anchor})</span>'
    ) in source
    # Counted once where totals must add up: the summary and the coverage chart.
    assert sum(n for _, n in result.counts.themes) + result.counts.unassigned == len(result.book.paragraphs)
    assert "shared" not in pages["other.md"]


def test_a_heading_belongs_to_the_section_after_it():
    texts = (
        "The grant pays for the budget of the year.",
        "The audit board checks each grant.",
        "What the fish need",
        "Salmon swim up the river in spring.",
        "A second grant pays for the rest.",
    )
    result = classify(paras(*texts), THEMES)
    # Its section is half money, half nature; the paragraph before it (money) is another section's.
    assert placed(result) == ["money", "money", "nature", "nature", "money"]
