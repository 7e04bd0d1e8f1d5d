"""View objects for the knowledge pages: Glossary, People & organisations, Timeline, Key facts.

Like :mod:`generator.render`, this only computes: sorted entries, ready-made
relative links, "appears in" groups per theme. Every string that came from a
source text reaches the templates as a plain ``str`` (escaped by the Jinja
environment) or as an :class:`Md` built here from escaped pieces.
Abbreviation definitions (``*[NHB]: …``) are the one place source text
goes into Markdown outside the templates; :func:`abbreviations` makes each
line unable to carry anything but the abbreviation and its plain title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .base.escape import Md, escape, relative
from .base.matcher import whole_phrase
from .knowledge import Figure, TimelineEntry
from .link import Registry
from .mentions import ENTITY_GROUPS, GLOSSARY_PATH, PEOPLE_PATH, entries
from .model import Book, Source

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]
#: Rows of the home page's Key numbers table.
KEY_NUMBERS = 8
KEY_FACTS = 10


@dataclass(frozen=True)
class CiteView:
    number: int
    url: Md


@dataclass(frozen=True)
class AppearsView:
    """The paragraphs of one theme (or of no theme) that mention an item."""

    title: str
    url: Md  # the theme page at the first such paragraph; "" for paragraphs in no theme
    cites: tuple[CiteView, ...]  # ¶ links to the paragraphs in their sources


@dataclass(frozen=True)
class EntryView:
    ident: str
    name: str
    detail: str  # expansion, definition or role
    note: str  # organisation, kind or the sentence a term was quoted in
    appears: tuple[AppearsView, ...]
    detail_url: Md = Md("")  # where ``detail`` has its own entry: an organisation's short form in the glossary


@dataclass(frozen=True)
class FactView:
    text: Md  # the clause with the figure or date in bold
    cite: CiteView
    theme_title: str = ""
    also: tuple[CiteView, ...] = ()  # further paragraphs that state the same figure


@dataclass(frozen=True)
class NumberView:
    """One row of the home page's Key numbers: the figures, their whole clause, by when, and the ¶."""

    figures: Md  # the clause's figures as written: "$45 per megawatt-hour", "15 GW"
    clause: Md  # the whole clause, its figures in bold: what they measure
    when: str  # the date or period the clause names, for reading; "" when none
    cite: CiteView
    theme_title: str = ""
    also: tuple[CiteView, ...] = ()


@dataclass(frozen=True)
class EventView:
    when: str
    iso: str
    phrase: str
    label: str
    cite: CiteView
    theme_title: str
    kind: str = ""  # "published": a source's release date, not an event in its text


def distinct_events(entries: Iterable[TimelineEntry]) -> tuple[TimelineEntry, ...]:
    """One entry per paragraph and date: a ¶ that gives the same year in two sentences is one event, not two rows."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for entry in entries:
        key = (entry.anchor, entry.start, entry.end)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return tuple(out)


def human_date(start: str, end: str) -> str:
    """ISO dates at any precision, for reading: ``2019-05-04``…``2019-05-09`` → ``4–9 May 2019``."""

    def one(iso: str) -> str:
        parts = iso.split("-")
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
        return iso

    if start == end:
        return one(start)
    s, e = start.split("-"), end.split("-")
    if len(s) == len(e) == 3 and s[:2] == e[:2]:
        return f"{int(s[2])}–{one(end)}"
    return f"{one(start)} – {one(end)}"


def published(source: Source) -> str:
    """Who published a source and when, for reading: ``Valley Water Board, 18 March 2024``."""
    when = human_date(source.date, source.date) if source.date else ""
    return ", ".join(part for part in (source.publisher, when) if part)


def _bold(clause: str, figures: list[str]) -> str:
    """The clause, escaped, with each figure in bold where it first stands after the one before; a capital to start."""
    out, at = [], 0
    for text in figures:
        found = clause.find(text, at)
        if found < 0:
            continue
        out += [escape(clause[at:found]), " " if clause[at:found][-1:].isspace() and found > at else "", f"**{escape(text)}**"]
        at = found + len(text)
        if clause[at : at + 1].isspace():
            out.append(" ")
    out.append(escape(clause[at:]))
    text = "".join(out)
    return text[0].upper() + text[1:] if text[:1].islower() else text


def _shorten(text: str, words: int = 30) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


_WORD = re.compile(r"\w+")


def _occurs(phrase: str, text: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as a whole phrase (:func:`~generator.base.matcher.whole_phrase`).

    ``str.find`` skips to each place the letters occur (fast, and linear), and only
    those places are checked; a regex search would try the phrase's boundary at every character.
    """
    pattern = whole_phrase(phrase, True)
    at = text.find(phrase)
    while at >= 0:
        if pattern.match(text, at):
            return True
        at = text.find(phrase, at + 1)
    return False


