"""Figures and dates on text the rules never saw (issue 10): each failure shape, in invented sentences."""

from __future__ import annotations

import pytest

from generator.extract.dates import date_phrases, dates_in, find_timeline
from generator.extract.figures import figures_in, find_figures
from generator.model import Paragraph
from generator.pipeline import generate
from tests.conftest import BookFactory


def para(text: str, anchor: str = "p-1", source: str = "s", number: int = 1) -> Paragraph:
    return Paragraph(source, number, anchor, text)


def figures(text: str) -> dict[str, float]:
    return {f.text: f.value for f in figures_in(para(text))}


def spans(text: str) -> list[tuple[str, str]]:
    return [(e.start, e.end) for e in dates_in(para(text))]


# ---------------------------------------------------------------- figures


def test_a_hyphenated_scale_belongs_to_the_money() -> None:
    assert figures("Parliament approved a €450-million rescue for the ferry lines.") == {"€450-million rescue": 450e6}
    assert figures("Congress approved the $600-billion package.") == {"$600-billion package": 600e9}
    assert figures("Rents rose by £3bn and fell by $2.5 billion.") == {"£3bn": 3e9, "$2.5 billion": 2.5e9}


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", "\u2009"])
def test_thousands_grouped_by_a_space(space: str) -> None:
    found = figures(f"The delta has 3{space}150 channels and 12{space}000{space}000 residents.")
    assert found == {f"3{space}150 channels": 3150, f"12{space}000{space}000 residents": 12_000_000}


def test_a_year_then_a_count_is_not_one_number() -> None:
    assert figures("In 2019 310 ferries sailed.") == {"310 ferries": 310}


@pytest.mark.parametrize(
    "text",
    ["People with Type 2 diabetes were invited.", "The Phase 3 trial enrolled adults.", "Scope 3 emissions are reported.",
     "Runners train for Couch to 5K every week.", "Call the desk on 020 7946 0018.", "He is a 23 year old chemist.",
     "It rose from 40 to 60 year olds in one decade.", "Only one size was ordered."],
)
def test_numbers_inside_names_codes_ages_and_groups_are_not_figures(text: str) -> None:
    assert figures_in(para(text)) == []


def test_a_figure_carries_its_whole_clause_and_its_date() -> None:
    text = "The port plan will add jobs and Cut Fees 40% by 2030, while wind added only 0.2 GW in 2023."
    found = {f.text: f for f in figures_in(para(text))}
    assert found["40%"].clause == "The port plan will add jobs and Cut Fees 40% by 2030"
    assert found["40%"].when == "2030"
    assert found["0.2 GW"].clause == "wind added only 0.2 GW in 2023"
    assert found["0.2 GW"].when == "2023"


def test_a_clause_is_whole_words_with_its_quotation_marks_paired() -> None:
    [quoted] = figures_in(para("“The board read over 6,200 letters on the draft,” the chair said."))
    assert quoted.clause == "“The board read over 6,200 letters on the draft,” the chair said"
    [opened] = figures_in(para("“The board read over 6,200 letters; it was a record."))
    assert opened.clause == "The board read over 6,200 letters"


def test_the_date_after_a_figure_is_its_target() -> None:
    found = figures_in(para("Ministers met on 3 May 2022 and pledged 900 new berths by the end of 2027."))
    assert [(f.text, f.when) for f in found] == [("900 new berths", "2027")]
    found = figures_in(para("In 2019 the port employed 410 dockers, down from about 520 in 2012."))
    assert [(f.text, f.when) for f in found] == [("410 dockers", "2019"), ("about 520", "2012")]  # after a comma: the next statement


def test_shares_ratios_and_spelled_out_amounts() -> None:
    found = figures(
        "Nearly a quarter of a million people signed, one fifth of them online. "
        "Only 1 nurse to every 9 patients works nights. Eight out of 10 towns agreed, and over 40,500 did not reply."
    )
    assert found == {
        "Nearly a quarter of a million people": 250_000, "one fifth": 0.2, "1 nurse to every 9 patients": 1,
        "Eight out of 10": 8, "over 40,500": 40_500,
    }


def test_ranks_ranges_and_labelled_values() -> None:
    found = {f.text: f for f in figures_in(para(
        "Norway is the third-largest exporter and sits in 12th place. Dredging can last three to five years. "
        "Scores run between 1.5 and 4.5 points."
    ))}
    assert {t: f.value for t, f in found.items()} == {
        "third-largest exporter": 3, "12th place": 12, "three to five years": 3, "between 1.5 and 4.5 points": 1.5,
    }
    [fee] = figures_in(para("Annual fee: 40 credits"))
    assert fee.clause == "Annual fee: 40 credits"  # a short label before a colon is what the value measures


