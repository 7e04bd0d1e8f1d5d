"""Dates and periods: rules find the date phrases, python-dateutil reads them.

Rules find candidate phrases of the few shapes news texts use ("May 4-9,
2019", "24 and 25 June 2021", "September 2-7", "the end of 2022", "winter
2023-24", "Q3 2024", "mid-2025", "FY2024", "2021-2025"); each piece that
names a day or a month is then read by python-dateutil's *non-fuzzy*
``parser.parse``, twice with two different default dates, so a field that
changes with the default is one the text did not give. That keeps every
date at the precision the text gives (``"2019-05-04"``, ``"2019-05"``,
``"2040"``) and refuses days that do not exist (February 30). A fuzzy search
over the whole text would read "May" or "March" as dates and guess missing
parts, which a timeline must not do.

A day or month without a year ("on 24 and 25 June") takes its year from
the source's other dates only when at least two of them all fall in one
year, and a weekday ("Friday, March 29") must fit the year; otherwise it is
left off the timeline. "This year", "last month" and the like are dated only
against a source's known publication date, when that is precise enough;
"today" never is (a speech is published days after it is given). A bare year is only a date when it stands alone
(not "2021 China …" in a sentence that already gives a fuller date of that
year, not "2021 tonnes"). "The 2030 and 2035 goals" are two years, not a
range: only "between … and …" joins two years into one.

Every pattern is bounded (no unbounded repetition, whitespace runs of at
most three characters) and one left-to-right scan finds the phrases, so the
cost grows linearly with the paragraph.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import regex
from dateutil import parser as date_parser

from ..knowledge import Period, TimelineEntry
from ..model import Paragraph
from .text import Sentence, clean, sentences

_MONTH_NAMES = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"), ("july", "jul"),
    ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
)
MONTHS = {name: i for i, names in enumerate(_MONTH_NAMES, start=1) for name in names}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_CENTURIES = {"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
               "twenty-first": 21, "twenty-second": 22}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

_S = r"[ \u00a0]{1,3}"  # a space between words: whitespace is already folded, so a short run is enough
#: A full month name, or an abbreviation with an optional dot: "May." ends a sentence, it is no abbreviation.
_MONTH = (  # a dot only after an abbreviation: "May." or "June." ends a sentence
    r"(?:" + "|".join(sorted((names[0].capitalize() for names in _MONTH_NAMES), key=len, reverse=True))
    + r"|(?:" + "|".join(sorted((n.capitalize() for names in _MONTH_NAMES for n in names[1:]), key=len, reverse=True))
    + r")\.?)(?![\w])"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[89]|20|21)\d\d(?!\d)"
_DASH = r"[ \u00a0]{0,3}(?:-|–|—|to|until|through|and|&)[ \u00a0]{0,3}"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = r"(?:(?P<wd>" + "|".join(_WEEKDAYS) + r"),?" + _S + r")?"
_YEAR_AFTER = r"(?:,?" + _S + r"(?:of" + _S + r")?(?P<y>" + _YEAR + r"))?"
_QUALIFIER = (
    r"(?P<qual>(?i:(?:(?:by|at|until|before|after|from|since|through)" + _S + r")?the" + _S + r"(?:end|middle|start|beginning|close)"
    + _S + r"of" + _S + r"|(?:by|before|after|since|until|from|in|on|during|between|through|as" + _S + r"of|starting"
    + _S + r"in|ending" + _S + r"in)" + _S + r")?(?i:(?:mid|end|early|late|pre|post)[-–]|(?:early|late)" + _S + r")?)"
)
#: Each shape of date phrase, most specific first; ``regex`` allows the same group name in several alternatives.
_SHAPES = [
    # April 1 to June 30, 2024 / between May 2 and July 15, 2024
    r"(?P<m1>" + _MONTH + r")" + _S + r"(?P<d1>" + _DAY + r")" + _DASH + r"(?P<m2>" + _MONTH + r")" + _S + r"(?P<d2>" + _DAY
    + r")" + _YEAR_AFTER,
    # 1 April to 30 June 2024
    r"(?P<d1>" + _DAY + r")" + _S + r"(?P<m1>" + _MONTH + r")" + _DASH + r"(?P<d2>" + _DAY + r")" + _S + r"(?P<m2>" + _MONTH
    + r")" + _YEAR_AFTER,
    # May 4-9, 2019 / September 2-7 / June 24 and 25
    r"(?P<m1>" + _MONTH + r")" + _S + r"(?P<d1>" + _DAY + r")" + _DASH + r"(?P<d2>" + _DAY + r")" + _YEAR_AFTER,
    # 2-7 September 2021 / 24 and 25 June
    r"(?P<d1>" + _DAY + r")" + _DASH + r"(?P<d2>" + _DAY + r")" + _S + r"(?:of" + _S + r")?(?P<m1>" + _MONTH + r")" + _YEAR_AFTER,
    # Monday, September 2, 2021 / 2 September 2021 / 2nd of September
    _WEEKDAY + r"(?P<m1>" + _MONTH + r")" + _S + r"(?P<d1>" + _DAY + r")" + _YEAR_AFTER,
    _WEEKDAY + r"(?P<d1>" + _DAY + r")" + _S + r"(?:day" + _S + r")?(?:of" + _S + r")?(?P<m1>" + _MONTH + r")" + _YEAR_AFTER,
    # June to August 2023
    r"(?P<m1>" + _MONTH + r")" + r"[ \u00a0]{0,3}(?P<join>-|–|—|to|until|through|and)[ \u00a0]{0,3}" + r"(?P<m2>" + _MONTH
    + r"),?" + _S
    + r"(?P<y>" + _YEAR + r")",
    # September 2021 / March of 2020
    r"(?P<m1>" + _MONTH + r"),?" + _S + r"(?:of" + _S + r")?(?P<y>" + _YEAR + r")",
    # in November (no year: the source's other dates may give it); only after a word that makes it a time
    r"(?<=(?i:\b(?:in|by|since|until|during|before|after|early|late|mid|end[ \u00a0]of|next|last|this))[ \u00a0-])(?P<m1>"
    + _MONTH + r")(?![ \u00a0]{0,3}(?:\d|[A-Z]|each\b|every\b))",  # not "in March each year"
    # the twentieth century / the first half of the 19th century (not "21st-century skills": a date needs "the")
    r"(?i:the)" + _S + r"(?:(?P<half>first|second|latter)" + _S + r"half" + _S + r"of" + _S + r"the" + _S + r")?(?P<century>"
    + "|".join(_CENTURIES) + r"|(?:1\d|2[0-2])(?:st|nd|rd|th))" + _S + r"century",
    # the 1970s
    r"(?P<decade>(?:1[89]|20)\d0)s",
    # Q3 2024 / the third quarter of 2024 / the first half of 2025
    r"Q(?P<q>[1-4])" + _S + r"(?P<y>" + _YEAR + r")",
    r"(?:the" + _S + r")?(?P<qn>first|second|third|fourth|1st|2nd|3rd|4th)" + _S + r"(?P<part>quarter|half)" + _S + r"of" + _S
    + r"(?P<y>" + _YEAR + r")",
    # winter 2023-24 / summer of 2024
    r"(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)" + _S + r"(?:of" + _S + r")?(?P<y>" + _YEAR
    + r")(?:[-–/](?P<y2>\d\d(?:\d\d)?))?",
    # FY2024 / FY 2023-24 / fiscal year 2025 / FY24 / FY23-24 (two digits after "FY" are this century's)
    r"(?:FY|[Ff]iscal" + _S + r"[Yy]ear" + _S + r")[ \u00a0]?(?P<y>" + _YEAR + r")(?:[-–/](?P<y2>\d\d(?:\d\d)?))?",
    r"FY[ \u00a0]?(?P<fy>\d\d)(?:[-–/](?P<y2>\d\d))?(?!\d)",
    # 15/03/2024 or 3/15/2024: read only when one side is over 12 (or both are the same); "3/4/2024" is left out
    r"(?P<n1>[0-3]?\d)/(?P<n2>[0-3]?\d)/(?P<y>" + _YEAR + r")",
    # 2024-05-03
    r"(?P<y>" + _YEAR + r")-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)",
    # 2021-2025 / 2021–25 / 2027 to 2029 (not "2030 and 2035", unless after "between"); two digits only after a dash:
    # "in 2031 and 40 teams" is a year and a count
    r"(?P<y>" + _YEAR + r")" + r"(?:[ \u00a0]{0,3}(?P<join>-|–|—|to|until|through|and)[ \u00a0]{0,3}(?P<y2>" + _YEAR
    + r")|(?P<join>[-–/])(?P<y2>\d\d(?!\d)|" + _YEAR + r"))",  # 2023/24, the UK's financial year
    r"(?P<y>" + _YEAR + r")",
]
DATE_PHRASE = regex.compile(
    r"(?<![\w$€£¥#/.,-])" + _QUALIFIER + r"(?:" + "|".join(_SHAPES) + r")(?![\w%]|[-–]\w|[.,]\d)", regex.VERSION0
)
_PERIOD = regex.compile(
    r"\b(?:the\s)?[\"“”]?(?P<name>(?:\d{1,3}(?:st|nd|rd|th)\s)?[A-Z][\w-]{0,40}(?:\s[A-Z][\w-]{0,40}){0,4})[\"“”]?\speriod\b"
)
_AMOUNT_AFTER = regex.compile(
    r"[ \u00a0]{0,3}(?:%|percent|per\scent|tonnes|tons|km|kilometres|people|households|homes|jobs|units|GW|MW|kW|TW|GWh"
    r"|MWh|kWh|TWh|kg|MtCO2e|bcm|tcf)\b"
)
_NO_BEFORE = regex.compile(r"(?:No\.|[Nn]umber|[Aa]rticle|[Ss]ection|[Rr]oom|[Rr]oute)[ \u00a0]{1,3}$")
_SENTINELS = (datetime.datetime(1, 1, 1), datetime.datetime(2, 2, 2))


@dataclass(frozen=True)
class DatePhrase:
    """A date phrase found in a sentence, read at the precision it gives; ``start`` has no year when the text gives none."""

    start: int
    end: int
    text: str
    first: str  # ISO start, "????-MM-DD" when the year is to be taken from the source
    last: str
    bare_year: bool  # a year alone ("2021", "by 2030"), not a range, season or fiscal year
    weekday: str = ""  # "Friday" in "Friday, March 29": a check on the year


@functools.lru_cache(maxsize=4096)  # a text repeats its dates; parsing each once keeps long texts fast
def _read(words: str) -> str | None:
    """Read a date phrase with dateutil: ISO at the precision the text gives, "????" for a missing year.

    dateutil parses twice with two sentinel defaults; a field that follows the
    default was not in the text. An impossible date (February 30) is None.
    """
    try:
        a, b = (date_parser.parse(words, default=d, dayfirst=True, fuzzy=False) for d in _SENTINELS)
    except (ValueError, OverflowError):
        return None
    has_year, has_month, has_day = a.year == b.year, a.month == b.month, a.day == b.day
    y = f"{a.year:04d}" if has_year else "????"
    if has_day and has_month:
        return f"{y}-{a.month:02d}-{a.day:02d}"
    return f"{y}-{a.month:02d}" if has_month else (y if has_year else None)


def _parts(day: str | None, month: str | None, year: str | None) -> str | None:
    return _read(" ".join(part for part in (day, month, year) if part))


def _day(text: str | None) -> str | None:
    return regex.sub(r"(?:st|nd|rd|th)$", "", text) if text else None  # "22nd" → "22"


def _second_year(first: str, second: str) -> str | None:
    """"2023-24" → "2024", "2021-2025" → "2025"; None when it goes backwards."""
    full = first[:2] + second if len(second) == 2 else second
    return full if full > first else None


def _span(g: dict[str, str | None], qual: str) -> tuple[str, str] | list[tuple[str, str]] | None:
    """ISO start and end of a matched phrase (or several dates for "2 and 9 June"); None if it is no real date."""
    y = g.get("y")
    if g.get("m1") and g.get("d1"):
        d1, d2 = _day(g["d1"]), _day(g.get("d2"))
        m2 = g.get("m2") or g["m1"]
        start = _parts(d1, g["m1"], y)
        end = _parts(d2, m2, y) if d2 else start
        if start is None or end is None or end < start:
            return None
        if d1 and d2 and not g.get("m2") and int(d2) - int(d1) > 1 and g.get("and") and qual.strip().lower() != "between":
            return [(start, start), (end, end)]  # "2 and 9 June": two days, not a week
        return start, end
    if g.get("m1"):
        start = _parts(None, g["m1"], y)
        end = _parts(None, g["m2"], y) if g.get("m2") else start
        if not start or not end or end < start:
            return None
        if g.get("join") == "and" and qual.strip().lower() != "between":
            return [(start, start), (end, end)]  # "in May and October 2024": two months
        return start, end
    if g.get("century"):  # "the first half of the twentieth century" → 1900 to 1949
        words = (g["century"] or "").lower()
        first = (_CENTURIES[words] if words in _CENTURIES else int(words[:-2])) * 100 - 100
        half = (g.get("half") or "").lower()
        first, last = (first, first + 49) if half == "first" else (first + 50, first + 99) if half else (first, first + 99)
        return str(first), str(last)
    if g.get("decade"):  # "the 1970s"
        decade = g["decade"] or ""
        return decade, str(int(decade) + 9)
    if y is None:
        return None
    if g.get("n1"):  # day and month in an order the text does not say: only one reading may be possible
        a, b = int(g["n1"] or 0), int(g["n2"] or 0)
        readings = {iso for iso in (_iso(y, b, a), _iso(y, a, b)) if iso}
        return (readings.pop(),) * 2 if len(readings) == 1 else None
    if g.get("mm"):
        iso = _iso(y, int(g["mm"] or 0), int(g["dd"] or 0))
        return (iso, iso) if iso else None
    if g.get("q"):
        q = int(g["q"] or 0)
        return f"{y}-{3 * q - 2:02d}", f"{y}-{3 * q:02d}"
    if g.get("part"):
        n = _ORDINALS[(g.get("qn") or "").lower()]
        if g["part"] == "half":
            return (f"{y}-01", f"{y}-06") if n == 1 else (f"{y}-07", f"{y}-12") if n == 2 else None
        return f"{y}-{3 * n - 2:02d}", f"{y}-{3 * n:02d}"
    if g.get("y2"):
        second = _second_year(y, g["y2"] or "")
        join = g.get("join")
        if second is None or (join == "/" and int(second) != int(y) + 1):
            return None  # "2023/24" is a financial year: the slash joins a year to the next one only
        if join == "and" and qual.strip().lower() != "between" and int(second) - int(y) > 1:
            return [(y, y), (second, second)]  # "the 2030 and 2035 goals"; "2015 and 2016" is one span
        return y, second
    return y, y


def _season(season: str, year: str, second: str | None) -> tuple[str, str] | None:
    """Seasons as the months a northern-hemisphere publisher means: "spring 2014" → 2014-03 … 2014-05.

    "winter 2023-24" is December to February; "winter 2024" alone could mean
    either end of the year, so it is dated only to its year.
    """
    first, last = _SEASONS[season]
    if season != "winter":
        return (f"{year}-{first:02d}", f"{year}-{last:02d}") if not second else None
    if not second:
        return year, year
    following = _second_year(year, second)
    if following != str(int(year) + 1):
        return None
    return f"{year}-{first:02d}", f"{following}-{last:02d}"


def _iso(year: str, month: int, day: int) -> str | None:
    try:
        return datetime.date(int(year), month, day).isoformat()
    except ValueError:
        return None


#: What every date phrase holds: a digit, a month's name or abbreviation, or "century". A sentence without any has no
#: date, and the long pattern above need not scan it (most sentences of a long book).
_DATE_SIGN = regex.compile(
    r"\d|century|" + "|".join(sorted({n.capitalize() for names in _MONTH_NAMES for n in names}, key=len, reverse=True))
)
_AND_BETWEEN_DIGITS = regex.compile(r"\d[ \u00a0]{1,3}(?:and|&)[ \u00a0]{1,3}\d")
_NARROWER = regex.compile(r"(?i:end|middle|start|beginning|close|mid|early|late)")


@functools.lru_cache(maxsize=16384)
def date_phrases(text: str) -> tuple[DatePhrase, ...]:
    """Every date phrase in ``text``, left to right, non-overlapping, each read at its own precision.

    Remembered by text: the timeline, the source's years and the figures each read the same sentences' dates.
    """
    if not _DATE_SIGN.search(text):
        return ()
    out: list[DatePhrase] = []
    for m in DATE_PHRASE.finditer(text):
        g = m.groupdict()
        if g.get("fy"):
            g["y"] = "20" + (g["fy"] or "")
        qual = g.get("qual") or ""
        core_start = m.start() + len(qual)
        core = text[core_start : m.end()]
        g["and"] = "and" if _AND_BETWEEN_DIGITS.search(core) else None
        fiscal = core.startswith("FY") or core.lower().startswith("fiscal")
        bare = not fiscal and not any(g.get(k) for k in ("m1", "q", "part", "season", "mm", "y2", "decade", "century", "n1"))
        if bare and not qual and _not_a_year(text, m):
            continue
        if g.get("century") and _NARROWER.search(qual):
            continue  # "the beginning of the twentieth century": narrower than the century, and how much is unsaid
        spans = _span(g, qual)
        if spans is None:
            continue
        if g.get("season"):
            spans = _season((g["season"] or "").lower(), g["y"] or "", g.get("y2"))
            if spans is None:
                continue
        keep_qual = qual.strip().lower() not in ("", "in", "on", "during", "from")
        phrase = clean(m.group(0) if keep_qual else core)
        for first, last in spans if isinstance(spans, list) else [spans]:
            out.append(DatePhrase(core_start if not keep_qual else m.start(), m.end(), phrase, first, last, bare,
                                  g.get("wd") or ""))
    return tuple(out)


def _not_a_year(text: str, m: regex.Match[str]) -> bool:
    """Numbers that look like years but are amounts or labels: "2021 tonnes", "No. 2025", "Route 1950"."""
    return bool(_AMOUNT_AFTER.match(text, m.end(), m.end() + 20) or _NO_BEFORE.search(text, max(0, m.start() - 12), m.start()))


#: A month abbreviation's dot that the sentence splitter took for a full stop: "updated Feb. | 12, 2024".
_CUT_AFTER_MONTH = regex.compile(r"(?<![\w])(?:" + "|".join(n.capitalize() for names in _MONTH_NAMES for n in names[1:])
                                 + r")\.$")
#: Dates relative to when a source was published: "this year", "last month". Not "the last year" (the twelve
#: months before). Not "today", "yesterday" or "tomorrow": a speech is published days after it is given, and
#: "today" often means "nowadays", so the day is never exact.
_RELATIVE = regex.compile(r"(?<![\w-])(?<!(?i:the)[ \u00a0])(?P<which>(?i:this|last|next))[ \u00a0](?P<unit>year|month)(?![\w-])")
_SHIFT = {"this": 0, "last": -1, "next": 1}


@functools.lru_cache(maxsize=16384)
def date_sentences(text: str) -> tuple[Sentence, ...]:
    """The paragraph's sentences, with a sentence cut after "Feb." joined to the next one ("Feb. | 12, 2024")."""
    bounds: list[list[int]] = []  # [start, end] of each sentence; joined by moving the end, so the cost stays linear
    for s in sentences(text):
        if bounds and _CUT_AFTER_MONTH.search(text, max(bounds[-1][0], bounds[-1][1] - 6), bounds[-1][1]) \
                and s.text.lstrip()[:1].isdigit():
            bounds[-1][1] = s.start + len(s.text)
        else:
            bounds.append([s.start, s.start + len(s.text)])
    return tuple(Sentence(text[a:b], a) for a, b in bounds)


