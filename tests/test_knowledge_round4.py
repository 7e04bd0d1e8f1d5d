"""Round 4 of the name rules: mechanisms that misled them on a publisher they were not written for.

Each test is an invented text in the shape that failed (titled officials named in one long list, courts and
districts after their names, plural titles over two names, owners' possessives); none of its names comes from
the corpus texts.
"""

from __future__ import annotations

from generator.extract.acronyms import find_definitions
from generator.knowledge import Knowledge
from generator.model import Paragraph
from tests.conftest import BookFactory
from tests.test_knowledge_names import knowledge, people


def shown(k: Knowledge) -> dict[str, str]:
    return {e.name: e.kind for e in k.entities}


LIST_OF_OFFICIALS = (
    "Acting Deputy Harbour Master Nora K. Vatne of the Port Authority’s Pilotage Division, Interim Port Attorney "
    "Leif Aamot for the Western District of Tarvo, and Senior Circuit Judge B. Lynn Kvale of the Tarvo Circuit Court "
    "announced the ruling. “We act,” said Special Agent in Charge Petra Lind."
)


def test_a_title_modifier_stays_in_the_title_even_opening_a_sentence(make_book: BookFactory) -> None:
    found = people(knowledge(make_book, LIST_OF_OFFICIALS))
    assert found["Nora K. Vatne"][0] == "Acting Deputy Harbour Master"  # not "Deputy Harbour Master"
    assert found["Leif Aamot"][0] == "Interim Port Attorney"
    assert found["B. Lynn Kvale"] == ("Senior Circuit Judge", "Tarvo Circuit Court")  # "Senior Circuit" is no employer
    assert found["Petra Lind"][0].startswith("Special Agent")


def test_a_titled_persons_name_never_starts_an_organisation_or_a_place(make_book: BookFactory) -> None:
    names = shown(knowledge(make_book, LIST_OF_OFFICIALS))
    assert not [n for n in names if any(w in n for w in ("Vatne", "Aamot", "Kvale", "Lind", "Charge", "Senior"))]
    assert names.get("Western District of Tarvo") == "place"
    assert names.get("Tarvo Circuit Court") != "place"  # a court is asked about ("Court" names many things)


def test_the_employer_is_the_unit_a_possessive_body_owns(make_book: BookFactory) -> None:
    k = knowledge(make_book, "Director Siri Moen of the Harbour Ministry’s Dredging Division and Chief Ola Berg of "
                             "the KPA’s Tidal Office spoke.")
    found = people(k)
    assert found["Siri Moen"] == ("Director", "Dredging Division")
    assert found["Ola Berg"] == ("Chief", "Tidal Office")
    names = shown(k)
    assert names.get("Tidal Office") == "organisation"
    assert "KPA’s Tidal Office" not in names and "KPA Tidal Office" not in names
    assert "Ola Berg of the KPA" not in names


def test_a_plural_title_names_both_people_in_the_singular(make_book: BookFactory) -> None:
    k = knowledge(make_book, "Assistant Harbour Attorneys Ivar Holm and Siri Dahl for the Western District of Tarvo "
                             "are handling the case. Technicians at Kelby Shipyard Services in Tarvo agreed. The "
                             "Kelby House of Representatives Budget Office and the Tarvo Port Authority replied.")
    found = people(k)
    assert found["Ivar Holm"][0] == "Assistant Harbour Attorney"
    assert found["Siri Dahl"][0] == "Assistant Harbour Attorney"
    assert not [n for n in found if "Attorneys" in n or "Shipyard" in n]  # "Technicians at …" names no one
    names = shown(k)
    assert not [n for n in names if "Holm" in n or "Dahl" in n]
    assert "Budget Office" not in names  # "Representatives" there is no title over two names


def test_a_titles_possessive_is_part_of_an_organisations_name(make_book: BookFactory) -> None:
    names = shown(knowledge(make_book, "The Kelby County Sheriff’s Office and the Tarvo District Attorney’s Office "
                                       "thanked the Kelby Harbour Board’s Safety Panel."))
    assert names.get("Kelby County Sheriff’s Office") == "organisation"
    assert names.get("Tarvo District Attorney’s Office") == "organisation"
    assert "Kelby County" not in names and "Office" not in names


def definitions(text: str) -> dict[str, tuple[str, bool]]:
    return {d.short: (d.expansion, d.sure) for d in find_definitions((Paragraph("s", 1, "p-1", text),))}


