"""Shared text helpers for the extractors: sentences, words, common words.

Rules here are about English prose in general, never about one book: a
capitalised word is only a name if the book never uses it in lower case.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import regex

#: Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    ["dr", "mr", "mrs", "ms", "prof", "st", "no", "vs", "etc", "e.g", "i.e", "jr", "sr", "inc", "ltd", "co", "corp",
     "dept", "gov", "sen", "rep", "gen", "col", "lt", "u.s", "u.k", "fig", "approx", "mt"]
)
_BULLET = re.compile(r"(?:^|(?<=\s))[-•*▪◦]\s+")
_SENTENCE_END = regex.compile(r"[.!?][\"'”’)]{0,4}+\s++(?=[\"“‘(]?[\p{Lu}\d])")

#: Function words: never the first or last word of a name, never a key term on their own.
#: Words that open a title and say how its holder holds it ("Acting Director", "Senior District Judge"): part of
#: the title even where they open a sentence, and never the start of an organisation's or a place's name.
TITLE_MODIFIERS = frozenset({"acting", "interim", "senior", "associate", "assistant", "special", "principal"})

FUNCTION_WORDS = frozenset(
    """a an the and or but nor of for in on at to by with from into onto over under about after before during since
    until through between among against as than that this these those its it their his her our your my we they he she
    you i is are was were be been being has have had do does did will would shall should can could may might must
    not no so if then also both either neither each every all any some such most more many much other another
    there here when where while which who whom whose what how why recently firstly secondly thirdly finally however
    meanwhile moreover furthermore yet still only just even around across along within without upon per via
    above below up down ago higher lower
    according""".split()  # noqa: SIM905 - a word list reads best as text
)

_NOT_LETTER = re.compile(r"[\W\d_]+")
_NOT_UPPER = regex.compile(r"\P{Lu}+")
#: A word in lower case, Unicode letters included ("über", "ørsted"); each run is read from its start only, so linear.
_LOWER_WORD = regex.compile(r"(?<![\w'’-])\p{Ll}[\p{Ll}\p{M}'’-]*(?<=[\p{Ll}\p{M}])(?!\w)")
QUOTES = "\"“”„‟″"
_QUOTE_RE = re.compile(f"[{QUOTES}]")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the paragraph


_LAST_WORD = re.compile(r"(\S+)$")


@functools.lru_cache(maxsize=16384)
def sentences(text: str) -> tuple[Sentence, ...]:
    """Split a paragraph into sentences, keeping offsets; abbreviations such as "Dr." do not end one.

    Remembered by text: every extractor reads the same paragraph's sentences (a str keeps its hash, so a look-up
    costs one comparison).
    """
    out: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[max(start, m.start() - 40) : m.start() + 1]  # the last word is enough: keeps long texts linear
        last = _LAST_WORD.search(before)
        word = last.group(1).lower().rstrip(".") if last else ""
        if text[m.start()] == "." and (word in ABBREVIATIONS or (len(word) == 1 and "a" <= word <= "z")):
            continue
        out.extend(_items(text[start : m.end()].rstrip(), start))
        start = m.end()
    if text[start:].strip():
        out.extend(_items(text[start:].rstrip(), start))
    return tuple(out)


def _items(text: str, offset: int) -> list[Sentence]:
    """A bulleted list joined into one paragraph ("- 15 GW … - $45 …") is one sentence per item."""
    out = []
    pos = 0
    for m in _BULLET.finditer(text):
        if text[pos : m.start()].strip():
            out.append(Sentence(text[pos : m.start()].rstrip(), offset + pos))
        pos = m.end()
    if text[pos:].strip():
        out.append(Sentence(text[pos:].rstrip(), offset + pos))
    return out


def lower_words(texts: Iterable[str]) -> frozenset[str]:
    """Every word the texts use in lower case: a capitalised word found here is a common word, not a name."""
    found: set[str] = set()
    for text in texts:
        found.update(_LOWER_WORD.findall(text))  # the pattern has no groups: findall gives the whole words
    return frozenset(found)


@functools.lru_cache(maxsize=4096)  # names and people both ask, paragraph by paragraph
def is_shouting(text: str) -> bool:
    """True for ALL-CAPS lines such as headings, where capitals say nothing about names."""
    letters = len(_NOT_LETTER.sub("", text))
    return letters >= 4 and len(_NOT_UPPER.sub("", text)) / letters > 0.8


def find_word(text: str, phrase: str, *, case: bool = True) -> list[int]:
    """Offsets where ``phrase`` occurs in ``text`` as whole words."""
    return [m.start() for m in _whole_words(phrase, case).finditer(text)]


def has_word(text: str, phrase: str, *, case: bool = True) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words (:func:`find_word` finds something)."""
    return _whole_words(phrase, case).search(text) is not None


@functools.lru_cache(maxsize=1 << 14)  # a glossary's thousands of terms: re's own cache holds 512 patterns
def _whole_words(phrase: str, case: bool) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w]|-\w)", 0 if case else re.IGNORECASE)


def clean(text: str) -> str:
    """Fold whitespace and trim the punctuation a phrase picks up at its edges."""
    return " ".join(text.split()).strip(" ,;:.-–—'’\"“”()")
