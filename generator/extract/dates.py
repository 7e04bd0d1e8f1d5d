"""Dates and periods: ``May 4-9, 2019`` → 2019-05-04 … 2019-05-09, ``by the end of 2027``, ``2040``.

The forms a news text uses are few and regular, so a handful of patterns
read them exactly; a general date parser (python-dateutil's fuzzy mode)
would also read "May" or "March" as dates and guess missing parts, which a
timeline must not do. ``datetime.date`` checks that each date exists. A
bare year is only a date when it stands alone (not "2021 China …" in a
sentence that already gives a fuller date) and is dated at year precision.
Named periods ("the 9th National Plan period") have no dates in the text
and are listed apart.
"""

from __future__ import annotations

import datetime
import re

from ..knowledge import Period, TimelineEntry
from ..model import Paragraph
from .text import clean, sentences

MONTHS = {
    name: i
    for i, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<{0}>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<{0}>(?:1[89]|20|21)\d\d)"
_DASH = r"\s*(?:-|–|—|to|until|through)\s*"
_QUALIFIER = (
    r"(?P<qual>\b(?:by the end of|by the middle of|by the start of|at the end of|by|before|after|since|until|from|in|"
    r"during|between|through|as of|starting in|ending in)\s+)?"
)
_FORMS = [
    # May 4-9, 2019 / Sept. 2 – 7 2019
    ("day_range", _MONTH.format("m1") + r"\s+(?P<d1>\d{1,2})" + _DASH + r"(?P<d2>\d{1,2}),?\s+" + _YEAR.format("y1")),
    # 2-7 September 2021
    ("day_range", r"(?P<d1>\d{1,2})" + _DASH + r"(?P<d2>\d{1,2})\s+" + _MONTH.format("m1") + r",?\s+" + _YEAR.format("y1")),
    # April 1 to June 30, 2024 / between April 1 and June 30, 2024
    ("cross_range", _MONTH.format("m1") + r"\s+(?P<d1>\d{1,2})(?:" + _DASH + r"|\s+and\s+)" + _MONTH.format("m2")
     + r"\s+(?P<d2>\d{1,2}),?\s+" + _YEAR.format("y1")),
    # September 2, 2021 / 2 September 2021
    ("day", _MONTH.format("m1") + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR.format("y1")),
    ("day", r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.format("m1") + r",?\s+" + _YEAR.format("y1")),
    # June to August 2023 / between June and August 2023
    ("month_range", _MONTH.format("m1") + r"(?:" + _DASH + r"|\s+and\s+)" + _MONTH.format("m2") + r",?\s+" + _YEAR.format("y1")),
    # September 2021
    ("month", _MONTH.format("m1") + r",?\s+" + _YEAR.format("y1")),
    # 2021-2025 / from 2021 to 2025 / between 2021 and 2025
    ("year_range", _YEAR.format("y1") + r"(?:" + _DASH + r"|\s+and\s+)" + _YEAR.format("y2")),
    ("year", _YEAR.format("y1")),
]
DATE_FORMS = [(kind, re.compile(_QUALIFIER + r"\b" + pattern + r"(?![\w-])")) for kind, pattern in _FORMS]
_DIGIT = re.compile(r"\d")
_PERIOD = re.compile(
    r"\b(?:the\s+)?[\"“”]?(?P<name>(?:\d+(?:st|nd|rd|th)\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})[\"“”]?\s+period\b"
)


