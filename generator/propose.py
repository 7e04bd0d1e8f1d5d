"""Propose starter themes from the source texts themselves, for ``briefbook new``.

A first book should hold something before its author writes any YAML: the
most frequent content words across paragraphs seed a few themes, chosen so
that they cover different paragraphs, and each theme takes the words that
most often share a paragraph with its seed as further keywords.
"""

from __future__ import annotations

import re
from collections import Counter

from .matcher import stem
from .model import ThemeSpec
from .slugs import RESERVED, slugify

_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just more most
    my no nor not now of off on once only or other our ours out over own same she should so some such than
    that the their theirs them then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours also said says one two
    three first second new well may might must shall year years time made make many much way ways well
    however including include includes like since within without among across per via upon whose recent
    recently""".split()
)
_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]|[^\W\d_]")


def _content_words(text: str) -> dict[str, str]:
    """Stem → the first spelling seen, for the paragraph's words worth a theme."""
    out: dict[str, str] = {}
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) < 4 or word.lower() in _STOPWORDS:
            continue
        out.setdefault(stem(word), word.lower())
    return out


def propose_themes(paragraphs: list[str], count: int = 3) -> tuple[ThemeSpec, ...]:
    """Up to ``count`` themes, each with keywords taken from the paragraphs."""
    per_paragraph = [_content_words(p) for p in paragraphs]
    frequency: Counter[str] = Counter(s for words in per_paragraph for s in words)
    spelling: dict[str, str] = {}
    for words in per_paragraph:
        for s, w in words.items():
            spelling.setdefault(s, w)
    covered: set[int] = set()
    seeds: list[str] = []
    for candidate, _ in sorted(frequency.items(), key=lambda kv: (-kv[1], kv[0])):
        where = {i for i, words in enumerate(per_paragraph) if candidate in words}
        if where - covered or not seeds:
            seeds.append(candidate)
            covered |= where
        if len(seeds) == count:
            break
    themes: list[ThemeSpec] = []
    taken: set[str] = set(seeds)
    for seed in seeds:
        company: Counter[str] = Counter()
        for words in per_paragraph:
            if seed in words:
                company.update(s for s in words if s not in taken)
        extra = [s for s, _ in sorted(company.items(), key=lambda kv: (-kv[1], kv[0]))[:4]]
        taken.update(extra)
        title = spelling[seed].capitalize()
        slug = slugify(title) or f"theme-{len(themes) + 1}"
        if slug in RESERVED:
            slug = f"{slug}-theme"
        themes.append(ThemeSpec(title=title, slug=slug, keywords=tuple(spelling[s] for s in [seed, *extra])))
    return tuple(themes)
