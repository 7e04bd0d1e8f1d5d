"""Key terms: phrases a text defines or puts in quotes, and not the quotations, titles and slogans around them."""

from __future__ import annotations

import time

import pytest

from generator.extract.names import Cues, programme_names, term_candidates
from generator.model import Paragraph
from generator.pipeline import generate
from tests.conftest import BookFactory, run_cli


def generated(make_book: BookFactory, sources: dict[str, str], head: str = "") -> dict[str, str]:
    """The Markdown pages of a one-theme book (theme "Notes", keyword "the") made of ``sources``."""
    root = make_book(f"title: Notes\n{head}themes:\n  - title: Notes\n    keywords: [the]\n", sources)
    return {f.path: f.content.decode() for f in generate(root, write=False).files}


def terms(text: str) -> list[str]:
    return [term for term, _ in term_candidates(Paragraph("s", 1, "p-1", text), Cues.build())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quoted phrases with a lower-case word, double or single quotes
        ("The app shows each rower their ‘stroke age’ after a session.", ["stroke age"]),
        ("“Fair rent value” is set by the district office.", ["Fair rent value"]),
        ("Each bid covers several “parcels,” the square plots offered at auction.", ["parcels"]),
        # a named programme: a capitalised quote followed by a programme noun, or ending in one
        ("The port’s “Clean Keel” campaign asks sailors to scrub hulls.", ["Clean Keel"]),
        ("Grants come as ‘Quay Renewal Grants’ paid each spring.", ["Quay Renewal Grants"]),
        ("The guild will launch a new ‘Best Use of Dry Docks’ scheme.", ["Best Use of Dry Docks"]),
        # the short name a parenthesis defines
        ("The Lowland Canals Act (the “Act”) sets mooring fees.", ["Act"]),
        # named without quotes
        ("The heavier version, known as Mark 2B, flies next.", ["Mark 2B"]),
        ("Water is forced into the rock, a method known as pressure flushing, to free the ore.", ["pressure flushing"]),
        ("The so-called Lantern Corridor links the two valleys.", ["Lantern Corridor"]),
        ("It is the first step in what the board calls a “quiet harbour zone” along the quay.", ["quiet harbour zone"]),
        ("The yard will sponsor a ‘deck-to-desk’ course for apprentices.", ["deck-to-desk"]),
        ("Towns that clean their rivers may apply for “accreditation.” Then funds follow.", ["accreditation"]),
    ],
)
def test_defined_and_quoted_terms_are_found(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "“We are ready for the season,” the harbour master said.",  # a quotation
        "“Ready for anything” she added, smiling.",  # speech, however short
        "Posters ask passers-by ‘Have you checked your tyres?’ every week.",  # a slogan, a question
        "The council published “Rivers of the North” last May.",  # a title
        "The “Harbour Forum” met in March.",  # a name with a cue word
        "Few can say what a ‘fit’ rower looks like.",  # a word in scare quotes
        "The rules allow searches when “needed to prevent serious disorder at sea” rather than just “useful” to crews.",
        "It is known as the most beautiful bay in the region.",
        "The mayor said the ferry would “earn back its cost within a decade”.",  # a clause that completes a verb
        "The skipper called the new quay “a fresh start for the town”.",  # a judgement
  # no term after "known as"
        "The tug owner’s crew, the skipper’s mate and the cook’s boy sailed.",  # apostrophes are not quotes
    ],
)
def test_quotations_titles_slogans_and_scare_quotes_are_not_terms(text: str) -> None:
    assert terms(text) == []


def test_the_glossary_shows_a_quoted_term_with_its_sentence(make_book: BookFactory) -> None:
    glossary = generated(make_book, {"clubs.txt": "Club news\n\nThe club app shows each rower their ‘stroke age’ after a "
                                                  "session.\n\n“We love the new boats,” the club captain said.\n"})["glossary.md"]
    assert "stroke age" in glossary
    assert "We love the new boats" not in glossary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Families may join the new Save for Sails scheme, and the Harbour Board approved it.", ["Save for Sails"]),
        ("The guild’s Keel Care campaign is helping owners.", ["Keel Care"]),
        ("Access the Tide Age tool online.", ["Tide Age"]),
        ("Ana Ruiz, Adviser for the Quiet Quays campaign, said so.", ["Quiet Quays"]),
        ("Current initiatives are listed below.", []),  # capitalised only because it opens the sentence
        ("The ESA programme grew.", []),  # an acronym alone
        ("The boat club ran the scheme in June.", []),
    ],
)
def test_programmes_named_without_quotes_are_found_for_check(text: str, expected: list[str]) -> None:
    assert [name for name, _ in programme_names(Paragraph("s", 1, "p-1", text), frozenset({"the", "boat"}))] == expected


def test_check_asks_about_programmes_named_without_quotes(make_book: BookFactory,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    sources = {"a.txt": "News\n\nFamilies may join the new Save for Sails scheme this spring.\n"}
    pages = generated(make_book, sources)
    assert "Save for Sails" not in pages["glossary.md"]  # a guess: not on a page
    root = make_book("title: Notes\nthemes:\n  - title: Notes\n    keywords: [the]\n", sources)
    code, out, _ = run_cli(capsys, "check", str(root))
    assert code == 0
    assert "unsure: term “Save for Sails” in sources/a ¶1: " in out
    assert "    to accept: glossary: {Save for Sails: What it means.}" in out
    assert "    to leave out: suppress: [Save for Sails]" in out


@pytest.mark.parametrize("unit", ["‘a ", "‘Ab’s ", "“x” ", "known as Alpha Beta of the ", "so-called ab cd ef gh ", "(the “A”) ",
                                  "Ab Cd Ef Gh Ij Kl scheme ", "Ab’s Cd the Ef "])
def test_term_rules_take_linear_time(unit: str) -> None:
    text = (unit * (100_000 // len(unit)))[:100_000]
    start = time.process_time()
    term_candidates(Paragraph("s", 1, "p-1", text), Cues.build())
    programme_names(Paragraph("s", 1, "p-1", text), frozenset())
    assert time.process_time() - start < 10


def test_two_quoted_terms_joined_by_and_are_not_a_third(make_book: BookFactory) -> None:
    glossary = generated(make_book, {"tides.txt": "Tide news\n\n“Slack water” and “tidal window” were the words of the day. "
                                                  "Around the two words “slack water and tidal window”, ten talks were held.\n"})["glossary.md"]
    assert "tidal window" in glossary and "Slack water" in glossary
    assert "slack water and tidal window {" not in glossary
