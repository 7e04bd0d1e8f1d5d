"""Find many phrases in a text in one pass: case-insensitive, whole words, plurals folded.

Used by classification (which keywords does a paragraph contain) and by
linking (where does a phrase start and end, so it can become a link). The
phrases are kept in a trie over word stems, so the cost of a scan grows with
the length of the text, not with the number of phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


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
        tokens = [(stem(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
        found: list[Match] = []
        i = 0
        while i < len(tokens):
            node = self._root
            best: tuple[int, _Node] | None = None
            j = i
            while j < len(tokens) and (child := node.children.get(tokens[j][0])) is not None:
                node = child
                if node.keys:
                    best = (j, node)
                j += 1
            if best is None:
                i += 1
                continue
            last, hit = best
            found.append(Match(tokens[i][1], tokens[last][2], tuple(hit.keys), hit.phrase))
            i = last + 1
        return found
