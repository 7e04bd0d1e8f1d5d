"""Hand-made lists of what a careful reader finds in each test book, and the scoring against them.

Written by reading each text, not by running the extractor. Shared by the
quality tests and by ``bench/knowledge_quality.py``, which prints the figures.
Detection is measured *raw*: book.yml's corrections (acronyms, people,
glossary, organisations, suppress) are left out, its cue words kept, since
cues configure the rules while corrections patch their output.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from generator.config import load_book_config
from generator.extract import extract
from generator.extract.people import same_person
from generator.identify import identify
from generator.knowledge import Knowledge
from generator.read import read_sources

BOOKS_DIR = Path(__file__).resolve().parent / "books"
REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Expected:
    acronyms: dict[str, str]
    people: list[tuple[str, str, str]]  # name, words the role must contain, words the organisation must contain
    entities: set[tuple[str, str]]  # name, kind
    terms: set[str]
    figures: set[str]  # the figure as written, with what it counts
    dates: set[tuple[str, str]]  # ISO start, end


EXPECTED: dict[str, Expected] = {
    "example": Expected(
        acronyms={"CIFTIS": "China International Fair for Trade in Services"},
        people=[("Wang Bingnan", "Vice Minister", "Ministry of Commerce")],
        entities={
            ("State Council", "organisation"),
            ("Ministry of Commerce of the People's Republic of China", "organisation"),
            ("China International Fair for Trade in Services", "event"),
            ("China National Convention Center", "place"),
            ("Shougang Park", "place"),
            ("Forum on Trends and Latest Development of Digital Trade", "event"),
            ("Summit Forum on Digital Trade Development Trends and Frontiers", "event"),
            ("China Carbon Neutral Development Forum", "event"),
            ("Green Development Forum", "event"),
            ("Carbon Neutral Economic Development Forum", "event"),
            ("Green Development Forum—Low-carbon, Zero-waste City Construction", "event"),
        },
        terms={"carbon peaking", "carbon neutrality", "dual carbon", "belt and road initiative"},
        figures={"45 key tasks", "6 aspects", "over ten relevant series activities"},
        dates={("2021-09-02", "2021-09-07"), ("2035", "2035")},
    ),
    "river": Expected(
        acronyms={},
        people=[("Amelia Hart", "chief ecologist", "Authority")],
        entities={("Northern Waters Regional Authority", "organisation"), ("Lowland River", "place")},
        terms=set(),
        # "Half of the budget": a share, as the evaluation corpus labels "Half of all … firms"
        figures={"240 million euros", "two years", "three weirs", "40 kilometres", "30 million euros", "two canoe launches", "half"},
        dates={("2025", "2025"), ("2010", "2010")},
    ),
    "storage": Expected(
        acronyms={
            "DOE": "U.S. Department of Energy",  # a leading "U.S." stays with the name it qualifies
            "DOI": "Department of the Interior",
            "ARPA-E": "Advanced Research Projects Agency–Energy",
        },
        people=[
            ("Jennifer Granholm", "Secretary", ""),
            ("Laura Mendez", "Director", "Office of Clean Energy Demonstrations"),
            ("Ravi Okafor", "chief engineer", "Prairie Wind Cooperative"),
            ("David Turk", "Deputy Secretary", ""),
        ],
        entities={
            ("U.S. Department of Energy", "organisation"),  # names at their fullest, as the corpus labels them
            ("Hoover Dam Visitor Center", "place"),
            ("Office of Clean Energy Demonstrations", "organisation"),
            ("Prairie Wind Cooperative", "organisation"),
            ("Advanced Research Projects Agency–Energy", "organisation"),
        },
        terms={"pilot-to-market", "co-located storage"},
        figures={
            "$2.4 billion", "38 long-duration storage projects", "21 states", "70%", "15 GW", "$45 per megawatt-hour",
            "37 percent", "Nearly twelve thousand construction jobs", "90 percent",
        },
        dates={
            ("2024-03-14", "2024-03-14"), ("2030", "2030"), ("2024-04-01", "2024-06-30"), ("2021-07", "2021-07"),
            ("2026", "2026"),
        },
    ),
    "cleanair": Expected(
        acronyms={
            "LEZ": "Low Emission Zone",
            "TfGN": "Transport for Greater Norbury",
            "DfT": "Department for Transport",
            "AQMA": "Air Quality Management Area",
        },
        people=[
            ("Priya Shah", "cabinet member for environment and transport", ""),
            ("Tom Ellery", "director of public health", "Norbury City Council"),
        ],
        entities={
            ("Norbury City Council", "organisation"),
            ("Department for Transport", "organisation"),
            ("Norbury Town Hall", "place"),
            ("World Health Organization", "organisation"),
            ("Environment Scrutiny Committee", "organisation"),
        },
        terms={"clean air corridor"},
        figures={
            "4,200 households", "61 per cent", "18 per cent", "£9", "£12.5 million grant", "£3 million",
            "around 140 early deaths", "five years", "two years", "six months",
        },
        dates={
            ("2025-03-01", "2025-03-01"), ("2025-01", "2025-01"), ("2019", "2019"), ("2026", "2028"), ("2030", "2030"),
        },
    ),
    # Held out: written, with this list, after the rules were frozen; see the report for its first score.
    "harbour": Expected(
        acronyms={"CPA": "Calder Port Authority", "EIB": "European Investment Bank", "CTC": "Calder Technical College"},
        people=[
            ("Sofia Lindqvist", "Harbour master", ""),
            ("Jonas Berg", "chief executive", "Berg Marine Services"),
            ("Ellen Voss", "Mayor", ""),
        ],
        entities={
            ("Calder Port Authority", "organisation"),
            ("European Investment Bank", "organisation"),
            ("North Calder Wind Farm", "place"),
            ("Berg Marine Services", "organisation"),
            ("Calder Maritime Museum", "place"),
            ("Calder Technical College", "organisation"),
            ("NordNet", "organisation"),
        },
        terms={"blue skills"},
        figures={
            "€310 million", "€120 million", "115 metres", "600 metres", "1.2 GW", "9 percent", "85 technicians",
            "eighteen months",
        },
        dates={("2023-05-12", "2023-05-12"), ("2027", "2027"), ("2023-06", "2023-08")},
    ),
    # Held out too, written after the fixes the harbour text prompted.
    "sensors": Expected(
        acronyms={"BMI": "Baltic Marine Institute", "NRC": "Nordic Research Council", "MHO": "Marine Heatwave Observatory"},
        people=[("Ana Ruiz", "head", "Coastal Observation Unit"), ("Tomas Lind", "Fisheries Minister", "")],
        entities={
            ("Baltic Marine Institute", "organisation"),
            ("Nordic Research Council", "organisation"),
            ("Coastal Observation Unit", "organisation"),
            ("Marine Heatwave Observatory", "organisation"),
            ("Baltic Sea Conference", "event"),
            ("Gdansk", "place"),
            ("Riga", "place"),
        },
        terms=set(),
        figures={"140 buoys", "280", "18 million kroner", "2.3 degrees", "60 sensors", "half"},  # "half of the 280"
        # "in spring 2025": a season is dated to its months, as the corpus labels date them
        dates={("2026", "2026"), ("2022-10-04", "2022-10-04"), ("2024", "2026"), ("2025-03", "2025-05")},
    ),
}


def book_root(name: str) -> Path:
    return REPO if name == "example" else BOOKS_DIR / name


def raw_knowledge(root: Path) -> Knowledge:
    """What the rules find in a book, with book.yml's cue words but none of its corrections."""
    config = load_book_config(root)
    config = dataclasses.replace(config, acronyms=(), people=(), organisations=(), suppress=(), glossary=())
    return extract(identify(read_sources(config)), config)


