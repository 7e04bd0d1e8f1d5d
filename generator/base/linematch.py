"""Whole-line patterns where ``*`` stands for any text: the book's ``boilerplate`` lines.

A pattern like ``*a*a*a*x`` compiled to a regex (``.*a.*a.*a.*x``) backtracks:
41 s for a 600-character line, and longer lines never end. Matching with
only ``*`` needs no backtracking at all: the first part must start the
line, the last must end it, and each part between is found left to right,
as early as possible (the earliest place never rules out a later part).
Each line costs a handful of ``str.find`` calls, linear in its length.
"""

from __future__ import annotations

from collections.abc import Iterable


class LinePatterns:
    """A set of whole-line patterns, case ignored; :meth:`match` tells whether a line is one of them."""

    def __init__(self, patterns: Iterable[str]) -> None:
        exact: set[str] = set()
        globs: set[tuple[str, ...]] = set()
        for pattern in patterns:
            folded = pattern.strip().casefold()
            if not folded:
                continue
            if "*" in folded:
                globs.add(tuple(folded.split("*")))
            else:
                exact.add(folded)
        self._exact = frozenset(exact)
        self._globs = tuple(sorted(globs))

    def match(self, line: str) -> bool:
        """Whether the whole of ``line`` matches one of the patterns."""
        text = line.casefold()
        return text in self._exact or any(_glob_match(parts, text) for parts in self._globs)


def _glob_match(parts: tuple[str, ...], text: str) -> bool:
    """``parts`` are a pattern split at its stars (at least two): does ``text`` match it whole?"""
    first, *middle, last = parts
    end = len(text) - len(last)
    if end < len(first) or not text.startswith(first) or not text.endswith(last):
        return False
    position = len(first)
    for part in middle:
        found = text.find(part, position, end)
        if found < 0:
            return False
        position = found + len(part)
    return True