def test_an_acronym_leading_a_long_form_is_its_owner_when_the_book_defines_it() -> None:
    found = definitions("The Kelby Port Authority (KPA) runs the KPA Tidal Survey Office (TSO); the EU Ports "
                        "Directorate (PD) helps.")
    assert found["TSO"] == ("Tidal Survey Office", True)  # KPA is a body of its own, defined in the book
    assert found["PD"] == ("EU Ports Directorate", True)  # EU is defined nowhere: it stays a qualifier


def test_a_pair_of_plain_words_before_a_long_form_is_no_qualifier() -> None:
    found = definitions("Boats follow the Kelby-Tarvo Ferry Safety Board (FSB) and the Nordic-EU Harbour Accord (NHA).")
    assert found["NHA"] == ("Nordic-EU Harbour Accord", True)
    assert found["FSB"][0] == "Ferry Safety Board"  # never "Kelby-Tarvo Ferry Safety Board" shown as sure
    assert found["FSB"][1] is False  # the region or the name's start? asked


def test_a_persons_initial_before_of_does_not_make_a_long_form_doubtful() -> None:
    found = definitions("Director Ana K. Lie of Harbour Safety Investigations (HSI) spoke, and the Ministry of "
                        "Tidal Records (TR) listened.")
    assert found["HSI"] == ("Harbour Safety Investigations", True)
    assert found["TR"] == ("Tidal Records", False)  # the ministry, or only its field?


def test_two_words_joined_by_and_may_give_one_initial() -> None:
    found = definitions("The Centre for Ships & Shipyards Safety (CSS) and the Board for Quays and Ports (BQP) met.")
    assert found["CSS"] == ("Centre for Ships & Shipyards Safety", True)
    assert found["BQP"] == ("Board for Quays and Ports", True)


def test_a_later_mention_by_one_word_of_a_two_word_family_name_is_no_other_person(make_book: BookFactory) -> None:
    k = knowledge(make_book, "Minister Arne Sola Haug of Tarvo met the board. Later, Minister Sola thanked the crews, "
                             "and Governor Mia Hall thanked Minister Sola too.")
    found = people(k)
    assert found["Arne Sola Haug"] == ("Minister", "Tarvo")
    assert "Sola" not in found and "Mia Hall" in found


def test_a_name_after_a_or_an_is_asked_about(make_book: BookFactory) -> None:
    k = knowledge(make_book, "Pilots may join an Accountable Harbour Organisation where crews meet. The plan is an Office "
                             "of National Tide Control Policy (ONTCP) grant. Kelby University staff and a Tarvo Port Authority "
                             "officer spoke.")
    names = shown(k)
    assert "Accountable Harbour Organisation" not in names
    assert "Accountable Harbour Organisation" in {c.name for c in k.unsure}
    assert names.get("Office of National Tide Control Policy") == "organisation"  # its short form names one body
    assert names.get("Kelby University") == "organisation"


def test_a_unit_named_with_the_body_it_belongs_to_is_asked_about(make_book: BookFactory) -> None:
    k = knowledge(make_book, "The Harbour Pilots Section of the Port Safety Division and the Ministry of Ports of the "
                             "Republic of Tarvo are handling the case.")
    assert "Harbour Pilots Section of the Port Safety Division" not in shown(k)
    assert "Harbour Pilots Section of the Port Safety Division" in {c.name for c in k.unsure}


def test_an_aside_in_brackets_between_a_name_and_its_role(make_book: BookFactory) -> None:
    k = knowledge(make_book, "Charges were filed against Ivan Petrovich Sokolov (Иван Петрович Соколов), an officer "
                             "in the Kelby Port Authority, and Ana Ruiz (D-Tarvo), a director at Kelby Shipping Lines.")
    found = people(k)
    assert found["Ivan Petrovich Sokolov"] == ("officer", "Kelby Port Authority")
    assert found["Ana Ruiz"] == ("director", "Kelby Shipping Lines")


def test_capitals_after_a_lower_case_role_and_at_are_an_organisation_not_a_person(make_book: BookFactory) -> None:
    found = people(knowledge(make_book, "She met a director at Kelby Shipping Lines. Chief Executive of Nordbank "
                                        "Lena Holm joined."))
    assert "Shipping Lines" not in found and "Kelby Shipping Lines" not in found
    assert found["Lena Holm"] == ("Chief Executive", "Nordbank")


def test_a_city_with_its_dotted_district_is_one_place(make_book: BookFactory) -> None:
    names = shown(knowledge(make_book, "The team, based in Kelby, T.R., met the board in Norden, Vardia."))
    assert names.get("Kelby, T.R.") == "place"
    assert "Kelby" not in names
    assert names.get("Norden") == "place" and names.get("Vardia") == "place"
