"""Key figures: a number with its unit and what it counts, in its sentence.

A figure is money (``$45 per megawatt-hour``), a share (``70%``, ``37
percent``), a quantity with a unit (``15 GW``) or a count of something
(``12 priority actions``, ``over twenty pilot schemes``). What it
counts is the run of plain words after it, up to the first small word, so
"12 priority actions and set …" gives "priority actions". Years, ordinals, days of
dates and numbers inside names are not figures; a bare number that counts
nothing ("two of the …") is dropped.
"""

from __future__ import annotations

import re

from ..knowledge import Figure
from ..model import Paragraph
from .text import FUNCTION_WORDS, sentences

SPELLED = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
UNITS = (
    "%", "percent", "per cent", "percentage points", "GW", "MW", "kW", "TW", "GWh", "MWh", "kWh", "TWh", "km", "kilometres",
    "kilometers", "miles", "metres", "meters", "hectares", "acres", "tonnes", "tons", "euros", "dollars", "yuan",
    "pounds", "degrees", "°C", "°F",
)
_QUALIFIER = r"(?:\b(?:over|more than|about|nearly|almost|around|up to|at least|less than|fewer than|some|roughly)\s+)?"
_NUMBER = (
    r"(?P<cur>[$€£¥])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<word>\b(?:" + "|".join(sorted(SPELLED, key=len, reverse=True)) + r")\b)"
)
_SCALE = r"(?:\s+(?P<scale>" + "|".join(SCALES) + r"))?"
_UNIT = r"(?:\s?(?P<unit>%|(?:" + "|".join(re.escape(u) for u in UNITS if u != "%") + r")\b))?"
FIGURE = re.compile(r"(?P<qual>" + _QUALIFIER + r")(?:" + _NUMBER + r")" + _SCALE + _UNIT, re.IGNORECASE)
_PER = re.compile(r"^\s+(per\s+[a-z][\w-]*)")
_WORD = re.compile(r"^\s+([a-z][a-z-]*)")
#: Common verbs that end what a number counts ("300 people came"): no tagger, so a short list and "-ed".
_VERBS = frozenset(
    ["said", "says", "came", "come", "went", "took", "made", "got", "saw", "gave", "rose", "fell", "grew", "met", "joined", "led"]
)
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
           "december"]


def _counts(after: str) -> str:
    """The plain words after a number, up to the first small word or punctuation."""
    words: list[str] = []
    rest = after
    while len(words) < 4 and (m := _WORD.match(rest)) and m.group(1) not in FUNCTION_WORDS | _VERBS and m.group(1) not in _MONTHS:
        if words and m.group(1).endswith("ed"):
            break
        words.append(m.group(1))
        rest = rest[m.end() :]
    return " ".join(words)


def _lead(sentence: str, start: int) -> str:
    """Up to eight words of the figure's own clause before it."""
    before = sentence[max(0, start - 300) : start]
    cut = max(before.rfind(c) for c in (",", ";", ":", "(", ")"))
    clause = before[cut + 1 :] if cut >= 0 else before
    clause = re.split(r"\b(?:and|but|while|which)\s", clause)[-1] if len(clause.split()) > 8 else clause
    words = clause.split()
    return " ".join(words[-8:])


def _skip(sentence: str, m: re.Match[str]) -> bool:
    num, word = m.group("num"), m.group("word")
    at = m.start("num" if num else "word")
    before, after = sentence[max(0, at - 60) : at], sentence[m.end() : m.end() + 60]  # nearby text decides
    if word:  # "the two keywords" points back at something already counted
        return word[0].isupper() or after.startswith("-") or before.endswith("-") or bool(
            re.search(r"\b(?:the|these|those)\s+$", before, re.IGNORECASE)
        )
    assert num is not None
    if re.match(r"(?:st|nd|rd|th)\b|[A-Za-z]|[-–]\d|[.,]\d", after if not m.group("unit") else " "):
        return True  # "14th", "2-7", "CO2x"
    if not m.group("cur") and re.search(r"[A-Za-z\-/]$", before):
        return True  # "CO2", "G20"
    if re.search(r"(?:" + "|".join(_MONTHS) + r")\s*$", before, re.IGNORECASE):
        return True  # the day of a date
    if re.match(r"^\s*(?:" + "|".join(_MONTHS) + r")\b", after, re.IGNORECASE):
        return True  # "2 September"
    is_year = re.fullmatch(r"(1[89]|20|21)\d\d", num) is not None
    return is_year and not m.group("cur") and not m.group("unit") and not m.group("scale")


def figures_in(paragraph: Paragraph) -> list[Figure]:
    out: list[Figure] = []
    for s in sentences(paragraph.text):
        for m in FIGURE.finditer(s.text):
            if _skip(s.text, m):
                continue
            unit = (m.group("unit") or "").strip()
            after = s.text[m.end() : m.end() + 200]
            extra = _PER.match(after) if (unit or m.group("cur")) else None
            end = m.end() + (extra.end() if extra else 0)
            counts = extra.group(1) if extra else "" if unit else _counts(after)
            if not counts and not unit and not m.group("cur") and not m.group("scale"):
                continue  # a number that counts nothing: "two of the keywords"
            if counts and not extra:
                end = m.end() + after.find(counts) + len(counts)
            num = m.group("num")
            value = float(num.replace(",", "")) if num else float(SPELLED[m.group("word").lower()])
            value *= SCALES.get((m.group("scale") or "").lower(), 1)
            rank = 0 if unit or m.group("cur") else 1 if num else 2
            start = m.start() if m.group("qual") else m.start("cur") if m.group("cur") else m.start("num" if num else "word")
            text = s.text[start:end].strip()
            lead = _lead(s.text, start)
            after_words = re.split(r"[,;:.()]", s.text[end : end + 200])[0].split()
            tail = "" if lead else " ".join(after_words[:10]) + (" …" if len(after_words) > 10 else "")
            out.append(Figure(value, text, counts, lead, s.text, paragraph.anchor, rank, tail))
    return out


def find_figures(paragraphs: tuple[Paragraph, ...]) -> tuple[Figure, ...]:
    """Every figure in book order."""
    return tuple(f for p in paragraphs for f in figures_in(p))
