"""Key figures: a number with its unit and what it counts, in its own clause, with a date if the clause gives one.

A figure is money (``$45 per megawatt-hour``, ``$600-billion``), a share
(``70%``, ``37 percent``, ``eight out of 10``), a quantity with a unit
(``15 GW``) or a count of something (``12 priority actions``, ``over twenty
pilot schemes``, ``2 400 islands``: a comma, a space, a thin or a
non-breaking space may group the thousands). What it counts is the run of
plain words after it, up to the first small word. Each figure also carries
its **clause** (the words of its sentence between clause boundaries, whole
words, so a reader sees "Solar capacity will reach 50 GW by 2030", not
"only 0.2 GW") and **when** (the date or period its clause names, ISO).

Years, ordinals, days of dates (any number inside a date phrase the dates
module reads), phone numbers and numbers inside names ("Type 2 diabetes",
"Phase 3", "G20", "CO2") are not figures; a bare number that counts
nothing ("two of the …") is dropped. The same figure stated twice (same
number, unit and what it counts) is one entry citing each paragraph.

Every pattern is bounded and each sentence is scanned once, so the cost is
linear in the paragraph.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace

import regex

from ..knowledge import Figure
from ..model import Paragraph
from .dates import DatePhrase, date_phrases, date_sentences
from .text import FUNCTION_WORDS

SPELLED = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9,
          "tn": 1e12}
UNITS = (
    "percentage points", "percentage point", "per cent", "percent", "GWh", "MWh", "kWh", "TWh", "GW", "MW", "kW", "TW",
    "km", "kilometres", "kilometers", "miles", "metres", "meters", "hectares", "acres", "tonnes", "tons", "barrels",
    "litres", "liters", "gallons", "euros", "dollars", "yuan", "pounds", "rupees", "yen", "degrees", "°C", "°F", "times",
    "MtCO2e", "bcm", "tcf", "mph", "km/h", "bbls", "bbl", "Mcf", "MMcf", "metric tons", "short tons", "troy ounces", "ounces",
    "square miles", "square kilometres", "square kilometers", "cubic metres", "cubic meters", "cubic feet", "square feet",
    "feet",
)
_S = r"[ \u00a0]{1,3}"
_QUALIFIERS = (
    "more than", "over", "about", "nearly", "almost", "around", "up to", "at least", "less than", "fewer than", "some",
    "roughly", "approximately", "an estimated", "just over", "just under", "as many as", "as much as", "close to", "between",
)
_QUALIFIER = r"(?P<qual>(?i:" + "|".join(q.replace(" ", _S) for q in sorted(_QUALIFIERS, key=len, reverse=True)) + r")" + _S + r")?"
_CURRENCY = r"(?P<cur>(?:US|A|C|HK|NZ|S|R)\$|[$€£¥₹]|(?:USD|EUR|GBP|CHF|JPY|CNY|RMB)[ \u00a0]?)?"
_DIGITS = (
    r"(?P<num>\d{1,3}(?P<sep>[,\u00a0\u202f\u2009 ])\d{3}(?:(?P=sep)\d{3}){0,4}(?!\d)(?:\.\d{1,6})?"
    r"|\d{1,15}(?:\.\d{1,6})?)(?![\d,]\d)"
)
_WORDS = (
    r"(?P<frac>(?i:a" + _S + r"quarter" + _S + r"of" + _S + r"a|a" + _S + r"third" + _S + r"of" + _S + r"a|half" + _S + r"a|a))"
    r"(?=" + _S + r"(?i:million|billion|trillion)\b)"
    r"|(?P<share>(?i:one|a|two|three|four)[ \u00a0-](?i:half|third|quarter|fifth|sixth|tenth)s?)(?=" + _S + r"of\b)"
    r"|(?<=(?i:by)[ \u00a0])(?P<share>a[ \u00a0](?i:half|third|quarter|fifth|tenth))(?![\w-])"  # "fallen by a third"
    r"|(?P<share>(?i:half))(?=" + _S + r"(?:of|the|all)\b)"  # "half of all firms", "more than half the forces"
    r"|(?P<word>(?i:" + "|".join(sorted(SPELLED, key=len, reverse=True)) + r"))(?![\w-])"
)
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
SUPERLATIVES = ("largest", "biggest", "highest", "lowest", "smallest", "busiest")
#: A rank: "the fourth-largest producer", "18th place".
_ORDINAL = (
    r"(?P<ord>\d{1,3}(?:st|nd|rd|th)|(?i:" + "|".join(ORDINALS) + r"))(?=[ \u00a0-](?:" + "|".join(SUPERLATIVES)
    + r")\b|" + _S + r"(?:place|position)\b)"
)
SHARES = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "tenth": 10}
FRACTIONS = {"quarter": 0.25, "third": 1 / 3, "half": 0.5}
#: A number joined by a hyphen to what it measures: "a 90-day comment period", "a 10-year effort".
HYPHENATED = ("day", "week", "month", "year", "hour", "minute", "mile", "acre", "hectare", "storey", "story", "megawatt",
              "gigawatt", "kilometre", "kilometer", "metre", "meter", "foot", "member", "person", "bed", "seat")
_SCALE = (
    r"(?:[ \u00a0-](?P<scale>(?i:thousand|million|billion|trillion))(?![\w])"
    r"|(?<=\d)(?P<scale>(?i:bn|mn|tn|m|k))(?![\w]))?"
)
_UNIT = (
    r"(?:[ \u00a0-]?(?P<unit>%|(?:" + "|".join(re.escape(u).replace(r"\ ", _S) for u in UNITS) + r")(?![\w])"
    + r"|out" + _S + r"of" + _S + r"(?:\d{1,4}|ten|a\s?hundred)(?![\w]))"
    + r"|-(?P<unit>" + "|".join(HYPHENATED) + r")(?![\w-])"
    + r"|(?<=(?:st|nd|rd|th|" + "|".join(ORDINALS) + r"))[ \u00a0-](?P<unit>" + "|".join(SUPERLATIVES + ("place", "position"))
    + r")\b)?"
)
FIGURE = regex.compile(
    r"(?<![\w.,:$€£¥₹])" + _QUALIFIER + r"(?:" + _ORDINAL + r"|" + _CURRENCY + _DIGITS + r"|" + _WORDS + r")" + _SCALE + _UNIT,
    regex.VERSION0,
)
#: A second number after this one makes a range: "40 to 60 year olds", "between 18.5 and 25".
_SPELLED_ALT = "|".join(sorted(SPELLED, key=len, reverse=True))
_RANGE_AFTER = regex.compile(
    r"[ \u00a0]{0,3}(?P<join>to|and|-|–)[ \u00a0]{0,3}(?:\d{1,3}(?:,\d{3}){1,4}(?![\d,]\d)|\d{1,15}(?:\.\d{1,6})?"
    r"|(?i:" + _SPELLED_ALT + r"))(?![\w.,]\w)"  # "1,200 to 1,500 staff" too
)
#: The near end of a range before a number; a year is none ("in 2031 and 40 teams joined": a year, then a count).
_RANGE_BEFORE = regex.compile(
    r"(?:(?<!(?<!\d)(?:1[89]|20)\d)\d|\b(?i:" + _SPELLED_ALT + r"))[ \u00a0]{0,3}(?:to|and|-|–)[ \u00a0]{0,3}$"
)
_UNIT_ONLY = regex.compile(_UNIT)
#: Words before a small number that point back at something already counted: "the 27 countries", "our two armies".
_DETERMINER = regex.compile(r"\b(?i:the|these|those|our|their|its|top)[ \u00a0]$")
_CLOCK_AFTER = regex.compile(r"[ \u00a0]?(?i:am|pm|a\.m\.|p\.m\.|o’clock|o'clock)(?!\w)")
_AGED = regex.compile(r"\b(?i:aged|age|ages)[ \u00a0](?:(?i:between|from|of)[ \u00a0])?$")
#: "in the last 20 years": a span of time the clause is dated by, not a figure.
_SPAN_BEFORE = regex.compile(
    r"(?i:the[ \u00a0](?:last|past|next|coming|previous|preceding|following)[ \u00a0])$"
)
#: Words that may open what a number counts though they are small: "two more wings", "four new cranes".
_MODIFIERS = frozenset(["more", "other", "new", "additional", "further", "extra"])
_PER = regex.compile(r"[ \u00a0]{1,3}(per[ \u00a0]{1,3}[a-z][\w-]{0,30})")
_WORD = regex.compile(r"[ \u00a0]{1,3}([a-z][a-z-]{0,30})(?![\w])")
#: Up to three capitalised words a number counts: "15 million Britons", "77,000 Full Time Equivalents".
_CAPITALISED = regex.compile(r"[ \u00a0]{1,3}(\p{Lu}\p{Ll}{1,30}(?:[ \u00a0]\p{Lu}\p{Ll}{1,30}){0,2})(?![\w-])")
#: A number that is the other side of a ratio or share already counted: "8 women … out of the 100", "to every 7 men".
_DENOMINATOR_BEFORE = regex.compile(r"(?i:out[ \u00a0]of(?:[ \u00a0]the)?|every)[ \u00a0]$")
#: "only 1 woman to every 7 men": the figure takes its ratio along.
_RATIO_AFTER = regex.compile(r"[ \u00a0](?:to|in)[ \u00a0]every[ \u00a0]\d{1,6}(?:[ \u00a0][a-z]{1,30})?")
#: An age is not a figure: "a 23 year old chemist", "the 16-year-olds".
_AGE_AFTER = regex.compile(r"(?i:[ \u00a0-]years?[ \u00a0-]olds?)\b")
_PREVIOUS = regex.compile(r"(\S{1,40})[ \u00a0]{1,3}$")
#: Common verbs that end what a number counts ("300 people came"): no tagger, so a short list and "-ed".
_VERBS = frozenset(
    ["said", "says", "came", "come", "went", "took", "made", "got", "saw", "gave", "rose", "fell", "grew", "met", "joined", "led",
     "are", "were", "have", "has", "will", "would", "could", "can", "may"]
)
_MONTHS = frozenset(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december"])
_PLURALS = frozenset(["people", "women", "men", "children", "staff", "cattle", "police"])
_NOT_PLURAL = ("ss", "us", "is", "series", "species", "news", "means")
_STOP = FUNCTION_WORDS | _VERBS | _MONTHS
_NAME_OK = FUNCTION_WORDS | _MONTHS | frozenset(q.split()[0] for q in _QUALIFIERS) | {"only", "just", "nearly", "all"}
#: Where a clause ends: ";" ":" a dash, a bracket, or a comma before a word that opens a new clause.
_CLAUSE_BREAK = regex.compile(
    r"[;:]|\s[–—]\s|\s-\s|,[ \u00a0]{1,3}(?=(?:and|but|while|whereas|which|who|although|though|so|yet|with|"
    r"including|meaning)\b)"
)
_LEADING = regex.compile(r"^(?:and|but|while|whereas|which|who|although|though|so|yet|with|or)[ \u00a0]{1,3}", regex.IGNORECASE)
_CLAUSE_WORDS = 45  # a clause longer than this is cut at commas around the figure
_CLAUSE_REACH = 300  # characters looked at on each side of a figure for a comma
_YEAR = regex.compile(r"(?:1[89]|20|21)\d\d")


def _plain_words(after: str, pos: int) -> tuple[list[str], int]:
    """Lower-case words from ``pos`` up to the first small word, participle or plural noun, and where they end."""
    words: list[str] = []
    while len(words) < 4 and (m := _WORD.match(after, pos)) and (
        m.group(1) not in _STOP or (not words and m.group(1) in _MODIFIERS)
    ):
        word = m.group(1)
        if words and (word.endswith("ed") or word.endswith("ing")):
            break  # "… countries following": a participle opens the rest of the clause
        words.append(word)
        pos = m.end()
        if word in _PLURALS or (word.endswith("s") and not word.endswith(_NOT_PLURAL)):
            break  # "100 energy companies fail": what is counted ends with its plural noun
    return words, pos


def _counts(after: str) -> str:
    """What a number counts: the plain words after it, or a capitalised name and the plain words after that."""
    words, pos = _plain_words(after, 0)
    if words and words[-1] not in _MODIFIERS:
        return " ".join(words)
    named = _CAPITALISED.match(after, pos)
    if named is None or named.group(1).split()[0].lower() in _MONTHS:
        return ""  # "two more." counts nothing new
    rest = _plain_words(after, named.end())[0] if not after[named.end() : named.end() + 1].isalnum() else []
    return " ".join([*words, named.group(1), *rest])  # "15 million Britons", "seven additional Tornado teams"


def _lead(sentence: str, start: int) -> str:
    """Up to eight words of the figure's own clause before it."""
    before = sentence[max(0, start - 300) : start]
    cut = max(before.rfind(c) for c in (",", ";", ":", "(", ")"))
    clause = before[cut + 1 :] if cut >= 0 else before
    clause = re.split(r"\b(?:and|but|while|which)\s", clause)[-1] if len(clause.split()) > 8 else clause
    words = clause.split()
    return " ".join(words[-8:])


