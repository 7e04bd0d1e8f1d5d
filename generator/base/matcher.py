"""Find many phrases in a text in one pass: case-insensitive, whole words, plurals folded.

Used by classification (which keywords does a paragraph contain) and by
linking (where does a phrase start and end, so it can become a link). The
phrases are kept in a trie over word stems, so the cost of a scan grows with
the length of the text, not with the number of phrases.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=1 << 16)  # a book's vocabulary is small next to its word count
def stem(word: str) -> str:
    """Fold a word to the form its singular and plural share: 'activities' and 'activity' → 'activity'."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def words(text: str) -> list[str]:
    return [stem(m.group()) for m in _WORD.finditer(text)]


def word_count(text: str) -> int:
    """How many words :func:`words` finds, without stemming them."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Match:
    """One occurrence of a phrase: character offsets in the text and the keys it was registered under."""

    start: int
    end: int
    keys: tuple[str, ...]
    phrase: str


class _Node:
    __slots__ = ("children", "keys", "phrase")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.keys: list[str] = []
        self.phrase = ""


class PhraseMatcher:
    """Leftmost-longest, non-overlapping matching of registered phrases."""

    def __init__(self, phrases: Iterable[tuple[str, str]] = ()) -> None:
        self._root = _Node()
        for key, phrase in phrases:
            self.add(key, phrase)

    def add(self, key: str, phrase: str) -> None:
        """Register ``phrase`` under ``key``; a phrase with no word characters is ignored."""
        tokens = words(phrase)
        if not tokens:
            return
        node = self._root
        for token in tokens:
            node = node.children.setdefault(token, _Node())
        if key not in node.keys:
            node.keys.append(key)
        if not node.phrase:
            node.phrase = phrase

    def find(self, text: str) -> list[Match]:
        spots = list(_WORD.finditer(text))
        tokens = [stem(m.group()) for m in spots]
        roots = self._root.children
        found: list[Match] = []
        i, n = 0, len(tokens)
        while i < n:
            node = roots.get(tokens[i])
            if node is None:  # most words start no phrase: one dict look-up each
                i += 1
                continue
            best: tuple[int, _Node] | None = (i, node) if node.keys else None
            j = i + 1
            while j < n and (child := node.children.get(tokens[j])) is not None:
                node = child
                if node.keys:
                    best = (j, node)
                j += 1
            if best is None:
                i += 1
                continue
            last, hit = best
            found.append(Match(spots[i].start(), spots[last].end(), tuple(hit.keys), hit.phrase))
            i = last + 1
        return found


@functools.lru_cache(maxsize=1 << 14)
def whole_phrase(phrase: str, case: bool) -> re.Pattern[str]:
    """A literal phrase not inside a longer word: no letter, digit or hyphen before it,
    no letter or digit (or hyphen and letter) after it."""
    return re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w]|-\w)", 0 if case else re.IGNORECASE)


class _Words:
    """A trie over the words of phrases: each node lists the phrases whose words end there."""

    __slots__ = ("children", "phrases")

    def __init__(self) -> None:
        self.children: dict[str, _Words] = {}
        self.phrases: list[tuple[str, bool]] = []


class PhraseFinder:
    """Every occurrence of many literal phrases in a text, in one pass over its words.

    Unlike :class:`PhraseMatcher` it keeps exact spellings (case-sensitive or not,
    per phrase) and punctuation inside phrases. A phrase can only start where a
    word starts and its words must follow each other in the text, so a trie over
    the phrases' words (as written, or case-folded) names the few candidates at
    each word, and each is confirmed by :func:`whole_phrase`: the cost follows the
    length of the text, not the number of phrases (a glossary of 5,000 terms
    costs about what one of 50 does). Results are those of running
    ``whole_phrase(p).finditer(text)`` for every phrase ``p``.
    """

    def __init__(self, phrases: Iterable[tuple[str, bool]]) -> None:
        self._exact = _Words()
        self._folded = _Words()
        self._other: list[tuple[str, bool]] = []  # not starting with a word character: searched one by one
        for phrase, case in dict.fromkeys(phrases):
            if _WORD.match(phrase) is None:
                self._other.append((phrase, case))
                continue
            node = self._exact if case else self._folded
            for word in _WORD.findall(phrase):
                node = node.children.setdefault(word if case else word.casefold(), _Words())
            node.phrases.append((phrase, case))

    def find(self, text: str) -> dict[tuple[str, bool], list[tuple[int, int]]]:
        """(phrase, case) → its non-overlapping occurrences as (start, end), left to right."""
        found: dict[tuple[str, bool], list[tuple[int, int]]] = {}
        exact, folded = self._exact.children, self._folded.children
        # Which distinct words of the text start some phrase: set operations, no per-word Python loop.
        words = _WORD.findall(text)
        present = set(words)
        starts = present & exact.keys() if exact else set()
        if folded:
            starts |= {w for w in present if w.casefold() in folded}
        candidates: list[tuple[int, str, bool]] = []
        if starts:
            spots = list(_WORD.finditer(text))
            for i in [i for i, word in enumerate(words) if word in starts]:
                for root, fold in ((exact, False), (folded, True)):
                    node = root.get(words[i].casefold() if fold else words[i])
                    j = i + 1
                    while node is not None:
                        candidates += [(spots[i].start(), phrase, case) for phrase, case in node.phrases]
                        node = node.children.get(words[j].casefold() if fold else words[j]) if j < len(words) else None
                        j += 1
        for start, phrase, case in sorted(candidates):
            hit = whole_phrase(phrase, case).match(text, start)
            if hit is None:
                continue
            spans = found.setdefault((phrase, case), [])
            if not spans or hit.start() >= spans[-1][1]:  # finditer never overlaps a phrase with itself
                spans.append((hit.start(), hit.end()))
        for phrase, case in self._other:
            spans = [(m.start(), m.end()) for m in whole_phrase(phrase, case).finditer(text)]
            if spans:
                found[(phrase, case)] = spans
        return found