class Abbreviations:
    """Abbreviation definitions for the acronyms (and defined terms) a page mentions.

    The abbreviation is an acronym-like word or a term of plain words (no
    brackets, backslashes or line breaks: anything else is left out); the
    title is folded to one line, so a definition cannot end early or start
    another block, and Python-Markdown writes it only as an attribute; angle
    brackets are replaced too, in case a tooltip script reads it as HTML.
    The list is prepared once per book. On each page only whether an
    abbreviation occurs matters, not where: the page's distinct words are
    listed once, and only the abbreviations starting with one of them are
    looked for (a string search, each place it finds checked as a whole phrase
    as the matcher checks it), whatever the glossary's size.
    """

    def __init__(self, book: Book) -> None:
        items = [(a.short, a.expansion) for a in book.knowledge.acronyms]
        items += [(t.term, t.definition) for t in book.knowledge.terms if t.definition]
        self.items: list[tuple[str, str]] = []
        for short, title in sorted(items):
            if not re.fullmatch(r"[\w][\w .'’-]*", short) or not title.strip():
                continue
            title = " ".join("".join(c if c.isprintable() else " " for c in title).split())
            title = title.replace("<", "‹").replace(">", "›")  # a tooltip script might read the title as HTML
            # Python-Markdown writes the title into an attribute leaving anything shaped like an
            # entity as it is, so "&lt;img" would reach the reader as "<img": escape every '&'.
            title = title.replace("&", "&amp;")
            if title not in ("''", '""'):
                self.items.append((short, title))
        self.where: dict[str, list[int]] = {}
        self.starting: dict[str, list[str]] = {}  # first word → the abbreviations that start with it
        for i, (short, _) in enumerate(self.items):
            if short not in self.where:
                first = _WORD.match(short)
                assert first is not None  # checked above: it starts with a word character
                self.starting.setdefault(first.group(), []).append(short)
            self.where.setdefault(short, []).append(i)

    def __call__(self, markdown: str) -> str:
        words = set(_WORD.findall(markdown)) & self.starting.keys() if self.items else set()
        shorts = [short for word in words for short in self.starting[word] if _occurs(short, markdown)]
        listed = sorted(i for short in shorts for i in self.where[short])
        lines = [f"*[{self.items[i][0]}]: {self.items[i][1]}" for i in listed]
        # One definition per block: Python-Markdown's abbr processor takes one definition
        # from a block and parses the rest again, so 5,000 lines in one block cost
        # 5,000 passes over it (the glossary page of a big book: 100 s instead of 14).
        return "\n" + "".join(f"\n{line}\n" for line in lines) if lines else ""


def abbreviations(markdown: str, book: Book) -> str:
    """:class:`Abbreviations` for one page (a renderer keeps one instance for all its pages)."""
    return Abbreviations(book)(markdown)