def _in_name(sentence: str, at: int) -> bool:
    """A number right after a capitalised word is part of a name: "Type 2 diabetes", "Phase 3", "Scope 3"."""
    before = _PREVIOUS.search(sentence, max(0, at - 44), at)
    if before is None:
        return False
    word = before.group(1).strip("“”\"‘(")
    if word.endswith(("’s", "'s", "’", "'")):
        return False  # "Kern County’s 884,788 residents"
    return word[:1].isupper() and word.lower() not in _NAME_OK and not word.isupper()


def _skip(sentence: str, m: regex.Match[str]) -> bool:
    if m.group("ord"):
        return not m.group("unit")  # a rank ("18th place"), never a bare ordinal
    num, word = m.group("num"), m.group("word") or m.group("frac") or m.group("share")
    at = m.start(_number_group(m))
    before, after = sentence[max(0, at - 60) : at], sentence[m.end() : m.end() + 60]  # nearby text decides
    if _SPAN_BEFORE.search(before) or _AGED.search(before):
        return True  # "in the last 20 years", "people aged 55"
    if m.group("share") and regex.search(r"(?i:first|second|latter|other)[ \u00a0]$", before):
        return True  # "the first half of 2016" is a period
    if word:  # "the two keywords" points back at something already counted
        if m.group("word") and word.lower() == "one" and not m.group("scale"):
            return True  # "one of", "One size": only "one million" is a figure
        if m.group("word") and not m.group("unit") and _RANGE_BEFORE.search(before):
            return True  # the far end of "five to ten years"
        return (word[0].isupper() and at > 0 and not m.group("qual")) or after.startswith("-") or before.endswith("-") or bool(
            _DETERMINER.search(before) and not m.group("scale")
        )
    assert num is not None
    if not m.group("unit") and re.match(r"(?:st|nd|rd|th)\b|[A-Za-z]|[-–]\w|[:.]\d\d\b", after):
        return True  # "14th", "2-7", "CO2x", "11:59", "11-point font"
    if re.match(r"[ \u00a0]?[x×][ \u00a0]?\d", after) or re.search(r"\d[ \u00a0]?[x×][ \u00a0]?$", before):
        return True  # "8.5 x 11 inch pages": a size
    if _CLOCK_AFTER.match(after):
        return True  # "2 pm", "9.15am"
    if not m.group("cur") and re.search(r"[A-Za-z\-/#]$", before):
        return True  # "CO2", "G20", "COVID-19"
    if m.group("scale") and not m.group("cur") and m.start("scale") == m.end("num"):
        return True  # "Couch to 5K": a letter stuck to a number is a name unless it is money ("£10K")
    if num[0] == "0" and len(num) > 1 and num[1].isdigit():
        return True  # "020 7654 8000": a phone number
    small = not (m.group("cur") or m.group("unit") or m.group("qual") or m.group("scale") or m.group("sep"))
    if small and _in_name(sentence, at):
        return True
    if small and len(num) < 3 and _DETERMINER.search(before):
        return True  # "the 27 countries in the EU"
    if small and num == "1" and not _RATIO_AFTER.search(sentence, m.end(), m.end() + 60):
        return True  # "in 1 member state": one of something is rarely a figure, unless a ratio ("1 nurse to every 9")
    if not m.group("cur") and not m.group("unit") and _RANGE_BEFORE.search(before):
        return True  # the far end of "40 to 60 year olds"
    if _DENOMINATOR_BEFORE.search(before) or _AGE_AFTER.match(after):
        return True
    is_year = _YEAR.fullmatch(num) is not None
    return is_year and not m.group("cur") and not m.group("unit") and not m.group("scale")


