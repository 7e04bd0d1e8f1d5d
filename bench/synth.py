"""Synthetic briefing books for the benchmark: seed-like news prose from word lists.

Every word list below was written for this benchmark. A book of ``n`` sources
gets a title line, a ``Source:`` attribution and 8 to 14 paragraphs of 3 to 6
varied sentences per source (about 6 KB, like the example seed), themes whose
keywords recur in the prose, and glossary terms that also occur in it. The
same arguments always give the same files (a seeded random generator).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

# Domains a theme can be about: (title word, the words its keywords are made from).
DOMAINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Harbours", ("harbour", "quay", "dredging", "pilotage")),
    ("Orchards", ("orchard", "pollination", "grafting", "cider press")),
    ("Tariffs", ("tariff", "customs duty", "quota", "rules of origin")),
    ("Railways", ("railway", "signal box", "freight corridor", "gauge")),
    ("Fisheries", ("fishery", "trawler", "spawning ground", "catch limit")),
    ("Housing", ("housing", "tenancy", "rent cap", "social housing")),
    ("Broadband", ("broadband", "fibre", "spectrum", "mobile mast")),
    ("Water supply", ("reservoir", "water main", "aquifer", "leakage")),
    ("Schools", ("school", "curriculum", "teacher training", "pupil")),
    ("Hospitals", ("hospital", "ward", "waiting list", "clinician")),
    ("Forestry", ("forest", "timber", "replanting", "sawmill")),
    ("Energy grid", ("grid", "substation", "interconnector", "battery storage")),
    ("Wind power", ("wind farm", "turbine", "offshore array", "blade")),
    ("Solar power", ("solar panel", "photovoltaic", "rooftop array", "inverter")),
    ("Roads", ("motorway", "bypass", "road resurfacing", "junction")),
    ("Aviation", ("airport", "runway", "air traffic", "landing slot")),
    ("Tourism", ("tourism", "visitor", "heritage site", "hotel booking")),
    ("Agriculture", ("farm", "harvest", "irrigation", "livestock")),
    ("Pensions", ("pension", "retirement age", "annuity", "contribution rate")),
    ("Taxation", ("income tax", "tax relief", "levy", "tax return")),
    ("Policing", ("police", "patrol", "crime rate", "custody")),
    ("Courts", ("court", "tribunal", "appeal", "sentencing")),
    ("Museums", ("museum", "exhibition hall", "archive", "curator")),
    ("Shipping", ("container ship", "shipping lane", "freight rate", "port call")),
    ("Mining", ("mine", "ore", "quarry", "tailings")),
    ("Textiles", ("textile", "loom", "garment", "cotton mill")),
    ("Banking", ("bank", "lending", "deposit", "interest rate")),
    ("Research", ("laboratory", "research grant", "patent", "peer review")),
    ("Wetlands", ("wetland", "marsh", "reed bed", "wading bird")),
    ("Public transport", ("bus route", "tram", "timetable", "fare")),
)

PLACES = ("Norvale", "Astermoor", "Kelby", "Tressington", "Harwick", "Lunmouth", "Bramford", "Oakhaven",
          "Dunmere", "Selcombe", "Ravensholt", "Westerly", "Corrin Bay", "Fallowmere", "Ebbridge", "Penhallow")
BODIES = ("the Regional Council", "the Ministry of Works", "the Planning Board", "the Audit Office",
          "the Development Agency", "the Chamber of Commerce", "the National Statistics Office",
          "the Environment Agency", "the Transport Authority", "the Trade Commission")
PEOPLE = ("Director Ilse Marrow", "Minister Tobias Quell", "Chair Ada Penrose", "Professor Rui Alcott",
          "Mayor Hanne Sorby", "Commissioner Olu Baptiste", "Auditor Mei Lindqvist", "Engineer Paul Okafor")
VERBS = ("approved", "announced", "reviewed", "postponed", "expanded", "funded", "criticised", "welcomed",
         "published", "revised", "completed", "inspected", "questioned", "endorsed", "scaled back")
NOUNS = ("plan", "budget", "report", "programme", "scheme", "survey", "proposal", "framework", "pilot",
         "strategy", "review", "consultation", "agreement", "forecast", "audit")
ADJECTIVES = ("ambitious", "modest", "delayed", "regional", "long-awaited", "revised", "five-year",
              "cross-border", "low-cost", "experimental", "contested", "phased", "national", "local")
AMOUNTS = ("4.2 million", "18 million", "650,000", "1.3 billion", "72 million", "310,000", "9.8 million")
CONNECTORS = ("Meanwhile,", "In addition,", "However,", "As a result,", "According to officials,",
              "By contrast,", "At the same time,", "Earlier this year,", "For now,", "In practice,")
OUTCOMES = ("cut waiting times by a third", "create about 400 jobs", "halve the backlog by spring",
            "raise output by 12 percent", "reduce costs for small firms", "open two new sites next year",
            "double the number of inspections", "bring the work forward by a season")
SYLLABLES = ("ka", "lo", "mer", "ven", "tis", "dra", "pol", "sun", "gar", "fe", "rin", "bo", "cal", "de",
             "mo", "nar", "qui", "sel", "tor", "va", "xe", "zan")
GLOSSARY_TAILS = ("index", "ratio", "clause", "method", "standard", "register", "protocol", "scale")

SENTENCES = (
    "{body} {verb} the {adj} {noun} for {keyword} in {place} on {weekday}.",
    "{connector} the {noun} on {keyword} would {outcome}, said {person}.",
    "{person} told reporters that {keyword} in {place} needed a {adj} {noun}.",
    "The {noun} sets aside {amount} for {keyword} and {keyword2} over five years.",
    "{connector} {body} said the {term} used for {keyword} was under review.",
    "Residents of {place} {verb} the {noun}, which covers {keyword} and the {term}.",
    "{connector} figures from {body} show that spending on {keyword} rose in {place}.",
    "A {adj} {noun} in {place} aims to {outcome}.",
    "{person} {verb} plans to link {keyword} with {keyword2} under the {term}.",
    "Critics in {place} say the {noun} does too little to {outcome}.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


@dataclass(frozen=True)
class Shape:
    """How big a synthetic book is."""

    sources: int
    themes: int
    glossary: int


def glossary_terms(count: int) -> list[str]:
    """``count`` distinct made-up terms: one invented word, or an invented word and a common tail."""
    terms: list[str] = []
    for a in SYLLABLES:
        for b in SYLLABLES:
            for c in SYLLABLES:
                word = f"{a}{b}{c}"
                terms.append(word)
                terms.append(f"{word} {GLOSSARY_TAILS[len(terms) % len(GLOSSARY_TAILS)]}")
                if len(terms) >= count:
                    return terms[:count]
    raise ValueError(f"at most {len(terms)} glossary terms")


def theme_specs(count: int) -> list[dict[str, object]]:
    if not 1 <= count <= len(DOMAINS):
        raise ValueError(f"themes must be 1 to {len(DOMAINS)}")
    return [
        {"title": title, "summary": f"What the sources say about {words[0]} and {words[1]}.", "keywords": list(words)}
        for title, words in DOMAINS[:count]
    ]


def _paragraph(rng: random.Random, keywords: list[str], terms: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(3, 6)):
        template = rng.choice(SENTENCES)
        sentences.append(
            template.format(
                body=rng.choice(BODIES), verb=rng.choice(VERBS), adj=rng.choice(ADJECTIVES), noun=rng.choice(NOUNS),
                keyword=rng.choice(keywords), keyword2=rng.choice(keywords), place=rng.choice(PLACES),
                weekday=rng.choice(WEEKDAYS), connector=rng.choice(CONNECTORS), person=rng.choice(PEOPLE),
                amount=rng.choice(AMOUNTS), outcome=rng.choice(OUTCOMES), term=rng.choice(terms),
            )
        )
    text = " ".join(sentences)
    return text[0].upper() + text[1:]


def source_text(rng: random.Random, number: int, themes: list[dict[str, object]], terms: list[str]) -> str:
    """One article: title, attribution, 8 to 14 paragraphs mostly about one or two themes."""
    main = rng.choice(themes)
    second = rng.choice(themes)
    main_words = list(main["keywords"])  # type: ignore[call-overload]
    other_words = list(second["keywords"])  # type: ignore[call-overload]
    neutral = ["the programme", "the new rules", "local services", "the budget line"]
    paragraphs = []
    for _ in range(rng.randint(8, 14)):
        roll = rng.random()
        pool = main_words if roll < 0.6 else other_words if roll < 0.9 else neutral
        paragraphs.append(_paragraph(rng, pool, terms))
    title = f"{rng.choice(PLACES)} {rng.choice(NOUNS)} on {main_words[0]} {rng.choice(VERBS)} (report {number})"
    return f"{title}\n\nSource: {rng.choice(BODIES)[4:]} press office\n\n" + "\n\n".join(paragraphs) + "\n"


def book_yml(shape: Shape) -> str:
    """book.yml for a synthetic book, as JSON (which is valid YAML)."""
    terms = glossary_terms(shape.glossary)
    data = {
        "title": f"Synthetic briefing book of {shape.sources} sources",
        "description": "Generated by bench/synth.py to measure briefbook at scale.",
        "themes": theme_specs(shape.themes),
        "glossary": {t: f"A made-up term of the benchmark, number {i + 1}." for i, t in enumerate(terms)},
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def make_book(root: Path, shape: Shape, mkdocs_yml: str, seed: int = 6) -> Path:
    """Write a complete book folder (mkdocs.yml, seeds/book.yml, seeds/*.txt) into ``root``."""
    rng = random.Random(seed)
    seeds = root / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    (seeds / "book.yml").write_text(book_yml(shape), encoding="utf-8")
    themes = theme_specs(shape.themes)
    # Glossary terms that occur in the prose: a few hundred at most, whatever the glossary's size.
    terms = glossary_terms(shape.glossary)[:300]
    for n in range(1, shape.sources + 1):
        (seeds / f"report-{n:04d}.txt").write_text(source_text(rng, n, themes, terms), encoding="utf-8")
    return root
