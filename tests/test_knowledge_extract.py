"""The extraction rules on small texts: each case is something a rule must get right or must not invent."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_book_config
from generator.extract import extract
from generator.extract.acronyms import acronym_like, find_definitions
from generator.extract.dates import dates_in, find_periods
from generator.extract.figures import figures_in
from generator.identify import identify
from generator.knowledge import Knowledge
from generator.model import Paragraph
from generator.read import read_sources
from tests.conftest import BookFactory, run_cli


def para(text: str, anchor: str = "p-1") -> Paragraph:
    return Paragraph("s", 1, anchor, text)


def defs(text: str) -> dict[str, str]:
    return {d.short: d.expansion for d in find_definitions((para(text),))}


def test_acronym_both_forms_hyphenated_and_coordinated() -> None:
    assert defs("The Northwind Harbour Board (NHB) met.") == {"NHB": "Northwind Harbour Board"}
    assert defs("It joined the NHB (Northwind Harbour Board) last year.") == {"NHB": "Northwind Harbour Board"}
    assert defs("Funded by the Bureau of Ocean Research–Fisheries (BOR-F).") == {"BOR-F": "Bureau of Ocean Research–Fisheries"}
    assert defs("Run by the Ministries of Health (MOH), Education (MOE) and Labour (MOL).") == {
        "MOH": "Ministry of Health",
        "MOE": "Ministry of Education",
        "MOL": "Ministry of Labour",
    }


@pytest.mark.parametrize(
    "text",
    [
        "The Long Duration Storage ShotTM (ShotTM) sets a goal.",  # a flattened trademark
        "The plan (hereinafter the “Plan”) was approved.",
        "Capacity rose in Norway (NO).",  # one capitalised word is a name, never a long form
        "The board met in Oslo (Norway) and Bergen (NB).",  # letters that do not start the words before
        "A report (see Annex B) followed.",
    ],
)
def test_no_acronym_is_invented(text: str) -> None:
    assert defs(text) == {}


def test_acronym_likeness() -> None:
    assert acronym_like("CIFTIS") and acronym_like("ARPA-E") and acronym_like("TfGN")
    assert not acronym_like("ShotTM") and not acronym_like("Plan") and not acronym_like("A")


def test_figures_with_units_counts_and_spelled_out_numbers() -> None:
    text = (
        "The fund set 12 priority actions and grants in 4 regions. Prices fell to $38 per barrel, a 12% drop. "
        "Over twenty pilot schemes started, adding 2.5 GW and 41 percent more output."
    )
    found = {f.text: f for f in figures_in(para(text))}
    assert set(found) == {
        "12 priority actions", "4 regions", "$38 per barrel", "12%", "Over twenty pilot schemes", "2.5 GW", "41 percent",
    }
    assert found["12 priority actions"].counts == "priority actions"
    assert found["Over twenty pilot schemes"].value == 20
    assert found["4 regions"].lead == "grants in"


@pytest.mark.parametrize(
    "text",
    ["The 14th session opened.", "In 2030 it ends.", "Held on March 3-5, 2022.", "Call 202-555-0100.", "The CO2 level.",
     "Two of the members left.", "The Five-Year Plan."],
)
def test_not_figures(text: str) -> None:
    assert figures_in(para(text)) == []


def test_dates_ranges_years_and_qualifiers() -> None:
    text = (
        "The 2022 summit ran during March 3-5, 2022 in Lyon. Work starts on 1 June 2023 and ends by the end of 2026. "
        "Talks ran between May 2 and July 15, 2024, and from 2027 to 2029. Audits follow in January 2030."
    )
    found = [(e.start, e.end, e.phrase) for e in dates_in(para(text))]
    assert found == [
        ("2022-03-03", "2022-03-05", "March 3-5, 2022"),  # the bare "2022" is covered by the fuller date
        ("2023-06-01", "2023-06-01", "1 June 2023"),
        ("2026", "2026", "by the end of 2026"),
        ("2024-05-02", "2024-07-15", "between May 2 and July 15, 2024"),
        ("2027", "2029", "2027 to 2029"),
        ("2030-01", "2030-01", "January 2030"),
    ]
    assert dates_in(para("It was held on February 30, 2021.")) == []  # no such day: not guessed
    assert [p.name for p in find_periods((para("During the “9th National Plan” period, costs fell."),))] == ["9th National Plan"]


def knowledge(make_book: BookFactory, text: str, extra_yml: str = "") -> Knowledge:
    root = make_book(
        "title: T\nthemes:\n  - title: A\n    keywords: [alpha]\n" + extra_yml, {"a.txt": text}
    )
    config = load_book_config(root)
    return extract(identify(read_sources(config)), config)


TEXT = (
    "Harbour news\n\n"
    "At the Northwind Harbour Board (NHB) meeting, Olga Petrov, Deputy Director of the Coastal Survey Office, spoke. "
    "The Board approved the plan.\n\n"
    "Transport Minister Karel Dvorak opened the Lindholm Maritime Forum. Later Dvorak praised the \"tidal window\" idea. "
    "Olga Petrov said the Coastal Survey Office agreed.\n\n"
    "China and Norway sent observers. The Plan was welcomed.\n"
)


def test_people_both_forms_short_mentions_and_no_junk(make_book: BookFactory) -> None:
    k = knowledge(make_book, TEXT)
    people = {p.name: p for p in k.people}
    assert set(people) == {"Olga Petrov", "Karel Dvorak"}
    assert (people["Olga Petrov"].role, people["Olga Petrov"].organisation) == ("Deputy Director", "Coastal Survey Office")
    assert people["Karel Dvorak"].role == "Transport Minister"
    assert len(people["Karel Dvorak"].anchors) == 1 and "Dvorak" in people["Karel Dvorak"].aliases
    names = {e.name for e in k.entities}
    assert names == {"Northwind Harbour Board", "Coastal Survey Office", "Lindholm Maritime Forum"}
    assert not {"At the", "The Plan", "Plan", "China", "Norway", "The Board"} & names
    assert [t.term for t in k.terms] == ["tidal window"]


def test_book_yml_adds_corrects_and_suppresses(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        TEXT,
        "acronyms:\n  NHB: Northwind Harbour Board of Trustees\n  CSO: Coastal Survey Office\n"
        "people:\n  Karel Dvorak: Minister of Transport, Ministry of Transport\n  Ida Berg: Harbour Master\n"
        "organisations:\n  Norway: place\n"
        "suppress: [Lindholm Maritime Forum, tidal window]\n"
        "glossary:\n  tidal window: ignored, suppressed\n  slack water: The still water between tides.\n"
        "cues:\n  event: [Meeting]\n",
    )
    acronyms = {a.short: a for a in k.acronyms}
    assert acronyms["NHB"].expansion == "Northwind Harbour Board of Trustees" and acronyms["NHB"].origin == "book.yml"
    assert acronyms["CSO"].anchors == ()  # added, but the text never uses the short form
    people = {p.name: p for p in k.people}
    dvorak = people["Karel Dvorak"]
    assert (dvorak.role, dvorak.organisation) == ("Minister of Transport", "Ministry of Transport")
    assert people["Ida Berg"].role == "Harbour Master" and people["Ida Berg"].anchors == ()
    assert ("Norway", "place") in {(e.name, e.kind) for e in k.entities}
    assert "Lindholm Maritime Forum" not in {e.name for e in k.entities}
    terms = {t.term: t for t in k.terms}
    assert "tidal window" not in terms and terms["slack water"].definition == "The still water between tides."


def test_duplicate_spellings_are_one_person(make_book: BookFactory) -> None:
    text = (
        "News\n\nEnergy Secretary Jennifer M. Granholm visited. Jennifer Granholm, Secretary of Energy, spoke later. "
        "Granholm left at noon.\n"
    )
    k = knowledge(make_book, text)
    assert [(p.name, p.role) for p in k.people] == [("Jennifer M. Granholm", "Energy Secretary")]


def test_all_caps_headings_and_bullets_give_no_names(make_book: BookFactory) -> None:
    text = "Release\n\nWHO IS INVOLVED IN THE HARBOUR COUNCIL\n\n- Dock Fund Council pays\n- 12 new cranes\n"
    k = knowledge(make_book, text)
    assert [e.name for e in k.entities] == ["Dock Fund Council"]
    assert [f.text for f in k.figures] == ["12 new cranes"]


def test_same_text_same_knowledge(make_book: BookFactory) -> None:
    assert knowledge(make_book, TEXT) == knowledge(make_book, TEXT)


@pytest.mark.parametrize(
    "yml, message",
    [
        ("cues:\n  evnt: [Gala]\n", "cues.evnt: unknown key (did you mean 'event'?)"),
        ("organisations:\n  Oslo: plase\n", "organisations.Oslo: unknown kind 'plase': did you mean 'place'?"),
        ("people:\n  Ida Berg: [a, b]\n", "people.Ida Berg: needs a role"),
        ("acronym:\n  X: y\n", "acronym: unknown key (did you mean 'acronyms'?)"),
        ("suppress: Plan\n", "suppress: must be a list"),
        ("cues:\n  place: [7, '']\n", "cues.place[1]: must be a non-empty string"),
    ],
)
def test_knowledge_keys_are_validated(make_book: BookFactory, capsys: pytest.CaptureFixture[str], yml: str, message: str) -> None:
    root = make_book("title: T\nthemes:\n  - title: A\n    keywords: [alpha]\n" + yml, {"a.txt": "Alpha text.\n"})
    code, _, err = run_cli(capsys, "generate", str(root))
    assert code == 2 and message in err, err
    assert Path(root / "docs").is_dir() and not any((root / "docs").iterdir())


def test_timeline_entries_give_days_for_drawing() -> None:
    import datetime

    from generator.knowledge import TimelineEntry

    year = TimelineEntry("2040", "2040", "by 2040", "s", "p-1")
    month = TimelineEntry("2024-02", "2024-02", "February 2024", "s", "p-1")
    span = TimelineEntry("2019-05-04", "2019-05-09", "May 4-9, 2019", "s", "p-1")
    assert (year.first_day, year.last_day) == (datetime.date(2040, 1, 1), datetime.date(2040, 12, 31))
    assert (month.first_day, month.last_day) == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    assert (span.first_day, span.last_day) == (datetime.date(2019, 5, 4), datetime.date(2019, 5, 9))