def _clause_breaks(sentence: str) -> list[tuple[int, int]]:
    """Offsets of the clause boundaries in a sentence, found once per sentence."""
    return [(b.start(), b.end()) for b in _CLAUSE_BREAK.finditer(sentence)]


def _clause(sentence: str, breaks: list[tuple[int, int]], start: int, end: int) -> str:
    """The figure's clause in whole words: between the nearest boundaries around it, without a leading "and".

    A clause longer than ``_CLAUSE_WORDS`` words is cut at the commas nearest
    the figure, and failing that to the whole words around it; every search
    looks at most ``_CLAUSE_REACH`` characters away, so long sentences with
    many figures stay linear.
    """
    i = bisect.bisect_right(breaks, (start, len(sentence) + 1))
    left = breaks[i - 1][1] if i else 0
    j = bisect.bisect_left(breaks, (end, -1))
    right = breaks[j][0] if j < len(breaks) else len(sentence)
    if left > start:  # the figure itself sits in a boundary's span: keep the whole sentence
        left, right = 0, len(sentence)
    elif i and sentence[breaks[i - 1][0]] == ":":  # "Environmental performance: 35 points": the label is its clause
        label_start = breaks[i - 2][1] if i > 1 else 0
        if len(sentence[label_start : breaks[i - 1][0]].split()) <= 6:
            left = label_start
    if right - left > _CLAUSE_REACH * 2 or len(sentence[left:right].split()) > _CLAUSE_WORDS:
        lo = sentence.rfind(",", max(left, start - _CLAUSE_REACH), start)
        hi = sentence.find(",", end, min(right, end + _CLAUSE_REACH))
        left = lo + 1 if lo >= 0 else left
        right = hi if hi >= 0 else right
        if right - left > _CLAUSE_REACH * 2 or len(sentence[left:right].split()) > _CLAUSE_WORDS:  # the whole words around it
            before = sentence[max(left, start - _CLAUSE_REACH) : start].split()[1:][-15:]
            after = sentence[end : min(right, end + _CLAUSE_REACH)].split()[:-1][:15]
            return _balanced(_LEADING.sub("", " ".join([*before, *sentence[start:end].split(), *after]).strip(" ,.;")))
    text = " ".join(sentence[left:right].split()).strip(" ,.;")
    return _balanced(_LEADING.sub("", text))


