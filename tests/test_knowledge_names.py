"""People, acronyms and named organisations on text shaped like the texts the rules never saw (issue 10).

Every sentence here is invented, in the shape of an error found on real
press releases, fact sheets and speeches: a title before the name, names
outside ASCII, roles that run on, possessives, acronyms that are not a
simple match of initials, names joined by "and". What the rules are unsure
of stays off the pages and ``briefbook check`` lists it (tested through the
CLI). The adversarial paragraphs of issue 14 (item 3) must go through the
knowledge layer in time linear in their length.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.config import load_book_config
from generator.extract import extract
from generator.extract.acronyms import find_definitions
from generator.extract.names import Cues, entity_candidates, term_candidates
from generator.extract.people import DEFAULT_ROLES, people_in
from generator.identify import identify
from generator.knowledge import Knowledge
from generator.model import BookConfig, Paragraph, ThemeSpec
from generator.read import MAX_PARAGRAPH_CHARS, read_sources
from tests.conftest import BookFactory, run_cli

BOOK = "title: T\nthemes:\n  - title: A\n    keywords: [port]\n"


def knowledge(make_book: BookFactory, text: str, extra_yml: str = "") -> Knowledge:
    root = make_book(BOOK + extra_yml, {"a.txt": "News\n\n" + text + "\n"})
    config = load_book_config(root)
    return extract(identify(read_sources(config)), config)


def people(k: Knowledge) -> dict[str, tuple[str, str]]:
    return {p.name: (p.role, p.organisation) for p in k.people}


def acronyms(text: str) -> dict[str, str]:
    return {d.short: d.expansion for d in find_definitions((Paragraph("s", 1, "p-1", text),)) if d.sure}


# --- people -----------------------------------------------------------------------------------------------------


def test_title_before_the_name_is_split_from_it(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        "Minister of Ports Ana Ruiz and Special Envoy to the Council Tom Weber met the port board. "
        "Chief Executive of Nordbank Lena Holm joined them.",
    )
    found = people(k)
    assert found["Ana Ruiz"] == ("Minister of Ports", "")
    assert found["Tom Weber"] == ("Special Envoy", "Council")
    assert found["Lena Holm"] == ("Chief Executive", "Nordbank")
    assert not {"Ports Ana Ruiz", "Nordbank Lena Holm", "Council Tom Weber"} & set(found)


def test_a_list_of_titles_and_names_loses_no_one(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        "Present were Director of Harbours at the Port Agency Mira Sand; Chief Economist of Tidebank Olav Strand; "
        "Head of the Dock Workers Union Petra Lund; and Mayor of Kelby Jon Aas.",
    )
    found = people(k)
    assert found["Mira Sand"] == ("Director of Harbours", "Port Agency")  # "at" always names the organisation
    assert found["Olav Strand"] == ("Chief Economist", "Tidebank")
    assert found["Petra Lund"] == ("Head", "Dock Workers Union")
    assert found["Jon Aas"][0].startswith("Mayor")
    assert len(found) == 4
    two = people(knowledge(make_book, "Kelby Governor Ada Lund and Senate Majority Leader Eli Dahl met "
                                      "Secretary of the Harbours Deb Moe at the harbours."))
    assert two == {"Ada Lund": ("Kelby Governor", ""), "Eli Dahl": ("Senate Majority Leader", ""),
                   "Deb Moe": ("Secretary of the Harbours", "")}  # no title reaches back over another name


def test_names_outside_ascii(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        "The session was chaired by Søren Dahl, Head of the Secretariat, and opened by Nguyễn Văn An, "
        "Director of the Coastal Office. Björn Jørgensen, chief economist at the Harbour Bank, and "
        "Łukasz Nowak, a port engineer, spoke. Deputy Minister Ciarán Ó Briain closed it.",
    )
    found = people(k)
    assert found["Søren Dahl"] == ("Head", "Secretariat")
    assert found["Nguyễn Văn An"] == ("Director", "Coastal Office")
    assert found["Björn Jørgensen"] == ("chief economist", "Harbour Bank")
    assert found["Łukasz Nowak"] == ("port engineer", "")
    assert found["Ciarán Ó Briain"] == ("Deputy Minister", "")


def test_roles_neither_run_on_nor_stop_early(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        "Ida Vik, director at the Northern Ports Council also plays a leading role in the talks. "
        "Our U.S. Special Advisor for Oceans Karl Berg attended, and Eva Lind, U.S. Secretary of Fisheries, said "
        "the fisheries would grow.",
    )
    found = people(k)
    assert found["Ida Vik"] == ("director", "Northern Ports Council")
    assert found["Karl Berg"][0].startswith("U.S. Special Advisor")
    assert found["Eva Lind"] == ("U.S. Secretary of Fisheries", "")


def test_roles_after_dashes_copulas_and_without_a_comma(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        "We have appointed Rosa Falk – adviser to the Chief Harbour Inspector – to lead the review. "
        "Ines Brun is the safety director at Tidebank and Karl Moe, the quay manager at the Port Board has "
        "worked there for years. Ola Sund the famous engineer, opened the quay. "
        "The Rt Hon Per Lie MP, Minister for Fisheries, replied.",
    )
    found = people(k)
    assert found["Rosa Falk"] == ("adviser to the Chief Harbour Inspector", "")
    assert found["Ines Brun"] == ("safety director", "Tidebank")
    assert found["Karl Moe"] == ("quay manager", "Port Board")
    assert found["Ola Sund"] == ("engineer", "")
    assert found["Per Lie"] == ("Minister for Fisheries", "")
    before = people(knowledge(make_book, "The Secretary of State for Harbours, Grete Vik, said the harbours are full. "
                                         "Its chief engineer, Odd Moen, agreed. The report, written by Siv Aune, was late."))
    assert before == {"Grete Vik": ("Secretary of State for Harbours", ""), "Odd Moen": ("chief engineer", "")}


ROLES_AFTER_CAPITALS = [  # (sentence, person, (role, organisation)); each a shape unseen texts use
    ("“The buoys work,” said Mia Berg, TIDE program executive at Kelby Agency Headquarters.",
     "Mia Berg", ("TIDE program executive", "Kelby Agency")),
    ("“They float,” said Tom Hale, Ocean Office project scientist at the Harbour Institute in Vardø.",
     "Tom Hale", ("project scientist", "Ocean Office")),  # the body named in the title, not where it sits
    ("“Yes,” said Michael New, Quay Mission Directorate deputy administrator for research. The new quay is open.",
     "Michael New", ("deputy administrator for research", "Quay Mission Directorate")),  # "New": common, yet a name
    ("“They sail,” said Lia Moe, PACE project scientist at the Harbour Institute in Vardø.",
     "Lia Moe", ("PACE project scientist", "Harbour Institute")),
    ("“Good,” said Lia Moe, KPA’s associate director for quay safety.",
     "Lia Moe", ("associate director for quay safety", "KPA")),
    ("“Fine,” said Karen St. Aubyn, director, Quay Science Division, at the port.",
     "Karen St. Aubyn", ("director", "Quay Science Division")),
    ("The board selected Dana Wey as the Harbour Programme manager, based in Kelby.",
     "Dana Wey", ("Harbour Programme manager", "")),
    ("They chose Ana Lind as the best candidate for the post.", "Ana Lind", None),  # no title
]


@pytest.mark.parametrize(("text", "name", "expected"), ROLES_AFTER_CAPITALS)
def test_lower_case_roles_after_capitals_and_as_the_role(make_book: BookFactory, text: str, name: str,
                                                         expected: tuple[str, str] | None) -> None:
    assert people(knowledge(make_book, text)).get(name) == expected


PEOPLE_IN_TEXTS = [  # (text, everyone found with (role, organisation))
    ("The opening was attended by Deputy Mayor Kari Lund, Council Leader Pål Moe and others. "  # the next person's title
     "The prize went to Siri Lo, a teacher in Kelby.",  # where she teaches, not whom she works for
     {"Kari Lund": ("Deputy Mayor", ""), "Pål Moe": ("Council Leader", ""), "Siri Lo": ("teacher", "")}),
    ("Ana Ruiz, Minister of Finance, said so. Eva Sand, Director of Engineering, spoke. "  # a field, not an employer
     "Ines Brun, analyst of Tidebank, came.",
     {"Ana Ruiz": ("Minister of Finance", ""), "Eva Sand": ("Director of Engineering", ""),
      "Ines Brun": ("analyst", "Tidebank")}),
    ("Ms Lise Holm PSM, First Assistant Secretary, Quay Division, gave evidence. "  # honours after the name
     "The Hon. Tom Weber, P.C., M.P., Minister of Finance, said the quays pay.",
     {"Lise Holm": ("First Assistant Secretary", "Quay Division"), "Tom Weber": ("Minister of Finance", "")}),
    ("National Harbour Advisor Siri Lo spoke. The national plan works. "  # common words qualify the title
     "Kelby Port Authority Chief Executive Tom Weber agreed.",
     {"Siri Lo": ("National Harbour Advisor", ""), "Tom Weber": ("Chief Executive", "Kelby Port Authority")}),
    ("Governor Jo Lie of Tarvo spoke. President Eva Holm of the harbour board came.",  # "of PLACE" after the name
     {"Jo Lie": ("Governor", "Tarvo"), "Eva Holm": ("President", "")}),
    ("Tom Hale, Harbour Board member since 2010, spoke. Ola Berg, chief executive officer responsible for quays, "
     "said.",  # a title ends at its last role word unless a preposition goes on
     {"Tom Hale": ("member", "Harbour Board"), "Ola Berg": ("chief executive officer", "")}),
    ("Kim Ek, a member of the public, asked. Siv Aune, a research fellow, said. Councillor Ada Lund, cabinet member "
     "for quays, spoke.",  # an idiom is no title; a qualified member is
     {"Siv Aune": ("research fellow", ""), "Ada Lund": ("cabinet member for quays", "")}),
    ("The quays grew. Kelby’s Minister of Quays, Kim Ek, signed. The Chief Scientist, Dr Pål Moe, said.",
     {"Kim Ek": ("Minister of Quays", "Kelby"), "Pål Moe": ("Chief Scientist", "")}),  # a possessive or an honorific
    ("Ana Ruiz (Director, Kelby Port Agency) said. Kelby Port Agency’s director Tom Hale said. The agency’s chief "
     "economist Eva Holm said. Lia Moe (pictured) smiled.",  # a role in brackets; an owner before a lower-case title
     {"Ana Ruiz": ("Director", "Kelby Port Agency"), "Tom Hale": ("director", "Kelby Port Agency"),
      "Eva Holm": ("chief economist", "")}),
    ("Ana Ruiz, chair at Women in Shipping Kelby, said. Tom Hale, analyst at the Harbour Institute in Vardø, said.",
     {"Ana Ruiz": ("chair", "Women in Shipping Kelby"), "Tom Hale": ("analyst", "Harbour Institute")}),  # "in" a name
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE_IN_TEXTS)
def test_titles_fields_honours_and_places_around_names(make_book: BookFactory, text: str,
                                                       expected: dict[str, tuple[str, str]]) -> None:
    assert people(knowledge(make_book, text)) == expected


def test_headings_ages_and_contact_lines(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        "Fisheries Minister Aas Opens New Harbour Bridge\n\n"
        "Ana Ruiz, 54, a former director of the Port Agency, said the bridge was late. Deputy Director General "
        "Tom Weber agreed.\n\nContact: Lena Holm, Press Officer, Kelby Port Authority, +47 555 0100",
    )
    assert people(k) == {
        "Ana Ruiz": ("former director", "Port Agency"),
        "Tom Weber": ("Deputy Director General", ""),
        "Lena Holm": ("Press Officer", "Kelby Port Authority"),
    }  # nobody called "Aas Opens" from the heading


def test_abbreviated_titles_and_letters_after_names(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        "“This is good,” said U.S. Rep. Jane Moe (D-Kelby). Sen. Karl Lund, R-Kelby, agreed, and Gov. Ada Berg "
        "and Lt. Gov. Tor Dahl signed it. Eva Sand, Ph.D., director of the Port Agency, said it was late.",
    )
    assert people(k) == {
        "Jane Moe": ("U.S. Rep.", ""), "Karl Lund": ("Sen.", ""), "Ada Berg": ("Gov.", ""),
        "Tor Dahl": ("Lt. Gov.", ""), "Eva Sand": ("director", "Port Agency"),
    }


def test_long_titles_and_organisations_after_the_name(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        "Executive Vice-President for the Northern Sea Pact Aleš Novák spoke. Professor Kwame Mensah of the "
        "University of Kelby wrote. The crane reached Kelby Port on Monday.",
    )
    assert people(k)["Kwame Mensah"] == ("Professor", "University of Kelby")
    assert "Aleš Novák" in {c.name for c in k.unsure if c.kind == "person"}  # is "Pact" part of the name?
    assert not any("Sea Pact" in p.name for p in k.people)
    assert "Kelby Port" in {e.name for e in k.entities}


def test_a_speaker_named_only_in_the_title(make_book: BookFactory) -> None:
    root = make_book(BOOK, {"a.txt": "Remarks by Harbour Commissioner Vardan at the Kelby Port Forum\n\n"
                                      "THE COMMISSIONER: Thank you all for coming to the port.\n\n"
                                      "We will dredge the channel next year.\n"})
    config = load_book_config(root)
    sources = read_sources(config)
    k = extract(identify(sources), config, None, {s.slug: s.title for s in sources})
    assert people(k) == {"Vardan": ("Harbour Commissioner", "")}
    assert k.people[0].anchors[0] == identify(sources)[0].anchor  # linked to the source's first ¶
    assert people(extract(identify(sources), config)) == {}  # without the title nobody is named


def test_a_headline_capitalises_its_verbs_so_its_names_must_end_clearly(make_book: BookFactory) -> None:
    root = make_book(BOOK, {"a.txt": "Governor Lind Opens New Quay Works In Kelby\n\nThe quay opened today.\n",
                            "b.txt": "Mayor Tomas Berg: Our Port Will Grow\n\nThe port will grow.\n"})
    config = load_book_config(root)
    sources = read_sources(config)
    k = extract(identify(sources), config, None, {s.slug: s.title for s in sources})
    assert people(k) == {"Tomas Berg": ("Mayor", "")}  # not "Lind Opens New Quay"


def test_a_common_noun_owning_the_role_is_no_part_of_it(make_book: BookFactory) -> None:
    k = knowledge(make_book, "“The quay is ready,” said Mira Solberg, the agency’s director of dredging. Liv Lund, "
                             "the Tarvo Agency’s chief engineer, agreed.")
    assert people(k) == {"Mira Solberg": ("director of dredging", ""), "Liv Lund": ("chief engineer", "Tarvo Agency")}


def test_an_employer_after_a_name_ends_at_its_cue_word_before_and(make_book: BookFactory) -> None:
    k = knowledge(make_book, "Also present were Professor Hanna Lie of Kelby University and Dr Ravi Shah. Director "
                             "Olav Dahl of the Tarvo Institute and Vardia College spoke, as did Director Siri Moen "
                             "of the Department of Ports and Shipping.")
    found = people(k)
    assert found["Hanna Lie"] == ("Professor", "Kelby University")
    assert found["Olav Dahl"] == ("Director", "Tarvo Institute")
    assert found["Siri Moen"] == ("Director", "Department of Ports and Shipping")  # no cue before "and": one name


def test_a_family_name_that_is_also_a_cue_word_after_a_title(make_book: BookFactory) -> None:
    k = knowledge(make_book, "Joining them were Senator Ed Park (D-Kelby) and Governor Mia Hall. The Kelby Park "
                             "Trust and Governor Mia Hall Museum opened. Visitors walked in Tarvo Park.")
    found = people(k)
    assert found["Ed Park"] == ("Senator", "")
    assert found["Mia Hall"] == ("Governor", "")
    assert not any("Museum" in n or "Trust" in n for n in found)  # the cue word goes on into a name: no person
    assert {e.name for e in k.entities} >= {"Tarvo Park"}


def test_possessives_end_a_name(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        "President Lee’s Green Ports agenda was praised in the Chief Auditor’s (CA) report. President Lee’s plan "
        "follows.",
    )
    assert people(k) == {"Lee": ("President", "")}
    assert {a.short: a.expansion for a in k.acronyms} == {"CA": "Chief Auditor"}


# --- acronyms ---------------------------------------------------------------------------------------------------


def test_lower_case_and_unit_acronyms() -> None:
    text = (
        "Exports reached 40 billion cubic metres (bcm) of gas and 2 trillion cubic feet (tcf) more. The farm adds "
        "1.5 gigawatts (GW), or 1,500 megawatts (MW), and saves 2 million tonnes of carbon dioxide equivalent (MtCO2e)."
    )
    assert acronyms(text) == {
        "bcm": "billion cubic metres", "tcf": "trillion cubic feet", "GW": "gigawatts", "MW": "megawatts",
        "MtCO2e": "million tonnes of carbon dioxide equivalent",
    }


def test_long_forms_whose_initials_are_not_a_simple_match() -> None:
    text = (
        "The Framework for Ports and Prosperity (FPP) builds on the Department for Environment, Food and Rural "
        "Affairs (Defra) plan and the Ministry of Commerce (MOFCOM) rules; sales of electric vehicles (EVs) grew."
    )
    assert acronyms(text) == {
        "FPP": "Framework for Ports and Prosperity", "Defra": "Department for Environment, Food and Rural Affairs",
        "MOFCOM": "Ministry of Commerce", "EVs": "electric vehicles",
    }


def test_a_leading_qualifier_stays_and_a_year_goes() -> None:
    text = (
        "The U.S. Department of Agriculture (USDA) and the EU Ports Directorate (PD) back the Nordic-EU Harbour "
        "Accord (NHA), under the Coastal Shipping Act of 2019 (CSA)."
    )
    assert acronyms(text) == {
        "USDA": "U.S. Department of Agriculture", "PD": "EU Ports Directorate",
        "NHA": "Nordic-EU Harbour Accord", "CSA": "Coastal Shipping Act",
    }


def test_a_long_form_that_may_start_earlier_is_unsure() -> None:
    text = "Ships joined the Northern Harbour Safety Initiative (HSI) and the Tidal Survey Office (TSO)."
    found = {d.short: (d.expansion, d.sure) for d in find_definitions((Paragraph("s", 1, "p-1", text),))}
    assert found == {"HSI": ("Harbour Safety Initiative", False), "TSO": ("Tidal Survey Office", True)}
    assert acronyms("Harbour Safety Initiative (HSI) members met.") == {"HSI": "Harbour Safety Initiative"}


def test_a_long_form_after_a_capitalised_word_and_of_is_unsure() -> None:
    text = ("The Ministry of Ports and Coastal Trade (PCT) and the Office for Tidal Records (TR) met; "
            "the Kelby Harbour Office (KHO) and members of Tidal Energy Research (TER) joined.")
    found = {d.short: (d.expansion, d.sure, d.reason) for d in find_definitions((Paragraph("s", 1, "p-1", text),))}
    assert found["PCT"][:2] == ("Ports and Coastal Trade", False)
    assert "Ministry of Ports and Coastal Trade" in found["PCT"][2]
    assert found["TR"][:2] == ("Tidal Records", False)
    assert found["KHO"] == ("Kelby Harbour Office", True, "")
    assert found["TER"] == ("Tidal Energy Research", True, "")  # "members of": no name starts there


def test_short_forms_led_in_by_words_or_owning_something() -> None:
    text = ("The Digital Quay Agency (the DQA), the Tide Safety Board (hereafter TSB), the Kelby Ferry Office (KFO’s) "
            "plan and the Tarvo Harbour Strategy (the Strategy) are new.")
    assert acronyms(text) == {"DQA": "Digital Quay Agency", "TSB": "Tide Safety Board", "KFO": "Kelby Ferry Office"}


def test_quoted_forms_articles_and_plurals() -> None:
    text = (
        "A “Tidal Energy Credit” (TEC) is new; tidal energy credits (TECs) trade from May. Partners keep their "
        "intellectual property (“IP”) and The Harbour Trust (THT or the Trust) holds the register of greenhouse gas "
        "(GHG) permits."
    )
    assert acronyms(text) == {"TEC": "Tidal Energy Credit", "IP": "intellectual property", "THT": "The Harbour Trust",
                              "GHG": "greenhouse gas"}


@pytest.mark.parametrize(
    "text",
    [
        "Capacity rose in Tromsø (TR).",  # one capitalised word is a name, never a long form
        "The port (see below) and the quay (hereinafter the “Quay”) opened.",
        "Landings of fresh cod (fc) rose.",  # lower case must spell the words' starts: "fresh cod" does, see next
        "It met the deadline (dl) early.",
    ],
)
def test_no_acronym_is_invented_from_a_loose_match(text: str) -> None:
    found = acronyms(text)
    assert found in ({}, {"fc": "fresh cod"}), found
    assert "TR" not in found and "dl" not in found


# --- organisations, events, places -------------------------------------------------------------------------------


def test_names_joined_by_and_stay_apart(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        "The Ministry of Energy and the Port Authority signed. The Harbour Forum and Tidal Summit and "
        "Coastal Expo followed, as did the Food and Drug Administration.",
    )
    names = {e.name for e in k.entities}
    assert {"Ministry of Energy", "Port Authority", "Harbour Forum", "Tidal Summit", "Coastal Expo"} <= names
    assert "Food and Drug Administration" in names
    assert not any(" and the " in n or n.count(" and ") > 1 for n in names)


def test_titles_calendar_words_and_people_split_names(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        "In January the Port Agency met. Harbour Secretary Ada Lund and the Bureau of Quays Director spoke. "
        "Chief Executive of the Kelby Port Authority Eli Dahl, who spoke in English, agreed.",
    )
    names = {e.name: e.kind for e in k.entities}
    assert names == {"Port Agency": "organisation", "Bureau of Quays": "organisation",
                     "Kelby Port Authority": "organisation"}
    assert people(k)["Eli Dahl"] == ("Chief Executive", "Kelby Port Authority")


def test_a_magazine_or_a_think_tank_is_no_place(make_book: BookFactory) -> None:
    k = knowledge(
        make_book,
        "Writing in Harbour Affairs, she praised the plan. It was reported in Coastal Review magazine that the "
        "Center for Maritime Studies, a think tank, agreed. The port is in Kelby. In Tromsø, talks began. "
        "Peace in Vardia follows the ‘Partners in Shipping’ dialogue, available in Norwegian.",
    )
    kinds = {e.name: e.kind for e in k.entities}
    assert kinds.get("Tromsø") == kinds.get("Vardia") == "place"
    assert "Shipping" not in kinds and "Norwegian" not in kinds
    assert kinds.get("Center for Maritime Studies") == "organisation"
    assert "Harbour Affairs" not in kinds and "Coastal Review" not in kinds
    assert kinds.get("Kelby") == "place"


POSSESSIVES = (
    "The Ministry of Harbours’ Dredging Fund Programme paid for it, as the Department of Fisheries’s (DOF) survey "
    "showed. The Tarvo Port Authority’s Third Shipping Conference in Kelby opened. The Department of Veterans’ Affairs "
    "agreed, and so did the Vardia Women’s Engineering Society, which trains women."
)


def entity_kinds(k: Knowledge) -> dict[str, str]:
    return {e.name: e.kind for e in k.entities}


def test_possessives_inside_and_at_the_end_of_a_name(make_book: BookFactory) -> None:
    k = knowledge(make_book, POSSESSIVES)
    kinds, unsure = entity_kinds(k), {c.name for c in k.unsure}
    assert kinds.get("Ministry of Harbours") == "organisation"
    assert kinds.get("Department of Fisheries") == "organisation"
    assert kinds.get("Tarvo Port Authority") == "organisation"
    assert kinds.get("Kelby") == "place"  # a place in the owned part is still read
    assert kinds.get("Department of Veterans’ Affairs") == "organisation"  # no name on each side: one name
    assert kinds.get("Vardia Women’s Engineering Society") == "organisation"
    assert "Third Shipping Conference" in unsure  # a name of its own, or the authority's conference?
    assert not any("’" in n and "Veterans" not in n and "Women" not in n for n in kinds)
    assert not any("Dredging" in n or "Third" in n for n in kinds)


def test_a_name_followed_by_a_number_is_no_place(make_book: BookFactory) -> None:
    k = knowledge(make_book, "In Budget Year (BY) 2021, the port grew. In Budget Year 2022 it grew again. "
                             "In Kelby, it shrank.")
    kinds = {e.name: e.kind for e in k.entities}
    assert "Budget Year" not in kinds
    assert kinds.get("Kelby") == "place"
    assert "Budget Year" in {c.name for c in k.unsure}


def test_a_field_name_going_on_after_its_comma_is_asked_about(make_book: BookFactory) -> None:
    k = knowledge(make_book, "According to the Kelby Institute for Ports, Maritime Affairs and Trade, traffic rose. "
                             "The Tarvo Office of Dredging, Kelby Council and Vardia Port Agency agreed.")
    kinds = {e.name: e.kind for e in k.entities}
    assert "Kelby Institute for Ports" not in kinds
    assert "Kelby Institute for Ports" in {c.name for c in k.unsure}
    assert kinds.get("Tarvo Office of Dredging") == "organisation"  # a list of names, each with its cue
    assert kinds.get("Vardia Port Agency") == "organisation"


def test_a_name_its_bracketed_short_form_does_not_spell_is_asked_about(make_book: BookFactory) -> None:
    k = knowledge(make_book, "We met the Kelby Harbour Office (KHMO), the Department of Tide Records (TR), "
                             "The Quay Trust (TQT), the UK Ports Agency (UKPA) and the Harbour Pilots Board (HPB).")
    kinds = entity_kinds(k)
    assert "Kelby Harbour Office" not in kinds
    assert "Kelby Harbour Office" in {c.name for c in k.unsure}
    assert {"Department of Tide Records", "Quay Trust", "UK Ports Agency", "Harbour Pilots Board"} <= set(kinds)


ENTITY_CASES = [  # (text, shown with its kind, not shown, asked about by check)
    ("Engineers at the Vellmar Research Center met at the Osterby Convention Center. A grant went to the University "
     "of Tarvo County. Talks moved to the Kessler Center.",  # a body, a venue, a county in a name, a question
     {"Vellmar Research Center": "organisation", "Osterby Convention Center": "place",
      "University of Tarvo County": "organisation"}, {"Kessler Center"}, {"Kessler Center"}),
    ("She won the Harwick Outstanding Service Medal in 2020. Chair of the Tarvo Harbour Authority Lena Brask signed "
     "it. Kelby Harbour Services Norden runs the quay.",  # a cut at a cue is sure only when a title opened the run
     {"Tarvo Harbour Authority": "organisation"}, {"Harwick Outstanding Service", "Kelby Harbour"},
     {"Harwick Outstanding Service", "Kelby Harbour"}),
    ("The Office of the National Harbour Engineer leads. Department of the Quays Secretary Ada Lund spoke, and so did "
     "the Bureau of Tides Director.",  # the title may be part of the office's name
     {"Department of the Quays": "organisation", "Bureau of Tides": "organisation"},
     {"Office of the National Harbour"}, {"Office of the National Harbour"}),
    ("New Funding for Kelby University Hospital rose. The new funding helps. The Staff of Tarvo Harbour Council met. "
     "Our staff agreed. Brask of Kelby Holdings sold.",  # common words before "of"/"for" are no part of the name
     {"Kelby University Hospital": "organisation", "Tarvo Harbour Council": "organisation",
      "Brask of Kelby Holdings": "organisation"},
     {"New Funding for Kelby University Hospital", "Funding for Kelby University Hospital",
      "Staff of Tarvo Harbour Council"}, set()),
    ("The plan is national. National Harbour Service will run it. The service is new.",  # "National" may open it
     {}, {"Harbour Service"}, {"Harbour Service"}),
    ("Growth in Employment was strong. Jobs in Kelby Township rose. Advances in Technology help. Forms come in "
     "Danish. Help in Japanese.",  # abstract nouns and languages after "in"
     {"Kelby Township": "place"}, {"Employment", "Technology", "Danish", "Japanese"}, set()),
    ("Grants went to the University of Kelby, Tarvo County, and to Kelby State University, Northridge. The students "
     "of the University of Vardø, Kelby Institute and others came.",  # a campus after a university's comma
     {"University of Vardø": "organisation", "Kelby Institute": "organisation"},
     {"University of Kelby", "Tarvo County", "Kelby State University", "Northridge"},
     {"University of Kelby", "Kelby State University"}),
    ("The team at Kelby Research Center in Greenbelt, Marytown, built it. It is based in Vardø, Norden. In Kelby, "
     "Ruiz agreed. The staff of Tarvo College in Ames, Tarvo, came. In Kelby, Ana Ruiz, 54, spoke. Work in Vardø, "
     "South Norden, began.",  # the region after "in Town,"; two words only after a compass word
     {"Greenbelt": "place", "Marytown": "place", "Vardø": "place", "Norden": "place", "Kelby": "place",
      "Ames": "place", "Tarvo": "place", "South Norden": "place", "Tarvo College": "organisation"},
     {"Ruiz", "Ana Ruiz"}, set()),
    ("Grants went to Orlen Valley University and ESA, Brask A&M University and KARI Tarvo, and the QRX Bridge "
     "scheme, built by KTRX LLC. Work at the Block 2C Assembly Office began with “Driftwatch: Harbour Observatory "
     "for Listening Project”.",  # "and" after a cue ends a name; a company's legal form; a quoted title with a subtitle
     {"Orlen Valley University": "organisation", "Brask A&M University": "organisation",
      "KTRX LLC": "organisation", "Block 2C Assembly Office": "organisation"},
     {"Orlen Valley University and ESA", "Brask A&M University and KARI Tarvo", "M University", "QRX Bridge",
      "Harbour Observatory", "Harbour Observatory for Listening Project",
      "Driftwatch: Harbour Observatory for Listening Project"}, {"QRX Bridge"}),
]


@pytest.mark.parametrize(("text", "shown", "hidden", "asked"), ENTITY_CASES)
def test_what_names_are_shown_and_what_is_asked(make_book: BookFactory, text: str, shown: dict[str, str],
                                                hidden: set[str], asked: set[str]) -> None:
    k = knowledge(make_book, text)
    kinds = {e.name: e.kind for e in k.entities}
    assert {n: kinds.get(n) for n in shown} == shown
    assert not hidden & set(kinds)
    assert asked <= {c.name for c in k.unsure}


def test_a_person_after_in_is_a_person_not_a_place(make_book: BookFactory) -> None:
    k = knowledge(make_book, "Harbour Minister Ana Ruiz spoke. In Ana Ruiz’s view, the port works.")
    assert people(k) == {"Ana Ruiz": ("Harbour Minister", "")}
    assert "Ana Ruiz" not in {e.name for e in k.entities}


# --- unsure findings: off the pages, listed by check with the book.yml lines ----------------------------------------

UNSURE = (
    "Chief Executive of Nordbank Jorun Mette Holm met the board. "
    "Emissions fell to 4 million tonnes of coastal freight emissions (MCF). "
    "The Dock Renewal Fund pays for the cranes."
)


def test_unsure_findings_stay_off_the_pages(make_book: BookFactory) -> None:
    k = knowledge(make_book, UNSURE)
    assert [(c.kind, c.name) for c in k.unsure] == [
        ("acronym", "MCF"), ("organisation", "Dock Renewal Fund"), ("person", "Mette Holm"),
    ]
    assert not k.people and not k.acronyms and not k.entities


def test_check_lists_unsure_findings_with_the_lines_that_accept_or_suppress_them(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_book(BOOK, {"a.txt": "News\n\n" + UNSURE + "\n"})
    code, out, _ = run_cli(capsys, "check", str(root))
    assert code == 0
    assert "unsure: person “Mette Holm” (Chief Executive, Nordbank Jorun) in sources/a ¶1: " in out
    assert "    to accept: people: {Mette Holm: 'Chief Executive, Nordbank Jorun'}" in out
    assert "    to leave out: suppress: [Mette Holm]" in out
    assert "    to accept: acronyms: {MCF: million tonnes of coastal freight emissions}" in out
    assert "    to accept: organisations: {Dock Renewal Fund: organisation}" in out
    assert "3 unsure finding(s) to review" in out

    # The author pastes the lines: one accepted, two left out. Check is then quiet and the pages show the one.
    book = root / "seeds" / "book.yml"
    book.write_text(
        book.read_text() + "people: {Jorun Mette Holm: 'Chief Executive, Nordbank'}\nsuppress: [MCF, Dock Renewal Fund]\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "check", str(root))
    assert code == 0 and "unsure:" not in out and "to review" not in out
    assert run_cli(capsys, "generate", str(root))[0] == 0
    page = (root / "docs" / "people.md").read_text(encoding="utf-8")
    assert "Jorun Mette Holm" in page and "Chief Executive" in page
    assert "Dock Renewal Fund" not in page


# --- linear in the text (issue 14, item 3) ---------------------------------------------------------------------------


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


ADVERSARIAL = {
    "hyphenated capitals, one word": "Ab-Cd-",
    "hyphenated capitals, spaced": "Alpha-Beta Gamma-Delta ",
    "X Forum and X Forum and": "Harbour Forum and ",
    "name, then a role without end": "director of the Port ",
    "titles before names": "Minister of Ports Ana Ruiz ",
    "parentheses after words": "the port board (PB) and ",
    "quotes around names": "“Harbour Forum” ",
    "possessives": "Lee’s O’Brien’s ",
}


def _paragraph(unit: str) -> Paragraph:
    text = _repeat(unit, MAX_PARAGRAPH_CHARS - 10)
    if unit.startswith("director"):
        text = "Ana Ruiz, " + text
    if unit.startswith("Harbour Forum"):
        text = "The " + text
    return Paragraph("s", 1, "p-1", text[:MAX_PARAGRAPH_CHARS])


@pytest.mark.parametrize("unit", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_name_rules_take_linear_time_at_the_paragraph_limit(unit: str) -> None:
    """Each rule of this layer on a 100,000-character paragraph: well under a second each when linear
    (43 s for the people rule on half this size before, and a RecursionError for the "and" names)."""
    p = _paragraph(unit)
    cues = Cues.build()
    roles = frozenset(DEFAULT_ROLES)
    start = time.process_time()
    people_in(p, roles, frozenset(cues.kinds), frozenset(), frozenset(cues.kinds))
    entity_candidates(p, cues, frozenset(), roles)
    term_candidates(p, cues)
    find_definitions((p,))
    assert time.process_time() - start < 10


@pytest.mark.parametrize("unit", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_extract_finishes_on_adversarial_paragraphs(unit: str) -> None:
    config = BookConfig(root=Path("."), title="T", themes=(ThemeSpec("A", "a", ("port",)),), sources=())
    k = extract((_paragraph(unit),), config)
    assert isinstance(k, Knowledge)