def _iso(year: str, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None and month is not None:
            return datetime.date(int(year), month, day).isoformat()
    except ValueError:
        return None
    return f"{year}-{month:02d}" if month is not None else year


def _dates(m: re.Match[str], kind: str) -> tuple[str, str] | None:
    g = m.groupdict()
    month = MONTHS[g["m1"].lower()] if g.get("m1") else None
    if kind == "cross_range":
        start, end = _iso(g["y1"], month, int(g["d1"])), _iso(g["y1"], MONTHS[g["m2"].lower()], int(g["d2"]))
    elif kind == "day_range":
        start, end = _iso(g["y1"], month, int(g["d1"])), _iso(g["y1"], month, int(g["d2"]))
    elif kind == "day":
        start = end = _iso(g["y1"], month, int(g["d1"]))
    elif kind == "month_range":
        start, end = _iso(g["y1"], month), _iso(g["y1"], MONTHS[g["m2"].lower()])
    elif kind == "month":
        start = end = _iso(g["y1"], month)
    elif kind == "year_range":
        start, end = g["y1"], g["y2"]
    else:
        start = end = g["y1"]
    if start is None or end is None or end < start:
        return None
    return start, end


def dates_in(paragraph: Paragraph) -> list[TimelineEntry]:
    """Dated mentions, the most precise reading of each stretch of text winning."""
    out: list[TimelineEntry] = []
    for s in sentences(paragraph.text):
        if not _DIGIT.search(s.text):
            continue  # every form has a year
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, TimelineEntry]] = []
        for kind, pattern in DATE_FORMS:
            for m in pattern.finditer(s.text):
                start = m.start() if m.group("qual") else m.start(0) + len(m.group("qual") or "")
                if any(a < m.end() and start < b for a, b in taken):
                    continue
                if kind == "year" and _not_a_date(s.text, m):
                    continue
                dates = _dates(m, kind)
                taken.append((start, m.end()))  # an impossible date is not read again as a bare year
                if dates is None:
                    continue
                qual = (m.group("qual") or "").strip()
                keep_qual = qual.lower() not in ("in", "during", "from")
                phrase = clean(m.group(0) if keep_qual else s.text[m.start(0) + len(m.group("qual") or "") : m.end()])
                found.append((start, TimelineEntry(dates[0], dates[1], phrase, s.text.strip(), paragraph.anchor)))
        years = {e.start[:4] for _, e in found if len(e.start) > 4}
        for _, entry in sorted(found, key=lambda f: f[0]):
            if len(entry.start) == 4 and entry.start == entry.end and entry.start in years:
                continue  # "2019 Harbour Fair …" when the sentence already says "May 4-9, 2019"
            out.append(entry)
    return out


def _not_a_date(sentence: str, m: re.Match[str]) -> bool:
    """Numbers that look like years but are amounts: "2021 tonnes", "$2030", "No. 2025"."""
    after = sentence[m.end() : m.end() + 20]
    before = sentence[max(0, m.start("y1") - 10) : m.start("y1")]
    amount = re.match(r"\s*(?:%|percent|tonnes|tons|km|people|[A-Z]{2,}\b)", after)
    return bool(amount or re.search(r"[$€£¥#]\s*$|No\.\s*$", before))


def find_timeline(paragraphs: tuple[Paragraph, ...]) -> tuple[TimelineEntry, ...]:
    """Every dated mention, chronological; ties keep book order."""
    order = {p.anchor: i for i, p in enumerate(paragraphs)}
    entries = [e for p in paragraphs for e in dates_in(p)]
    return tuple(sorted(entries, key=lambda e: (e.start, e.end, order[e.anchor])))


def find_periods(paragraphs: tuple[Paragraph, ...]) -> tuple[Period, ...]:
    """Named periods, each once, with every paragraph that names it."""
    anchors: dict[str, list[str]] = {}
    for p in paragraphs:
        for m in _PERIOD.finditer(p.text):
            name = m.group("name")
            if name.split()[0].lower() in ("the", "this", "that", "a", "an"):
                continue
            key = next((k for k in anchors if k.lower() == name.lower()), name)
            if p.anchor not in anchors.setdefault(key, []):
                anchors[key].append(p.anchor)
    return tuple(Period(name, tuple(a)) for name, a in sorted(anchors.items(), key=lambda kv: kv[0].lower()))