def _balanced(clause: str) -> str:
    """Drop a quotation mark the clause opens or closes without its pair: "“The agency received …" → "The agency …"."""
    for opening, closing in (("“", "”"), ("(", ")")):
        if clause.startswith(opening) and closing not in clause:
            clause = clause[1:]
        if clause.endswith(closing) and opening not in clause:
            clause = clause[:-1]
    return clause.strip()


def figures_in(paragraph: Paragraph) -> list[Figure]:
    """Every figure in a paragraph, in text order, each with its clause and date."""
    return [f for _, f in keyed_figures(paragraph)]


#: What every figure holds: a digit, or a number, rank, share or scale spelled out, at the start of a word. Most
#: sentences of a long book hold none, and the long pattern above need not scan them.
_FIGURE_SIGN = regex.compile(
    r"\d|(?<!\w)(?i:" + "|".join(sorted({*SPELLED, *ORDINALS, *SHARES, "million", "billion", "trillion"}, key=len, reverse=True))
    + r")",
    regex.VERSION0,
)
#: What makes two figures the same statement: the value, the figure as written (folded) and what it measures.
FigureKey = tuple[float, str, str]


def keyed_figures(paragraph: Paragraph) -> list[tuple[FigureKey, Figure]]:
    """Each figure with what makes it the same statement as another: its number as written, qualifier aside,
    and what it counts, or else the words right after it ("50% of the revenue" is not "50% of the fees")."""
    out: list[tuple[tuple[float, str, str], Figure]] = []
    for s in date_sentences(paragraph.text):  # "Feb. 22" stays one sentence: its day is no figure
        dates = date_phrases(s.text)
        date_starts = [d.start for d in dates]
        breaks: list[tuple[int, int]] | None = None
        taken = 0  # the end of the last figure: "between 2 and 3%" is one figure, not two
        converted_to: int | None = None  # the end of the last figure with a unit or a currency
        for m in FIGURE.finditer(s.text) if _FIGURE_SIGN.search(s.text) else ():
            num_at = m.start(_number_group(m))
            if num_at < taken or _skip(s.text, m):
                continue
            k = bisect.bisect_right(date_starts, num_at) - 1
            if k >= 0 and dates[k].start <= num_at < dates[k].end:
                continue  # the day or year of a date
            unit = " ".join((m.group("unit") or "").split())
            if ((unit and unit not in _SHARES) or m.group("cur")) and converted_to is not None \
                    and _CONVERSION.fullmatch(s.text, converted_to, m.start()):
                continue  # "59,000 pounds (27 metric tons)": the same amount in other units, not another figure
            end = m.end()
            ranged = _RANGE_AFTER.match(s.text, end) if not m.group("cur") and not unit and not m.group("ord") else None
            between = (m.group("qual") or "").strip().lower() == "between"
            if ranged and (between or ranged.group("join") != "and"):
                end = ranged.end()
                if (ranged_unit := _UNIT_ONLY.match(s.text, end)) and ranged_unit.group("unit"):
                    unit, end = " ".join(ranged_unit.group("unit").split()), ranged_unit.end()  # "between 2 and 3%"
                if _AGE_AFTER.match(s.text, end):
                    continue  # "40 to 60 year olds" is a group of people, not a figure
            else:
                ranged = None
            after = s.text[end : end + 200]
            extra = _PER.match(after) if (unit or m.group("cur")) else None
            hyphenated = unit in HYPHENATED or unit in SUPERLATIVES  # "a 90-day comment period": what it measures follows
            counts = extra.group(1) if extra else _counts(after) if not unit or hyphenated else ""
            grouped = bool(m.group("num") and m.group("sep"))
            if not (counts or unit or m.group("cur") or m.group("scale") or (ranged and between) or m.group("share") or m.group("qual")
                    or grouped):
                continue  # a number that counts nothing: "two of the keywords"
            if num_at == 0 and m.group("num") and counts[:1].isupper() and not m.group("qual"):
                continue  # "0.1 Increasing Economic Growth": a numbered heading
            if extra:
                end += extra.end()
            elif counts:
                end += after.find(counts) + len(counts)
            if ratio := _RATIO_AFTER.match(s.text, end):
                end = ratio.end()
            value = _value(m)
            rank = 0 if (unit and not hyphenated) or m.group("cur") else 1 if m.group("num") or m.group("ord") else 2
            start = m.start() if m.group("qual") else m.start("cur") if m.group("cur") else num_at
            text = _ASCII_SPACES.sub(" ", s.text[start:end].strip())  # as written: a thin space stays thin
            lead = _lead(s.text, start)
            after_words = re.split(r"[,;:.()]", s.text[end : end + 200])[0].split()
            tail = "" if lead else " ".join(after_words[:10]) + (" …" if len(after_words) > 10 else "")
            if breaks is None:
                breaks = _clause_breaks(s.text)
            clause = _clause(s.text, breaks, start, end)
            when = _when(dates, date_starts, s.text, start, end, breaks)
            taken = end
            converted_to = end if (unit and unit not in _SHARES) or m.group("cur") else None  # a count in brackets is a part, not a conversion
            figure = Figure(value, text, counts, lead, s.text, paragraph.anchor, rank, tail, clause, when, (paragraph.anchor,))
            measures = counts or " ".join(_AFTER_WORDS.findall(s.text, end, end + 120)[:3])
            bare = text[len(m.group("qual") or "") :] if m.group("qual") and start == m.start() else text
            out.append(((value, bare.casefold(), measures.casefold()), figure))
    return out


