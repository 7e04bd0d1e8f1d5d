"""Starter themes for ``briefbook new``: the proposal, and the rubric an analyst would judge it by."""

from __future__ import annotations

from generator.classify import classify
from generator.commands.propose import propose_themes, rubric_problems
from generator.model import Assignment, Paragraph, ThemeSpec

#: An invented town bulletin: three topics, with the traps real texts set (a counting
#: word before a noun, a lone word of a place name, a command line, a trademark sign).
BULLETIN = [
    "The ferry service to the islands will run every hour from May, the harbour board said on Monday.",
    "A new ferry terminal with a covered waiting room opens next to the harbour wall in the spring.",
    "Ferry tickets bought online cost less, and the ferry service adds a night crossing on Fridays.",
    "Harbour board members visited ferry crews in the United Kingdom to learn how they load bicycles.",
    "The public library moves into the old customs house, which gets a reading room and a children's corner.",
    "Library members can borrow e-books, and the reading room stays open late during school exams.",
    "The library asked volunteers to run a homework club in the reading room on Wednesdays.",
    "Download the TownApp™ to renew library loans and check ferry times.",
    "The bakery cooperative opens a second bakery on the market square, selling rye bread and buns.",
    "The bakery cooperative pays its bakers a share of the profits, and the bakery trains two apprentices.",
    "A 1.5 million project will rebuild the market square and give the bakery cooperative a larger oven.",
    "Visitors from the United Kingdom praised the rye bread at the market square on Saturday.",
]


def paras(texts: list[str]) -> tuple[Paragraph, ...]:
    return tuple(Paragraph("bulletin", n, f"p-{n}", t) for n, t in enumerate(texts, start=1))


def placed(themes: tuple[ThemeSpec, ...], texts: list[str]) -> tuple[Assignment, ...]:
    return classify(paras(texts), themes)


def test_starter_themes_pass_the_rubric_on_an_invented_text():
    themes = propose_themes(BULLETIN)
    assert 2 <= len(themes) <= 6
    assert rubric_problems(themes, placed(themes, BULLETIN)) == []
    titles = {t.title.lower() for t in themes}
    assert not titles & {"kingdom", "million", "download", "townapp"}
    keywords = [k for t in themes for k in t.keywords]
    assert not [k for k in keywords if "million" in k.lower() or "™" in k or k.lower() in {"kingdom", "download"}]
    # Each topic of the text is found.
    found = " ".join(k.lower() for k in keywords)
    assert "ferry" in found and "library" in found and "bakery" in found


def test_rubric_flags_thin_themes_and_catch_alls():
    texts = BULLETIN[:4] + BULLETIN[4:7]
    themes = (
        ThemeSpec("Ferry service", "ferry", ("ferry", "harbour")),
        ThemeSpec("Reading room", "reading", ("customs house",)),
    )
    problems = rubric_problems(themes, placed(themes, texts))
    assert "theme 'Reading room' holds 1 paragraph(s): fewer than 2" in problems
    assert "theme 'Ferry service' holds 4 of 7 paragraphs: a catch-all (over 40%)" in problems


def test_rubric_flags_stray_word_titles():
    themes = (
        ThemeSpec("Billion", "billion", ("ferry",)),
        ThemeSpec("Download", "download", ("library",)),
        ThemeSpec("Kingdom", "kingdom", ("bakery",)),
        ThemeSpec("States", "states", ("harbour",)),
        ThemeSpec("Important", "important", ("market square",)),
        ThemeSpec("Bakery cooperative", "bakery-cooperative", ("bakery cooperative",)),
        ThemeSpec("NHS", "nhs", ("rye bread",)),
    )
    problems = rubric_problems(themes, placed(themes, BULLETIN))
    titles = [p for p in problems if ": title is " in p]
    assert titles == [
        "theme 'Billion': title is a counting word",
        "theme 'Download': title is a verb",
        "theme 'Kingdom': title is one word of a name in the text",
        "theme 'States': title is a word too broad to name a topic",
        "theme 'Important': title is an adjective alone",
    ]


def test_rubric_flags_fragment_and_artefact_keywords():
    themes = (
        ThemeSpec("Market square", "market", ("million project", "market square", "the market", "bread and")),
        ThemeSpec("Town app", "app", ("TownApp™", "SuperApp TM", "www", "ferry times")),
    )
    problems = [p for p in rubric_problems(themes, placed(themes, BULLETIN)) if "keyword" in p]
    assert problems == [
        "theme 'Market square': keyword 'million project' is a fragment: it starts or ends with a number",
        "theme 'Market square': keyword 'the market' is a fragment: it starts or ends with a word like 'the' or 'of'",
        "theme 'Market square': keyword 'bread and' is a fragment: it starts or ends with a word like 'the' or 'of'",
        "theme 'Town app': keyword 'TownApp™' is an artefact of the page, not the text's words",
        "theme 'Town app': keyword 'SuperApp TM' is an artefact of the page, not the text's words",
        "theme 'Town app': keyword 'www' is an artefact of the page, not the text's words",
    ]


def test_a_theme_too_thin_to_keep_is_dropped_from_the_proposal():
    themes = propose_themes(BULLETIN)
    counts = {t.slug: 0 for t in themes}
    for a in placed(themes, BULLETIN):
        if a.theme:
            counts[a.theme] += 1
    assert min(counts.values()) >= 2
    assert max(counts.values()) <= 0.4 * len(BULLETIN)