_QUALIFIER = re.compile(r"^(?:over|more than|about|nearly|almost|around|up to|at least|less than|some|roughly)\s+")


def _figure(text: str) -> str:
    """A figure without its qualifier: "up to 115 metres" and "115 metres" name the same figure."""
    return _QUALIFIER.sub("", text.casefold())


def _fold(text: str) -> str:
    """Compare expansions ignoring case, articles and dash style: "Department of (the) Interior"."""
    text = re.sub(r"[–—-]", "-", text.casefold())
    return " ".join(w for w in text.split() if w not in ("the", "a", "an"))


@dataclass(frozen=True)
class Score:
    kind: str
    found: int
    expected: int
    correct: int
    wrong: tuple[str, ...] = ()  # found but not expected (or, for people, the wrong role)
    missed: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def _sets(kind: str, found: set[str], expected: set[str]) -> Score:
    return Score(kind, len(found), len(expected), len(found & expected), tuple(sorted(found - expected)),
                 tuple(sorted(expected - found)))


def score(name: str, knowledge: Knowledge | None = None) -> list[Score]:
    k = knowledge or raw_knowledge(book_root(name))
    e = EXPECTED[name]
    acronyms = _sets(
        "acronyms",
        {f"{a.short}={_fold(a.expansion)}" for a in k.acronyms},
        {f"{s}={_fold(x)}" for s, x in e.acronyms.items()},
    )
    with_role = [p for p in k.people if p.role]
    right, wrong_role = [], []
    for name_, role, org in e.people:
        match = next((p for p in with_role if same_person(p.name, name_)), None)
        if match is None:
            continue
        if role.casefold() in match.role.casefold() and org.casefold() in match.organisation.casefold():
            right.append(name_)
        else:
            wrong_role.append(f"{match.name}: {match.role} / {match.organisation}")
    missed = tuple(n for n, _, _ in e.people if not any(same_person(p.name, n) for p in with_role))
    extra = tuple(p.name for p in with_role if not any(same_person(p.name, n) for n, _, _ in e.people))
    people = Score("people with role", len(with_role), len(e.people), len(right), tuple(wrong_role) + extra, missed)
    entities = _sets("organisations, events, places", {f"{x.name} ({x.kind})" for x in k.entities},
                     {f"{n} ({kind})" for n, kind in e.entities})
    terms = _sets("key terms", {t.term.casefold() for t in k.terms}, {t.casefold() for t in e.terms})
    figures = _sets("figures", {_figure(f.text) for f in k.figures}, {_figure(f) for f in e.figures})
    dates = _sets("dates", {f"{t.start}/{t.end}" for t in k.timeline}, {f"{s}/{x}" for s, x in e.dates})
    return [acronyms, people, entities, terms, figures, dates]