@pytest.mark.parametrize(
    "text",
    ["The polls close at 9 pm and open at 7.30am.", "Entries close at 11:59 pm ET.", "Print on 8.5 x 11 inch sheets.",
     "Use at least 12-point type.", "Output fell in the first half of 2016.", "It held steady over the past ten years.",
     "Women aged 18 to 24 were asked."],
)
def test_clock_times_sizes_periods_and_ages_are_not_figures(text: str) -> None:
    assert figures_in(para(text)) == []


def test_a_figure_stated_twice_is_one_entry_citing_both_paragraphs() -> None:
    paragraphs = (
        para("The agency received over 6,200 comments on the draft.", "p-a", number=1),
        para("Officials read each of the 6,200 comments, and 30% backed the plan; 30% of the budget goes to docks.", "p-b",
             number=2),
    )
    found = find_figures(paragraphs)
    assert [(f.text, f.anchors) for f in found] == [
        ("over 6,200 comments", ("p-a", "p-b")),
        ("30%", ("p-b",)),  # "30% backed the plan" …
        ("30%", ("p-b",)),  # … is not "30% of the budget"
    ]


# ---------------------------------------------------------------- dates


def test_days_joined_by_and_keep_their_days() -> None:
    assert spans("Envoys met on 14 and 15 March 2023 in Turku.") == [("2023-03-14", "2023-03-15")]
    assert spans("Hearings fell on 2 and 9 October 2024.") == [("2024-10-02", "2024-10-02"), ("2024-10-09", "2024-10-09")]


def test_end_of_year_seasons_quarters_and_fiscal_years() -> None:
    text = ("Stocks ran low at the end of 2022 and again in winter 2023-24; sales grew in Q3 2024, and by mid-2026 "
            "the FY2025 accounts closed. Nets are mended in spring 2027.")
    assert [(p.text, p.first, p.last) for p in date_phrases(text)] == [
        ("at the end of 2022", "2022", "2022"),
        ("winter 2023-24", "2023-12", "2024-02"),
        ("Q3 2024", "2024-07", "2024-09"),
        ("by mid-2026", "2026", "2026"),
        ("FY2025", "2025", "2025"),
        ("spring 2027", "2027-03", "2027-05"),
    ]


def test_two_years_joined_by_and_are_two_dates_not_a_range() -> None:
    assert spans("They restated the 2030 and 2035 goals.") == [("2030", "2030"), ("2035", "2035")]
    assert spans("Fares stay frozen between 2030 and 2035.") == [("2030", "2035")]


def test_one_entry_per_paragraph_and_date() -> None:
    text = "Dredging starts in 2026. Crews return in 2026 to finish the quay, and by 2026 the basin reopens."
    assert spans(text) == [("2026", "2026")]