class KnowledgeViews:
    """Builds the knowledge pages' views for one book."""

    def __init__(self, book: Book, registry: Registry) -> None:
        self.book = book
        self.registry = registry
        self.paragraphs = {p.anchor: p for p in book.paragraphs}
        self.theme_of = {a.paragraph.anchor: a.theme for a in book.assignments}
        self.titles = {t.slug: t.title for t in book.config.themes}
        self.entries = entries(book.knowledge)
        self.targets = {e.key: e.target for e in self.entries}  # "glossary/2.md#g-nhb"
        self.ids = {key: target.partition("#")[2] for key, target in self.targets.items()}

    def cite(self, anchor: str, page: str) -> CiteView:
        return CiteView(self.paragraphs[anchor].number, relative(page, self.registry.paragraph(anchor)))

    def appears(self, anchors: tuple[str, ...], page: str) -> tuple[AppearsView, ...]:
        groups: dict[str | None, list[str]] = {}
        for anchor in anchors:
            groups.setdefault(self.theme_of.get(anchor), []).append(anchor)
        out = []
        for slug in [*self.titles, None]:
            if slug not in groups:
                continue
            mine = groups[slug]
            url = relative(page, self.registry.placed_paragraph(mine[0], slug)) if slug else Md("")
            out.append(AppearsView(self.titles[slug] if slug else "No theme", url, tuple(self.cite(a, page) for a in mine)))
        return tuple(out)

    def _on(self, key: str, page: str) -> bool:
        return self.targets[key].partition("#")[0] == page

    def glossary(self, page: str = GLOSSARY_PATH) -> dict[str, object]:
        """The entries of one part of the Glossary (all of it when it is one page)."""
        k = self.book.knowledge
        acronyms = tuple(
            EntryView(self.ids[key], a.short, a.expansion, "", self.appears(a.anchors, page))
            for a in k.acronyms
            if self._on(key := f"acronym:{a.short}", page)
        )
        terms = tuple(
            EntryView(self.ids[key], t.term, t.definition, _shorten(t.context), self.appears(t.anchors, page))
            for t in k.terms
            if self._on(key := f"term:{t.term}", page)
        )
        return {"acronyms": acronyms, "terms": terms}

    def people(self, page: str = PEOPLE_PATH) -> dict[str, object]:
        """The entries of one part of People & organisations (all of it when it is one page)."""
        k = self.book.knowledge
        people = tuple(
            EntryView(self.ids[key], p.name, p.role, p.organisation, self.appears(p.anchors, page))
            for p in k.people
            if self._on(key := f"person:{p.name}", page)
        )
        groups = []
        short = {a.expansion.casefold(): a.short for a in k.acronyms}  # "Department of Energy" is also "DOE"
        for kind, title in ENTITY_GROUPS:
            items = []
            for e in (e for e in k.entities if e.kind == kind and self._on(f"entity:{e.name}", page)):
                acronym = short.get(e.name.casefold(), "")
                url = relative(page, self.targets[f"acronym:{acronym}"]) if acronym else Md("")
                items.append(EntryView(self.ids[f"entity:{e.name}"], e.name, acronym, "", self.appears(e.anchors, page), url))
            if items:
                groups.append((title, tuple(items)))
        return {"people": people, "groups": tuple(groups)}

    def event(self, entry: TimelineEntry, page: str) -> EventView:
        theme = self.theme_of.get(entry.anchor)
        return EventView(
            human_date(entry.start, entry.end),
            entry.start if entry.start == entry.end else f"{entry.start}/{entry.end}",
            entry.phrase,
            entry.label,
            self.cite(entry.anchor, page),
            "" if entry.kind else self.titles.get(theme, "") if theme else "",
            entry.kind,
        )

    def timeline(self, page: str) -> dict[str, object]:
        k = self.book.knowledge
        events = tuple(self.event(e, page) for e in distinct_events(k.timeline))
        periods = tuple(
            EntryView("", p.name, "", "", self.appears(p.anchors, page)) for p in k.periods
        )
        return {"events": events, "periods": periods}

    def _fact(self, figures: list[Figure], page: str) -> FactView:
        """One clause with each of its figures in bold: "**77%** of men and **63%** of women …" is one fact, not two."""
        figure = figures[0]
        if figure.clause and all(f.clause == figure.clause for f in figures) and figure.text in figure.clause:
            text = Md(_bold(figure.clause, [f.text for f in figures]))
        else:
            lead = escape(figure.lead) + " " if figure.lead else ""
            tail = " " + escape(figure.tail) if figure.tail else ""
            text = Md(f"{lead}**{escape(figure.text)}**{tail}")
        theme = self.theme_of.get(figure.anchor)
        title = self.titles.get(theme, "") if theme else ""
        also = tuple(self.cite(a, page) for a in figure.anchors if a != figure.anchor)
        return FactView(text, self.cite(figure.anchor, page), title, also)

    def _facts(self, figures: list[Figure], page: str, most: int) -> list[FactView]:
        """At most ``most`` facts, one per clause, in the order of each clause's first figure."""
        clauses: dict[tuple[str, str], list[Figure]] = {}
        for f in figures:
            key = (f.anchor, f.clause) if f.clause else (f.anchor, f"{id(f)}")
            if key in clauses or len(clauses) < most:
                clauses.setdefault(key, []).append(f)
        return [self._fact(group, page) for group in clauses.values()]

    def key_facts(self, slug: str, page: str) -> tuple[FactView, ...]:
        """The theme's figures, then its dates, in book order; each cites its ¶."""
        figures = [f for f in self.book.knowledge.figures if self.theme_of.get(f.anchor) == slug]
        facts = self._facts(figures, page, KEY_FACTS)
        order = {p.anchor: i for i, p in enumerate(self.book.paragraphs)}
        mine = (e for e in self.book.knowledge.timeline if self.theme_of.get(e.anchor) == slug and not e.kind)
        dated = sorted(mine, key=lambda e: order[e.anchor])
        for e in dated[: max(0, KEY_FACTS - len(facts))]:
            text = Md(f"**{escape(human_date(e.start, e.end))}**: {escape(_shorten(e.label, 25))}")
            facts.append(FactView(text, self.cite(e.anchor, page)))
        return tuple(facts)

    def key_numbers(self, page: str) -> tuple[NumberView, ...]:
        """The book's key numbers, one row per clause, ranked then in book order.

        Money, shares and quantities with a unit come first, then figures whose clause
        names a date, then counts; a clause whose figures a row above already shows is left out.
        """
        order = {p.anchor: i for i, p in enumerate(self.book.paragraphs)}
        clauses: dict[str, list[Figure]] = {}
        for f in self.book.knowledge.figures:
            key = " ".join(f.clause.casefold().split()) if f.clause else f"{f.anchor} {f.text} {f.lead}"
            clauses.setdefault(key, []).append(f)

        def tier(group: list[Figure]) -> tuple[int, int]:
            best = min(f.rank for f in group)
            first = group[0]
            return (0 if best == 0 else 1 if any(f.when for f in group) else 2 + best, order[first.anchor])

        rows: list[NumberView] = []
        shown: set[str] = set()
        for group in sorted(clauses.values(), key=tier):
            texts = [f.text for f in group]
            if all(t.casefold() in shown for t in texts):
                continue  # the same figures again, in other words
            shown.update(t.casefold() for t in texts)
            fact = self._fact(group, page)
            when = next((f.when for f in group if f.when), "")
            start, _, end = when.partition("/")
            rows.append(
                NumberView(
                    Md(", ".join(escape(t) for t in dict.fromkeys(texts))),
                    fact.text,
                    human_date(start, end or start) if when else "",
                    fact.cite,
                    fact.theme_title,
                    fact.also,
                )
            )
            if len(rows) == KEY_NUMBERS:
                break
        return tuple(rows)