def relative_date(words: str, published: str) -> str | None:
    """ISO date of "this year", "last year", "next month" for a source published on ``published``.

    Only when the publication date is precise enough for an exact answer: a month for "this month", a year
    for "last year"; None otherwise.
    """
    m = _RELATIVE.fullmatch(words.strip())
    if m is None or not published:
        return None
    parts = [int(x) for x in published.split("-")]
    shift = _SHIFT[m.group("which").lower()]
    if m.group("unit") == "year":
        return f"{parts[0] + shift:04d}"
    if len(parts) < 2:
        return None
    months = parts[0] * 12 + parts[1] - 1 + shift
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def _yearless(p: DatePhrase, year: str | None, candidates: frozenset[str]) -> str | None:
    """The year of "24 June" or "Friday, March 29": the source's one year; with a weekday, the one year it fits."""
    if not p.weekday:
        return year
    fits = {y for y in candidates | ({year} if year else set()) if _weekday(y + p.first[4:]) == p.weekday}
    return next(iter(fits)) if len(fits) == 1 else None  # a weekday no candidate year has: left off


def _weekday(iso: str) -> str:
    try:
        return _WEEKDAYS[datetime.date.fromisoformat(iso).weekday()]
    except ValueError:
        return ""


def dates_in(paragraph: Paragraph, year: str | None = None, published: str = "",
             years: frozenset[str] = frozenset()) -> list[TimelineEntry]:
    """Dated mentions in one paragraph, each (date, paragraph) once.

    A date without a year takes ``year`` (the source's one year) or, when it names a weekday, the one year
    among ``years`` and the publication year's neighbours on which that day falls; otherwise it is left out.
    "This year", "next month" and the like are dated only against a known publication date ``published``.
    """
    out: list[TimelineEntry] = []
    seen: set[tuple[str, str]] = set()
    candidates = years | ({str(int(published[:4]) + d) for d in (-1, 0, 1)} if published else set())
    for sentence in (x.text for x in date_sentences(paragraph.text)):
        found = date_phrases(sentence)
        fuller = {p.first[:4] for p in found if len(p.first) > 4}
        dated: list[tuple[str, str, str]] = []
        for p in found:
            if p.bare_year and p.first in fuller:
                continue  # "2019 Harbour Fair …" when the sentence already says "May 4-9, 2019"
            first, last = p.first, p.last
            if first.startswith("????"):
                known = _yearless(p, year, candidates)
                if known is None:
                    continue
                first, last = known + first[4:], known + last[4:]
                if _iso_invalid(first) or _iso_invalid(last):
                    continue
            dated.append((first, last, p.text))
        for m in _RELATIVE.finditer(sentence) if published else ():
            if (iso := relative_date(m.group(0), published)) is not None:
                dated.append((iso, iso, m.group(0)))
        for first, last, words in dated:
            if (first, last) in seen:
                continue
            seen.add((first, last))
            out.append(TimelineEntry(first, last, words, sentence.strip(), paragraph.anchor))
    return out