def test_a_date_without_a_year_takes_the_sources_only_year() -> None:
    one_year = (
        para("The board met on 4 April 2025 in Kiel and again in May 2025.", "p-a", "harbour", 1),
        para("The fair runs September 2-7 at the quay, and talks resume in November.", "p-b", "harbour", 2),
    )
    timeline = [(e.start, e.end, e.anchor) for e in find_timeline(one_year)]
    assert timeline == [("2025-04-04", "2025-04-04", "p-a"), ("2025-05", "2025-05", "p-a"),
                        ("2025-09-02", "2025-09-07", "p-b"), ("2025-11", "2025-11", "p-b")]
    look_back = (para("The tug was launched in March 2019.", "p-e", "tug", 1),
                 para("Crews painted its hull on Oct. 3 before the regatta.", "p-f", "tug", 2))
    assert [e.start for e in find_timeline(look_back)] == ["2019-03"]  # one date is no year for "Oct. 3"
    two_years = (*one_year, para("Works ended on 1 June 2024.", "p-c", "harbour", 3))
    assert "p-b" not in {e.anchor for e in find_timeline(two_years)}  # 2024 or 2025: left off, not guessed
    elsewhere = (one_year[1], para("The board met on 4 April 2025 and 9 May 2025.", "p-d", "other", 1))
    assert "p-b" not in {e.anchor for e in find_timeline(elsewhere)}  # another source's year is not this one's


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mills spread across the valley in the first half of the nineteenth century.", [("1800", "1849")]),
        ("The canal silted up during the second half of the 18th century.", [("1750", "1799")]),
        ("Shipyards thrived in the twentieth century.", [("1900", "1999")]),
        ("The course teaches 21st-century skills.", []),
        ("Mines opened at the beginning of the twentieth century.", []),  # narrower than the century: how much?
        ("She bought Twentieth Century Limited tickets.", []),
    ],
)
def test_centuries_and_their_halves(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


def test_numeric_dates_only_when_one_reading_is_possible() -> None:
    assert spans("Entries close 11/30/2031 at noon.") == [("2031-11-30", "2031-11-30")]  # US order: no month 30
    assert spans("Entries close 30/11/2031 at noon.") == [("2031-11-30", "2031-11-30")]
    assert spans("Entries close 3/4/2031 at noon.") == []  # 3 April or 4 March: left out, not guessed
    assert spans("The hotline is open 24/7.") == []


def test_a_weekday_picks_the_one_year_it_fits() -> None:
    source = (para("Bids opened on 2 March 2026 and 14 March 2027.", "p-a", "bids", 1),
              para("Bids close on Wednesday, April 1.", "p-b", "bids", 2),
              para("The jury meets on Friday, April 1.", "p-c", "bids", 3))
    found = {(e.start, e.anchor) for e in find_timeline(source)}
    assert ("2026-04-01", "p-b") in found  # 1 April is a Wednesday in 2026, not in 2027
    assert not any(anchor == "p-c" for _, anchor in found)  # a Friday in neither year: left off, not guessed


def test_a_date_cut_after_a_month_abbreviation_is_read_whole() -> None:
    found = dates_in(para("The notice was revised Feb. 12, 2031, to correct a name. Sept. 4, 2031 is the deadline."))
    assert [(e.start, e.phrase) for e in found] == [("2031-02-12", "Feb. 12, 2031"), ("2031-09-04", "Sept. 4, 2031")]
    assert found[0].label.startswith("The notice was revised Feb. 12, 2031")
    assert spans("The vote was in May. 5 members abstained.") == []  # "May." ends a sentence


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Sales fell last year and will recover next year.", "2030-06", [("2029", "last year"), ("2031", "next year")]),
        ("This year the quay reopens.", "2030", [("2030", "This year")]),
        ("The survey closes next month.", "2030-12-05", [("2031-01", "next month")]),
        ("The survey closes next month.", "2030", []),  # a year is not precise enough for a month
        ("Prices rose over the last year.", "2030-06-14", []),  # the twelve months before, not a calendar year
        ("The mayor opened the terminal today.", "2030-06-14", []),  # a speech is published after it is given
        ("The storm hit yesterday morning.", "2030-03-01", []),
        ("Sales fell last year.", "", []),  # no publication date: left off
    ],
)
def test_relative_dates_need_an_exact_publication_date(text: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.start, e.phrase) for e in dates_in(para(text), published=published)] == expected


def test_impossible_days_and_amounts_are_not_dates() -> None:
    assert spans("It was signed on 31 April 2024.") == []
    assert spans("They shipped 2021 tonnes to Riga and filed form No. 2025.") == []


# ---------------------------------------------------------------- what a reader sees


def test_key_facts_show_the_clause_and_cite_every_paragraph(make_book: BookFactory) -> None:
    root = make_book(
        "title: Docks\nthemes:\n  - title: Quays\n    keywords: [quay]\n",
        {"docks.txt": "Docks news\n\nThe quay fund will rebuild 14 berths by 2028, the council said.\n\n"
                      "Work on the quay starts soon, and 14 berths will take ferries.\n"},
    )
    files = {f.path: f.content.decode() for f in generate(root, write=False).files}
    page = files["quays.md"]
    assert "The quay fund will rebuild **14 berths** by 2028" in page
    fact = next(line for line in page.splitlines() if "**14 berths**" in line)
    assert fact.count("[¶") == 2  # the same figure in ¶1 and ¶2 is one fact citing both


def test_a_clause_with_several_figures_is_one_fact_with_each_in_bold(make_book: BookFactory) -> None:
    """Three shares in one sentence make one line on Home and in Key facts, not the same sentence three times."""
    root = make_book(
        "title: Piers\nthemes:\n  - title: Piers\n    keywords: [pier]\n",
        {"piers.txt": "Pier survey\n\nThe pier survey found that 83% of 40 to 60 year olds (87% of men and 79% of women) "
                      "use the pier every week.\n"},
    )
    files = {f.path: f.content.decode() for f in generate(root, write=False).files}
    for page in (files["index.md"], files["piers.md"]):
        lines = [line for line in page.splitlines() if "**83%**" in line]
        assert len(lines) == 1, lines
        assert "(**87%** of men and **79%** of women)" in lines[0]
        assert not [line for line in page.splitlines() if "**87%**" in line and "**83%**" not in line]
