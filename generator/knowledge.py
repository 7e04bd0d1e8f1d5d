"""Typed objects of the knowledge layer: what the book's texts say, item by item.

Each item records the anchors of the paragraphs it came from (``anchors``,
in book order; the first is where it was found or defined), so every fact
on the Glossary, People and Timeline pages can cite the sentence behind it.
Items added in book.yml have ``origin == "book.yml"``; they still list the
paragraphs that mention them.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Acronym:
    """A short form and what it stands for: ``NHB`` → ``Northwind Harbour Board``."""

    short: str
    expansion: str
    anchors: tuple[str, ...]
    origin: str = "text"  # "text" or "book.yml"


@dataclass(frozen=True)
class Term:
    """A key term the texts put in quotes, with its definition if book.yml gives one."""

    term: str
    definition: str
    anchors: tuple[str, ...]
    context: str = ""  # the sentence it was first quoted in
    origin: str = "text"


@dataclass(frozen=True)
class Figure:
    """A number with what it counts: ``12 priority actions``, ``$45 per megawatt-hour``, ``70%``."""

    value: float  # the number itself, spelled-out numbers and "million" folded in
    text: str  # the figure as written, with its unit and what it counts
    counts: str  # what it counts ("key tasks"), or "" when the text does not say
    lead: str  # the words of its clause just before ``text``: "formulated safeguard measures in"
    sentence: str
    anchor: str
    rank: int  # 0 = money, percent or unit; 1 = a written number; 2 = a spelled-out one
    tail: str = ""  # when nothing leads up to it (a list item), the words after: "of new storage capacity"
    clause: str = ""  # its whole clause, in whole words: "solar capacity will reach 50 GW by 2030"
    when: str = ""  # the date or period its clause names, ISO ("2030", "2024-07/2024-09"), or ""
    anchors: tuple[str, ...] = ()  # every paragraph that states it, in book order; the first is ``anchor``


@dataclass(frozen=True)
class TimelineEntry:
    """A dated event: ``start``/``end`` are ISO 8601 at the precision the text gives.

    ``"2019-05-04"`` (day), ``"2019-05"`` (month) or ``"2040"`` (year); ``end``
    equals ``start`` for a single date. Entries sort chronologically by
    ``(start, end)``, since ISO strings of any precision sort as text.
    """

    start: str
    end: str
    phrase: str  # the date as written, with its qualifier: "by the end of 2022"
    label: str  # the sentence the date is in
    anchor: str
    kind: str = ""  # "" an event in the text; "published" a source's own release date

    @property
    def first_day(self) -> datetime.date:
        """The first day ``start`` covers: ``"2040"`` → 2040-01-01, for drawing on a time axis."""
        parts = [int(x) for x in self.start.split("-")] + [1, 1]
        return datetime.date(parts[0], parts[1], parts[2])

    @property
    def last_day(self) -> datetime.date:
        """The last day ``end`` covers: ``"2040"`` → 2040-12-31, ``"2019-05"`` → 2019-05-31."""
        parts = [int(x) for x in self.end.split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else 12
        day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
        return datetime.date(year, month, day)


@dataclass(frozen=True)
class Period:
    """A named period without dates in the text: ``the 9th National Plan period``."""

    name: str
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    """Someone named with a role: ``Olga Petrov`` — ``Deputy Director``, ``Coastal Survey Office``."""

    name: str
    role: str
    organisation: str
    aliases: tuple[str, ...]  # short forms that refer to the same person in later mentions
    anchors: tuple[str, ...]
    origin: str = "text"


@dataclass(frozen=True)
class Entity:
    """A named organisation, event or place found by its cue word (Ministry, Forum, Center …)."""

    name: str
    kind: str  # "organisation", "event" or "place"
    anchors: tuple[str, ...]
    origin: str = "text"


@dataclass(frozen=True)
class Candidate:
    """Something the rules found but are not sure of: kept off the reader's pages, listed by ``briefbook check``.

    ``kind`` is ``acronym``, ``person``, ``organisation``, ``event``,
    ``place`` or ``term``; ``detail`` is the expansion, the role (and organisation) or
    nothing; ``reason`` says what the rules could not decide.
    """

    kind: str
    name: str
    detail: str
    reason: str
    anchor: str


@dataclass(frozen=True)
class Knowledge:
    """Everything extracted from the book's paragraphs, each kind sorted."""

    acronyms: tuple[Acronym, ...] = ()
    terms: tuple[Term, ...] = ()
    figures: tuple[Figure, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    periods: tuple[Period, ...] = ()
    people: tuple[Person, ...] = ()
    entities: tuple[Entity, ...] = ()
    unsure: tuple[Candidate, ...] = ()  # for the author to accept or suppress in book.yml; never on a page