def _number_group(m: regex.Match[str]) -> str:
    """Which group holds the number itself."""
    return next(g for g in ("ord", "num", "word", "frac", "share") if m.group(g))


def _value(m: regex.Match[str]) -> float:
    """The number itself, with spelled-out numbers, fractions and "million" folded in."""
    if m.group("ord"):
        rank = m.group("ord").lower()
        return float(ORDINALS.index(rank) + 1 if rank in ORDINALS else int(rank[:-2]))
    if m.group("num"):
        value = float(regex.sub(r"[^\d.]", "", m.group("num")))
    elif m.group("word"):
        value = float(SPELLED[m.group("word").lower()])
    elif m.group("share"):  # "one fifth" → 0.2, "two-thirds" → 0.667
        *count, part = regex.split(r"[ \u00a0-]", m.group("share").lower())
        value = (SPELLED[count[0]] if count and count[0] in SPELLED else 1) / SHARES[part.rstrip("s")]
    else:
        value = next((v for name, v in FRACTIONS.items() if name in m.group("frac").lower()), 1.0)  # "a million"
    return value * SCALES.get((m.group("scale") or "").lower(), 1)


def _when(dates: tuple[DatePhrase, ...], date_starts: list[int], sentence: str, start: int, end: int, breaks: list[tuple[int, int]]) -> str:
    """The date the figure's clause names (ISO, "start/end" for a period), or "".

    The nearest date after the figure with no comma between ("… 300 schools by
    the end of 2025"), else the nearest before it in its clause ("In 2016, …
    employed 884,788 residents, down from 11,000 in 2014" is 2016). Only a few
    dates on each side are looked at, so many figures in one clause stay linear.
    """
    i = bisect.bisect_right(breaks, (start, len(sentence) + 1))
    left = breaks[i - 1][1] if i else 0
    j = bisect.bisect_left(breaks, (end, -1))
    right = breaks[j][0] if j < len(breaks) else len(sentence)
    k = bisect.bisect_left(date_starts, end)
    nearby = [*dates[k : k + 3], *reversed(dates[max(0, k - 4) : k])]
    for d in nearby:
        if not left <= d.start < right or d.first.startswith("????") or start <= d.start < end:
            continue
        if d.start >= end and (d.start - end > _WHEN_REACH or _COMMA.search(sentence, end, d.start)):
            continue  # after a comma the date belongs to the next statement
        return d.first if d.first == d.last else f"{d.first}/{d.last}"
    return ""


