"""Propose starter themes from the source texts themselves, for ``briefbook new``.

A first book should hold something before its author writes any YAML. The
proposal works on key phrases, not single words: runs of one to three
content words that the text itself uses ("water quality", "green bond"),
folded for plurals the way the classifier folds them. Then:

1. each phrase is scored like a key phrase (how often it occurs, how few
   paragraphs share it, longer phrases a little more);
2. seeds are picked greedily: the best phrase that reaches paragraphs the
   earlier seeds do not, skipping phrases in nearly every paragraph (they
   would swallow the book) and phrases that share a word with a seed;
3. each seed becomes a theme; the other top phrases join the theme whose
   paragraphs they mostly occur in, as its further keywords;
4. the proposal is checked with the real classifier: a theme that would hold
   no paragraph is dropped, until every starter theme holds some.

Nothing here knows any particular text: the only inputs are the paragraphs.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .classify import classify
from .matcher import stem
from .model import Paragraph, ThemeSpec
from .slugs import RESERVED, slugify, unique


def _wordlist(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _wordlist(
    """a about above according across after again against all almost along already also although always am among
    an and another any anyone are around as at away back be became because become been before being below between
    both but by came can cannot could did do does doing done down during each either else enough even ever every
    few first for from further get gets got had has have having he her here hers herself him himself his how
    however i if in including include includes into is it its itself just last later least less like made make
    makes many may me might more most much must my near nearly neither never new next no nor not now of off often
    on once one only onto or other others our ours out over own per perhaps put rather really recent recently said
    same say says second see seen several shall she should since so some something still such than that the their
    theirs them themselves then there therefore these they thing things this those though three through thus to
    today together too took toward towards two under until up upon us used using very via was way ways we well
    went were what whatever when where whether which while who whole whom whose why will with within without would
    year years yet you your yours time times part ago"""
)
#: Common verbs: a theme is named by what a text is about, not by what happens in it.
_VERBS = _wordlist(
    """add adhere agree allow appear ask begin bring build buy call carry change choose close come continue cost create cut
    decide expect fall find follow give go grow happen hear help hold hope keep know lead leave let live look lose
    meet move need offer open pass pay plan play promise propose provide raise reach read remain remember replace
    reply report require return run say see seem sell send serve set show sit speak spend stand start stay stop
    suggest take talk tell think try turn understand use wait walk want watch win work worry write"""
)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_MAX_WORDS = 3


@dataclass(frozen=True)
class _Phrase:
    key: tuple[str, ...]  # stems, as the matcher folds them
    surface: str  # the spelling most often seen
    paragraphs: frozenset[int]
    count: int
    score: float


def _stop(word: str) -> bool:
    lower = word.lower()
    return len(word) < 3 or lower in _STOPWORDS or any(ch.isdigit() for ch in word)


def _weak(word: str) -> bool:
    """A word that says little alone (a verb or an adverb), though it may sit inside a phrase."""
    lower = word.lower()
    base = stem(lower)
    return (
        base in _VERBS
        or lower.endswith("ly")
        or (lower.endswith("ed") and not lower.endswith("eed"))
        or any(lower.endswith(s) and (lower[: -len(s)] in _VERBS or lower[: -len(s)] + "e" in _VERBS) for s in ("ed", "ing", "s"))
    )


#: (stem, start, end) of each content word in a run.
_Run = list[tuple[str, int, int]]


def _runs(text: str) -> list[_Run]:
    """Runs of content words, broken by stopwords, digits and punctuation (a hyphen or space joins)."""
    runs: list[_Run] = []
    current: _Run = []
    last_end = 0
    for match in _TOKEN.finditer(text):
        word = match.group()
        gap = text[last_end : match.start()]
        last_end = match.end()
        if gap.strip() not in ("", "-") or _stop(word):
            runs.append(current)
            current = []
        if not _stop(word):
            current.append((stem(word), match.start(), match.end()))
    runs.append(current)
    return [r for r in runs if r]


def key_phrases(paragraphs: list[str]) -> list[_Phrase]:
    """Every candidate phrase of one to three content words, best first."""
    where: dict[tuple[str, ...], set[int]] = defaultdict(set)
    counts: Counter[tuple[str, ...]] = Counter()
    spellings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for i, text in enumerate(paragraphs):
        for run in _runs(text):
            for size in range(1, _MAX_WORDS + 1):
                for start in range(len(run) - size + 1):
                    part = run[start : start + size]
                    surface = text[part[0][1] : part[-1][2]]
                    if _weak(text[part[0][1] : part[0][2]]) or _weak(text[part[-1][1] : part[-1][2]]):
                        continue  # "asked", "takes place": no theme is named after these
                    key = tuple(s for s, _, _ in part)
                    where[key].add(i)
                    counts[key] += 1
                    spellings[key][surface] += 1
    n = max(1, len(paragraphs))
    phrases = []
    for key, count in counts.items():
        if len(key) > 1 and count < 2:
            continue  # a phrase said once is not yet a key phrase
        df = len(where[key])
        score = count * math.log(1 + n / df) * (1 + 0.6 * (len(key) - 1))
        surface = sorted(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        phrases.append(_Phrase(key, surface, frozenset(where[key]), count, score))
    phrases.sort(key=lambda p: (-p.score, p.key))
    # A word that mostly occurs inside one longer phrase adds nothing of its own.
    longer = [p for p in phrases if len(p.key) > 1]
    kept = []
    for p in phrases:
        covering = [q for q in longer if len(q.key) > len(p.key) and _contains(q.key, p.key)]
        if any(q.count >= 0.7 * p.count for q in covering):
            continue
        kept.append(p)
    return kept


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return any(longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))


def _title(surface: str) -> str:
    return surface[:1].upper() + surface[1:]


def _seeds(phrases: list[_Phrase], n: int, count: int) -> list[_Phrase]:
    too_common = max(2, math.ceil(0.5 * n))
    rare = 2 if n >= 6 else 1
    covered: set[int] = set()
    seeds: list[_Phrase] = []
    pool = [p for p in phrases if rare <= len(p.paragraphs) <= too_common]
    while len(seeds) < count:
        best, best_gain = None, 0.0
        for p in pool:
            if any(set(p.key) & set(s.key) for s in seeds):
                continue
            fresh = len(p.paragraphs - covered) / len(p.paragraphs)
            if fresh < 0.5:
                continue
            gain = p.score * fresh
            if gain > best_gain:
                best, best_gain = p, gain
        if best is None:
            break
        seeds.append(best)
        covered |= best.paragraphs
    return seeds


def _themes(seeds: list[_Phrase], phrases: list[_Phrase], n: int, keywords_each: int) -> list[tuple[_Phrase, list[_Phrase]]]:
    """Each seed with the top phrases that occur mostly in its paragraphs."""
    home: dict[int, int] = {}  # paragraph → the seed that claims it (the first seed found in it)
    for t, seed in enumerate(seeds):
        for i in seed.paragraphs:
            home.setdefault(i, t)
    extra: list[list[_Phrase]] = [[] for _ in seeds]
    used = {s.key for s in seeds}
    too_common = max(2, math.ceil(0.5 * n))
    for p in phrases[: 12 * max(1, len(seeds))]:
        if p.key in used or len(p.paragraphs) > too_common:
            continue
        if any(_contains(p.key, q) for q in used):
            continue  # "green bond" after "green bond market": the longer phrase already matches
        votes = Counter(home[i] for i in p.paragraphs if i in home)
        if not votes:
            continue
        t, hits = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if hits / len(p.paragraphs) >= 0.6 and len(extra[t]) < keywords_each:
            extra[t].append(p)
            used.add(p.key)
    return list(zip(seeds, extra, strict=True))


def _slug(title: str, taken: set[str], index: int) -> str:
    base = slugify(title) or f"theme-{index}"
    return unique(f"{base}-theme" if base in RESERVED else base, taken)


def _specs(groups: list[tuple[_Phrase, list[_Phrase]]]) -> tuple[ThemeSpec, ...]:
    taken: set[str] = set()
    return tuple(
        ThemeSpec(
            title=_title(seed.surface),
            slug=_slug(seed.surface, taken, i + 1),
            keywords=tuple(p.surface for p in [seed, *extra]),
        )
        for i, (seed, extra) in enumerate(groups)
    )


def _placed(paragraphs: list[str], themes: tuple[ThemeSpec, ...]) -> list[int | None]:
    """Which theme (index) the real classifier gives each paragraph."""
    probe = tuple(Paragraph("s", i + 1, f"p-{i}", text) for i, text in enumerate(paragraphs))
    index = {t.slug: i for i, t in enumerate(themes)}
    return [index[a.theme] if a.theme else None for a in classify(probe, themes)]


def _widen(groups: list[tuple[_Phrase, list[_Phrase]]], phrases: list[_Phrase], placed: list[int | None], n: int) -> None:
    """Give a paragraph no theme claims a keyword: its best phrase that otherwise occurs in one theme's paragraphs."""
    used = {p.key for seed, extra in groups for p in [seed, *extra]}
    too_common = max(2, math.ceil(0.5 * n))
    for i, theme in enumerate(placed):
        if theme is not None:
            continue
        for p in phrases:
            if i not in p.paragraphs or p.key in used or not 2 <= len(p.paragraphs) <= too_common:
                continue
            votes = Counter(placed[j] for j in p.paragraphs if j != i and placed[j] is not None)
            if not votes:
                continue
            t, hits = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0] or 0))[0]
            if t is not None and hits / (len(p.paragraphs) - 1) >= 0.5 and len(groups[t][1]) < 8:
                groups[t][1].append(p)
                used.add(p.key)
                break


def propose_themes(paragraphs: list[str], count: int | None = None) -> tuple[ThemeSpec, ...]:
    """A few starter themes, each with keywords, every one of which holds paragraphs when the book is built.

    ``count`` defaults to about one theme per three paragraphs, between two and six.
    """
    n = len(paragraphs)
    if count is None:
        count = max(2, min(6, n // 3))
    phrases = key_phrases(paragraphs)
    if not phrases:
        return ()
    groups = _themes(_seeds(phrases, n, count), phrases, n, keywords_each=5)
    if not groups:  # a tiny text: its best phrase is the whole proposal
        groups = [(phrases[0], [])]
    widened = False
    while True:
        placed = _placed(paragraphs, _specs(groups))
        empty = {i for i in range(len(groups)) if i not in placed}
        if empty and len(groups) > 1:
            groups = [g for i, g in enumerate(groups) if i not in empty]
            continue
        if widened or None not in placed:
            return _specs(groups)
        _widen(groups, phrases, placed, n)
        widened = True
