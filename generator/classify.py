"""Stage 3: place each paragraph in the theme whose keywords it mentions most.

A keyword scores its number of words for each occurrence, so a phrase such
as "carbon neutrality" outweighs a single word. The best score wins; a tie
goes to the theme listed first in book.yml; a paragraph that scores nothing
is kept as unassigned ("Other"), never dropped. Every assignment records its
hits and all scores so the book and ``briefbook check`` can say why.
"""

from __future__ import annotations

from collections import Counter

from .matcher import Match, PhraseMatcher, words
from .model import Assignment, KeywordHit, Paragraph, ThemeSpec


def keyword_matcher(themes: tuple[ThemeSpec, ...]) -> PhraseMatcher:
    """A matcher whose keys are ``"<theme slug>\\t<keyword>"``."""
    return PhraseMatcher((f"{t.slug}\t{k}", k) for t in themes for k in t.keywords)


def keyword_matches(paragraphs: tuple[Paragraph, ...], themes: tuple[ThemeSpec, ...]) -> dict[str, list[Match]]:
    """Every keyword occurrence of every paragraph, by anchor: found once, used by classify and link."""
    matcher = keyword_matcher(themes)
    return {p.anchor: matcher.find(p.text) for p in paragraphs}


def classify(
    paragraphs: tuple[Paragraph, ...], themes: tuple[ThemeSpec, ...], matches: dict[str, list[Match]] | None = None
) -> tuple[Assignment, ...]:
    if matches is None:
        matches = keyword_matches(paragraphs, themes)
    order = [t.slug for t in themes]
    parts: dict[str, tuple[str, str, int]] = {}  # key → (theme slug, keyword, words in it), worked out once
    assignments = []
    for paragraph in paragraphs:
        counts: Counter[str] = Counter()
        for match in matches[paragraph.anchor]:
            counts.update(match.keys)
        hits = []
        score: Counter[str] = Counter()
        for key, count in sorted(counts.items()):
            if key not in parts:
                slug, keyword = key.split("\t", 1)
                parts[key] = (slug, keyword, len(words(keyword)))
            slug, keyword, weight = parts[key]
            hits.append(KeywordHit(theme=slug, keyword=keyword, count=count, weight=weight))
            score[slug] += count * weight
        scores = tuple([(slug, score.get(slug, 0)) for slug in order])
        ranked = sorted(scores, key=lambda s: -s[1])  # stable: a tie keeps book.yml order
        best = ranked[0][0] if ranked and ranked[0][1] > 0 else None
        runner_up = ranked[1][0] if best and len(ranked) > 1 and ranked[1][1] > 0 else None
        assignments.append(
            Assignment(paragraph=paragraph, theme=best, scores=scores, hits=tuple(hits), runner_up=runner_up)
        )
    return tuple(assignments)