def _iso_invalid(iso: str) -> bool:
    parts = [int(x) for x in iso.split("-")]
    return len(parts) == 3 and _iso(str(parts[0]), parts[1], parts[2]) is None  # 29 February in a common year


def source_years(paragraphs: tuple[Paragraph, ...]) -> dict[str, dict[str, int]]:
    """Per source, the years its dated days and months fall in, each with how many such dates it has."""
    years: dict[str, dict[str, int]] = {}
    for p in paragraphs:
        mine = years.setdefault(p.source, {})
        for sentence in (x.text for x in date_sentences(p.text)):
            for d in date_phrases(sentence):
                if len(d.first) > 4 and not d.first.startswith("????"):
                    mine[d.first[:4]] = mine.get(d.first[:4], 0) + 1
    return years


def find_timeline(paragraphs: tuple[Paragraph, ...], published: Mapping[str, str] | None = None) -> tuple[TimelineEntry, ...]:
    """Every dated mention, chronological; ties keep book order; one entry per date per paragraph.

    ``published`` maps a source to its publication date (ISO, at the precision known), for relative dates.
    """
    years_of = source_years(paragraphs)
    dates = published or {}
    entries: list[TimelineEntry] = []
    for p in paragraphs:
        one, years = _years(years_of.get(p.source, {}))
        entries.extend(dates_in(p, one, dates.get(p.source, ""), years))
    return chronological(entries, paragraphs)


