"""Acronyms defined in the text, in the spirit of Schwartz and Hearst (2003).

A definition is a short form next to a parenthesis: ``long form (SF)`` or
``SF (long form)``. The long form is found by matching the short form's
letters, right to left, against the starts of the words before the
parenthesis; each word gives a prefix of itself (``Ministry of COMmerce`` →
``MOFCOM``), and only small function words may give nothing. Requiring word
starts, rather than any letter as the original algorithm allows, trades a
little recall for never inventing an expansion.

Coordinated definitions share a head: in ``the Departments of Energy (DOE),
Interior (DOI)`` the second long form borrows ``Department of`` from the
first, and both are made singular.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Paragraph
from .text import find_word, sentences

_PAREN = re.compile(r"\(([^()]{1,80})\)")
_SHORT = re.compile(r"^[A-Za-z][A-Za-z0-9.\-]{1,11}$")
_TOKEN = re.compile(r"[^\s\-–—/]+")
#: Small words a long form may skip: "Fair for Trade in Services" → F T S.
_SKIPPABLE = frozenset({"of", "for", "in", "on", "and", "the", "to", "at", "&", "a", "an", "de", "du", "la", "le", "des"})


@dataclass(frozen=True)
class Definition:
    short: str
    expansion: str
    anchor: str


def acronym_like(short: str) -> bool:
    """Mostly capitals, at least two: ``NHB``, ``ARPA-E``, ``NGOs``; not ``ShotTM`` nor ``Plan``."""
    if not _SHORT.match(short) or short.endswith("."):
        return False
    letters = [c for c in short if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if re.search(r"[a-z]TM$", short):  # a flattened trademark sign
        return False
    return upper >= 2 and upper / len(letters) >= 0.6


def _letters(short: str) -> str:
    return "".join(c.lower() for c in short if c.isalpha())


def _match(letters: str, tokens: list[str]) -> bool:
    """Can ``tokens``, in order, spell ``letters`` with a prefix of each (small words may give none)?"""
    words = [re.sub(r"[^a-z0-9&]", "", t.lower()) for t in tokens]
    if not words or not words[0] or words[0][0] != letters[:1]:
        return False

    def go(i: int, j: int) -> bool:  # word i, letter j
        if i == len(words):
            return j == len(letters)
        word = words[i]
        if word in _SKIPPABLE and go(i + 1, j):
            return True
        k = 0
        while k < len(word) and j + k < len(letters) and word[k] == letters[j + k]:
            k += 1
            if go(i + 1, j + k):
                return True
        return False

    return go(0, 0)


def long_form_before(short: str, window: str) -> str | None:
    """The shortest run of words at the end of ``window`` that spells ``short``."""
    letters = _letters(short)
    tokens = [m for m in _TOKEN.finditer(window)]
    limit = min(len(letters) + 5, len(letters) * 2)
    for size in range(2, min(limit, len(tokens)) + 1):  # one word is never a long form: "gigawatts (GW)"
        run = tokens[-size:]
        if _match(letters, [m.group() for m in run]):
            return window[run[0].start() :].strip()
    return None


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _head(expansion: str) -> tuple[str, str] | None:
    """``Departments of Energy`` → (``Department of``, ``Departments of``): the part coordinated forms share."""
    m = re.match(r"^(.*\b(?:of|for))\s+\S", expansion)
    if not m:
        return None
    head = m.group(1)
    first, _, rest = head.partition(" ")
    return (f"{_singular(first)} {rest}".strip(), head)


def _in_sentence(text: str) -> list[Definition]:
    found: list[Definition] = []
    last_end = 0
    previous: tuple[int, Definition] | None = None  # index in found, for coordination
    for m in _PAREN.finditer(text):
        inside = m.group(1).strip()
        window = text[max(last_end, m.start() - 300) : m.start()]  # a long form is a few words: keeps this linear
        last_end = m.end()
        if acronym_like(inside):
            expansion = long_form_before(inside, window)
            if expansion is None and previous is not None and re.match(r"^\s*(?:,|and\b|or\b)", window):
                expansion = _coordinated(inside, window, found, previous)
            if expansion is not None:
                expansion = re.sub(r"^(?:the|a|an)\s+", "", expansion, flags=re.IGNORECASE)
                found.append(Definition(inside, expansion, ""))
                previous = (len(found) - 1, found[-1])
            continue
        previous = None
        before = re.search(r"([A-Za-z][A-Za-z0-9.\-]{1,11})\s*$", window)
        if before and acronym_like(before.group(1)) and len(inside.split()) >= 2:
            long_form = re.sub(r"^(?:the|a|an)\s+", "", inside, flags=re.IGNORECASE)
            tokens = [t.group() for t in _TOKEN.finditer(long_form)]
            if _match(_letters(before.group(1)), tokens) and not re.search(r"[,;:]", long_form):
                found.append(Definition(before.group(1), long_form.strip(" ."), ""))
    return found


def _coordinated(short: str, window: str, found: list[Definition], previous: tuple[int, Definition]) -> str | None:
    index, first = previous
    head = _head(first.expansion)
    if head is None:
        return None
    singular, written = head
    item = re.sub(r"^\s*,?\s*(?:and\s+|or\s+)?", "", window).strip()
    if not item or "," in item or len(item.split()) > 4:
        return None
    candidate = f"{singular} {item}"
    if long_form_before(short, candidate) != candidate:
        return None
    if singular != written:  # "Departments of Energy" names one department once it is coordinated
        found[index] = Definition(first.short, first.expansion.replace(written, singular, 1), first.anchor)
    return candidate


def find_definitions(paragraphs: tuple[Paragraph, ...]) -> list[Definition]:
    """Every acronym definition, in book order, first definition of each short form kept."""
    out: list[Definition] = []
    seen: set[str] = set()
    for p in paragraphs:
        for s in sentences(p.text):
            for d in _in_sentence(s.text):
                if d.short not in seen and len(d.expansion) > len(d.short):
                    seen.add(d.short)
                    out.append(Definition(d.short, d.expansion, p.anchor))
    return out


def mentions(short: str, paragraphs: tuple[Paragraph, ...]) -> tuple[str, ...]:
    """Anchors of the paragraphs that use the short form, in book order."""
    return tuple(p.anchor for p in paragraphs if find_word(p.text, short))
