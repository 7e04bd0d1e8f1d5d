"""Dates and figures, round 2 of issue 10: publication dates, unit conversions, financial years, ranges, linear time."""

from __future__ import annotations

import time

import pytest

from generator.extract.dates import dates_in
from generator.extract.figures import figures_in
from tests.conftest import BookFactory
from tests.test_extract_numbers import figures, para, spans
from tests.test_extract_terms import generated


def test_next_year_in_a_dated_source_is_on_the_timeline(make_book: BookFactory) -> None:
    sources = {"ferry.txt": "Ferry news\n\nThe new ferry entered service today, and a second ferry follows next year.\n"}
    lines = generated(make_book, sources, "sources:\n  - file: ferry.txt\n    date: 2031-05-06\n")["timeline.md"].splitlines()
    assert "- **2032** · Notes — The new ferry entered service today, and a second ferry follows next year." \
        " [¶1](sources/ferry.md#p-2d2cf6c7)" in lines
    assert sum(line.startswith("- **6 May 2031**") for line in lines) == 1  # the publication; "today" is not dated


def test_the_same_amount_in_other_units_is_not_another_figure() -> None:
    assert list(figures("The crane lifts 44,000 pounds (20 metric tons) onto the quay.")) == ["44,000 pounds"]
    assert list(figures("The tank holds 7,000 cubic feet (about 198 cubic meters) of gas.")) == ["7,000 cubic feet"]
    assert list(figures("The port paid €9 million (£7.7 million) for the crane.")) == ["€9 million"]
    # a count in brackets is a part of the whole, not a conversion: both stay
    assert list(figures("The fund rebuilt 40 berths (12 km of quay) and 9 sheds.")) == ["40 berths", "12 km", "9 sheds"]
    assert list(figures("Fees raised $3.1 million (64%) from ferries.")) == ["$3.1 million", "64%"]  # a share


@pytest.mark.parametrize("unit", ["Feb. 1 ", "Friday, March 29 ", "today yesterday last year ", "the first half of the 19th century "])
def test_date_rules_take_linear_time(unit: str) -> None:
    """Joining sentences cut after "Feb." moves an end, never copies the growing sentence: 100,000 characters in
    well under a second."""
    p = para((unit * (100_000 // len(unit)))[:100_000])
    start = time.process_time()
    dates_in(p, None, "2030-01-02", frozenset({"2024"}))
    figures_in(p)
    assert time.process_time() - start < 10


def test_a_year_then_and_then_a_count_is_a_year_and_a_count() -> None:
    assert spans("Fees rose in 2031 and 40 teams joined.") == [("2031", "2031")]  # not 2031 and 2040
    assert list(figures("Fees rose in 2031 and 40 teams joined.")) == ["40 teams"]  # not the far end of a range
    assert spans("The 2031-32 season opens.") == [("2031", "2032")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The FY31 budget grew.", [("2031", "2031")]),
        ("In FY30-31 costs fell.", [("2030", "2031")]),
        ("In 2030/31 costs fell.", [("2030", "2031")]),
        ("In 2030/2031 costs fell.", [("2030", "2031")]),
        ("We shipped 2030/45 crates.", []),  # a slash joins a year only to the next one
        ("Flight FY310 left.", []),
    ],
)
def test_fiscal_and_financial_years(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


def test_a_range_of_grouped_numbers_is_one_figure() -> None:
    assert figures("Each ferry carries 1,200 to 1,500 passengers a day.") == {"1,200 to 1,500 passengers": 1200.0}


def test_a_publication_date_its_paragraph_states_is_listed_once(make_book: BookFactory) -> None:
    sources = {"ferry.txt": "Ferry news\n\nLONDON, May 6, 2031 – The new ferry entered service.\n"}
    lines = generated(make_book, sources, "sources:\n  - file: ferry.txt\n    date: 2031-05-06\n")["timeline.md"].splitlines()
    assert sum(line.startswith("- **6 May 2031**") for line in lines) == 1