def _years(years: dict[str, int]) -> tuple[str | None, frozenset[str]]:
    """The one year a source's yearless dates take, if it has one, and every year it dates."""
    # a source that dates several days or months, all in one year, gives that year to "24 June";
    # one date alone may be a look back ("launched in November 2022") from a later year
    one = next((y for y, n in years.items() if n >= 2), None) if len(years) == 1 else None
    return one, frozenset(years)


def chronological(entries: list[TimelineEntry], paragraphs: Sequence[Paragraph]) -> tuple[TimelineEntry, ...]:
    """The entries (in book order) sorted by date; ties keep book order."""
    order = {p.anchor: i for i, p in enumerate(paragraphs)}
    return tuple(sorted(entries, key=lambda e: (e.start, e.end, order[e.anchor])))


def source_timeline(paragraphs: Sequence[Paragraph], published: str = "") -> list[TimelineEntry]:
    """Every dated mention of one source's paragraphs, in paragraph order; ``published`` is the source's date."""
    one, years = _years(source_years(tuple(paragraphs)).get(paragraphs[0].source, {}) if paragraphs else {})
    entries: list[TimelineEntry] = []
    for p in paragraphs:
        entries.extend(dates_in(p, one, published, years))
    return entries


def find_periods(paragraphs: tuple[Paragraph, ...]) -> tuple[Period, ...]:
    """Named periods, each once, with every paragraph that names it."""
    return periods_of((p.anchor, name) for p in paragraphs for name in periods_in(p))


def periods_in(paragraph: Paragraph) -> list[str]:
    """The named periods of one paragraph, as written, in text order."""
    names = (m.group("name") for m in _PERIOD.finditer(paragraph.text))
    return [name for name in names if name.split()[0].lower() not in ("the", "this", "that", "a", "an")]


def periods_of(named: Iterable[tuple[str, str]]) -> tuple[Period, ...]:
    """Each period once (its first spelling), with every paragraph that names it, from (anchor, name) in book order."""
    anchors: dict[str, list[str]] = {}
    folded: dict[str, str] = {}
    for anchor, name in named:
        key = folded.setdefault(name.casefold(), name)
        if anchor not in anchors.setdefault(key, []):
            anchors[key].append(anchor)
    return tuple(Period(name, tuple(a)) for name, a in sorted(anchors.items(), key=lambda kv: kv[0].lower()))