_WHEN_REACH = 150  # characters after a figure its date may sit
_COMMA = regex.compile(r"[,;]")


#: Units of a share: "$2.7 million (91%)" is a part of a total, not the amount in other units.
_SHARES = frozenset({"%", "percent", "per cent", "percentage points", "percentage point", "times"})
#: Between a figure and its restatement in other units: " (" or ", or ", as in "10 miles (16 km)".
_CONVERSION = regex.compile(r"[ \u00a0]{0,3}\((?:about[ \u00a0]|approximately[ \u00a0]|roughly[ \u00a0])?")
_ASCII_SPACES = regex.compile(r"[ \t\r\n]{1,100}")
_AFTER_WORDS = regex.compile(r"(?<=^|[ \u00a0])[\w’'-]{1,30}|[,;:.()]")


def find_figures(paragraphs: tuple[Paragraph, ...]) -> tuple[Figure, ...]:
    """Every figure in book order, each once: a figure stated again cites every paragraph that states it."""
    return figures_of(keyed for p in paragraphs for keyed in keyed_figures(p))


def figures_of(keyed: Iterable[tuple[FigureKey, Figure]]) -> tuple[Figure, ...]:
    """Each figure once, in book order, from every paragraph's keyed figures in book order."""
    first: dict[FigureKey, int] = {}
    out: list[Figure] = []
    cited: list[dict[str, None]] = []  # per figure, every paragraph stating it, in book order (a dict: no repeats)
    for key, f in keyed:
        if key in first:
            cited[first[key]].setdefault(f.anchor)
            continue
        first[key] = len(out)
        out.append(f)
        cited.append(dict.fromkeys(f.anchors))
    return tuple(f if len(anchors) == len(f.anchors) else replace(f, anchors=tuple(anchors))
                 for f, anchors in zip(out, cited, strict=True))
