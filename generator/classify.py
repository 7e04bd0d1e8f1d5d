"""Stage 3: place each paragraph in the theme its keywords and its context point to.

Counting keyword mentions alone goes wrong on real texts: a long phrase
outscores the word a paragraph is about, a phrase the whole text repeats pulls
in paragraphs about something else, and a heading or a short "She said:" line
with no keyword is left out although its section plainly belongs to a theme.
So a paragraph is placed in three steps, each linear in the book:

1. **Its own evidence.** Each keyword weighs what it tells apart: an IDF-style
   weight, ``ln(1 + N/df)`` over the book's N paragraphs, df of them holding
   the keyword (worked out in one pass). Repeated mentions add less and less
   (``2·tf/(tf+1)``), so one phrase said five times does not drown the rest.
2. **Its context.** The paragraphs just before and after it in the same
   source, and the section it sits in (from the last heading, a short line
   with no closing punctuation, to the next), add a little to each theme. For
   a paragraph with its own clear evidence this only breaks near-ties; a
   heading or a short paragraph with no or weak evidence takes the theme of its
   neighbours and section. A line ending in ":" introduces the next paragraph
   and takes its theme.
3. **Shared paragraphs.** When the runner-up has real evidence of its own and
   scores close to the winner, the paragraph belongs to both: it is shown on
   both theme pages, marked as shared, rather than the theme listed first in
   book.yml taking it on a tie.

A paragraph with no evidence and no context is unassigned ("Other"), never
dropped. Every assignment records its hits, scores, rule and runner-up so the
book and ``briefbook check --explain`` can say why.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .base.matcher import Match, PhraseMatcher, word_count
from .model import Assignment, KeywordHit, Paragraph, ThemeSpec

#: A paragraph of at most this many words may be placed by its context alone.
SHORT_WORDS = 45
#: A heading: at most this many words, and no closing punctuation.
HEADING_WORDS = 14
#: Own evidence below this (about one mention of a keyword found in a third of
#: the book) is weak: a short paragraph then follows its context.
WEAK_EVIDENCE = 1.2
#: The neighbours are the nearest paragraphs with keywords, at most this many paragraphs away.
REACH = 2
#: How much the neighbours (each) and the section add, as a share of a paragraph's own best score.
NEIGHBOUR_WEIGHT = 0.25
SECTION_WEIGHT = 0.5
#: Context alone places a paragraph only when it adds up to this much (both neighbours, or a
#: neighbour and the section, about one theme), in units of one ordinary keyword.
MIN_CONTEXT = 0.4
#: After a line ending in ':', paragraphs of at most this many words are the items of its list.
LIST_ITEM_WORDS = 25
#: How much the line that opens a list ("Our support includes:") adds to each of its items.
LIST_WEIGHT = 0.5
#: The runner-up shares the paragraph when its own keywords, and its score with the context,
#: come to at least this share of the winner's: a near-tie. (On the dev corpus a looser 0.8
#: shared 28 paragraphs, of which labellers accepted both themes for 7: close scores alone
#: do not make a paragraph belong to two themes.)
SHARE_RATIO = 0.95
#: ...and its keywords weigh at least this much (one mention of a keyword found in under
#: about 40 % of the paragraphs): a keyword most paragraphs mention is no evidence of a second theme.
SHARE_EVIDENCE = 1.2
_ENDS_SENTENCE = tuple(".!?;…\"'”’)]")

# Rules, as ``check --explain`` prints them.
RULE_KEYWORDS = "keywords"
RULE_NEIGHBOURS = "neighbours"
RULE_SECTION = "section"
RULE_INTRODUCES = "introduces the next paragraph"
RULE_LIST = "list"


def keyword_matcher(themes: tuple[ThemeSpec, ...]) -> PhraseMatcher:
    """A matcher whose keys are ``"<theme slug>\\t<keyword>"``."""
    return PhraseMatcher((f"{t.slug}\t{k}", k) for t in themes for k in t.keywords)


#: The last keyword matcher made in this process, with what it found in each paragraph text (see keyword_matches).
_last_matches: tuple[tuple[tuple[str, str], ...], PhraseMatcher, dict[str, list[Match]]] | None = None


def keyword_matches(paragraphs: tuple[Paragraph, ...], themes: tuple[ThemeSpec, ...]) -> dict[str, list[Match]]:
    """Every keyword occurrence of every paragraph, by anchor: found once, used by classify and link.

    What a matcher finds depends only on its keywords and the text, so the last run's matches of a text are
    reused while the themes' keywords stay the same: after an edit (``briefbook serve``), only new or changed
    paragraphs are searched. The lists returned are shared: read them, do not change them.
    """
    global _last_matches
    phrases = tuple((f"{t.slug}\t{k}", k) for t in themes for k in t.keywords)
    if _last_matches is not None and _last_matches[0] == phrases:
        _, matcher, before = _last_matches
    else:
        matcher, before = PhraseMatcher(phrases), {}
    now: dict[str, list[Match]] = {}
    out: dict[str, list[Match]] = {}
    for p in paragraphs:
        found = now.get(p.text)
        if found is None:
            found = before.get(p.text)
            if found is None:
                found = matcher.find(p.text)
            now[p.text] = found
        out[p.anchor] = found
    _last_matches = (phrases, matcher, now)
    return out


def forget_matches() -> None:
    """Forget the last run's keyword matches, as a new process would."""
    global _last_matches
    _last_matches = None


def is_heading(text: str) -> bool:
    """A short line that does not end a sentence: a section heading such as "Clean ports"."""
    stripped = text.rstrip()
    return bool(stripped) and not stripped.endswith((*_ENDS_SENTENCE, ":")) and len(stripped.split()) <= HEADING_WORDS


def _introduces(text: str) -> bool:
    """A short line ending in ':' ("The minister said:"): it belongs with what it introduces."""
    stripped = text.rstrip()
    return stripped.endswith(":") and len(stripped.split()) <= SHORT_WORDS


@dataclass(frozen=True)
class _Evidence:
    """One paragraph's own keyword evidence."""

    scores: dict[str, float]
    hits: tuple[KeywordHit, ...]
    heading: bool
    short: bool
    intro: int = -1  # for an item of a list, the paragraph that opens the list ("… includes:")

    @property
    def best(self) -> float:
        return max(self.scores.values(), default=0.0)

    def share(self) -> dict[str, float]:
        """The evidence as shares of 1: context counts what a neighbour is about, not how long it is."""
        total = sum(self.scores.values())
        return {t: s / total for t, s in self.scores.items()} if total else {}


def _idf(paragraphs: int, holding: int) -> float:
    """What one mention of a keyword tells apart: more the fewer paragraphs hold it."""
    return math.log(1 + paragraphs / holding)


def _saturate(count: int) -> float:
    return 2 * count / (count + 1)


def _keys(paragraphs: tuple[Paragraph, ...], matches: dict[str, list[Match]]) -> list[Counter[str]]:
    """How often each keyword key occurs in each paragraph."""
    keys_per_paragraph: list[Counter[str]] = []
    for paragraph in paragraphs:
        counts: Counter[str] = Counter()
        for match in matches[paragraph.anchor]:
            counts.update(match.keys)
        keys_per_paragraph.append(counts)
    return keys_per_paragraph


def _weights(keys_per_paragraph: list[Counter[str]]) -> dict[str, float]:
    """Each keyword key's weight over the whole book (see :func:`_idf`)."""
    df: Counter[str] = Counter()
    for counts in keys_per_paragraph:
        df.update(counts.keys())
    n = len(keys_per_paragraph)
    return {key: round(_idf(n, count), 2) for key, count in df.items()}


def _evidence(paragraphs: tuple[Paragraph, ...], keys_per_paragraph: list[Counter[str]], weight: dict[str, float]) -> list[_Evidence]:
    out: list[_Evidence] = []
    intro = -1  # inside a list: after a line ending in ':', short lines are its items, not headings
    for i, (paragraph, counts) in enumerate(zip(paragraphs, keys_per_paragraph, strict=True)):
        if i and paragraphs[i - 1].source != paragraph.source:
            intro = -1
        heading = is_heading(paragraph.text)
        item = -1
        if paragraph.text.rstrip().endswith(":"):
            intro = i
        elif intro >= 0 and (heading or len(paragraph.text.split()) <= LIST_ITEM_WORDS):
            heading, item = False, intro
        else:
            intro = -1
        hits = []
        scores: dict[str, float] = {}
        for key, count in sorted(counts.items()):
            slug, keyword = key.split("\t", 1)
            hits.append(KeywordHit(theme=slug, keyword=keyword, count=count, weight=weight[key]))
            scores[slug] = scores.get(slug, 0.0) + weight[key] * _saturate(count)
        size = word_count(paragraph.text)
        out.append(_Evidence(scores, tuple(hits), heading, size <= SHORT_WORDS, item))
    return out


def _sections(paragraphs: tuple[Paragraph, ...], evidence: list[_Evidence]) -> list[dict[str, float]]:
    """For each paragraph, what the rest of its section is about (shares summing to at most 1).

    A section runs from a heading to the next heading in the same source; a
    source without headings has none. The heading's own keywords count double:
    they name the section. One pass to sum each section, one to read it back.
    """
    section_of: list[int] = []  # paragraph → section number, -1 for none
    totals: list[Counter[str]] = []
    members: list[int] = []
    source = None
    current = -1
    for paragraph, ev in zip(paragraphs, evidence, strict=True):
        if paragraph.source != source:
            source, current = paragraph.source, -1
        if ev.heading:
            totals.append(Counter())
            members.append(0)
            current = len(totals) - 1
            totals[current].update({t: 2 * s for t, s in ev.share().items()})
            members[current] += 2
            section_of.append(current)
            continue
        section_of.append(current)
        if current >= 0:
            totals[current].update(ev.share())
            members[current] += 1
    out: list[dict[str, float]] = []
    for ev, section in zip(evidence, section_of, strict=True):
        if section < 0:
            out.append({})
            continue
        own = ev.share()
        weight = 2 if ev.heading else 1
        others = members[section] - weight
        if others <= 0:
            out.append({})
            continue
        out.append({t: (s - weight * own.get(t, 0.0)) / others for t, s in totals[section].items() if s - weight * own.get(t, 0.0) > 1e-9})
    return out


def _nearest(paragraphs: tuple[Paragraph, ...], evidence: list[_Evidence]) -> list[tuple[int, int]]:
    """For each paragraph, the nearest paragraph before and after it with keywords of its own (-1: none).

    Only within the same source and at most :data:`REACH` paragraphs away: a
    quotation with no keyword between "She said:" and the next paragraph about
    the theme still sees that paragraph. One pass each way.
    """
    n = len(paragraphs)
    before, after = [-1] * n, [-1] * n
    for step, indices in ((-1, range(n)), (1, range(n - 1, -1, -1))):
        last = -1
        for i in indices:
            if last >= 0 and (paragraphs[last].source != paragraphs[i].source or abs(i - last) > REACH):
                last = -1
            if evidence[i].heading and step < 0:
                last = -1  # a heading belongs to what follows it, not to the section before
            (before if step < 0 else after)[i] = last
            if evidence[i].scores:
                last = i
            elif evidence[i].heading:
                last = -1  # nor does the paragraph before a heading look past it
    return list(zip(before, after, strict=True))


def _ranked(scores: dict[str, float], order: list[str]) -> list[tuple[str, float]]:
    return sorted(((t, scores.get(t, 0.0)) for t in order), key=lambda ts: -ts[1])  # stable: book.yml order on a tie


#: The last classification in this process: what its assignments depended on book-wide (the themes' keywords
#: and the keywords' weights, with the rules' thresholds), and each source's run of paragraphs with their assignments.
_last_classified: tuple[Any, dict[tuple[Paragraph, ...], tuple[Assignment, ...]]] | None = None


def forget_classified() -> None:
    """Forget the last run's assignments, as a new process would."""
    global _last_classified
    _last_classified = None


def classify(
    paragraphs: tuple[Paragraph, ...], themes: tuple[ThemeSpec, ...], matches: dict[str, list[Match]] | None = None
) -> tuple[Assignment, ...]:
    """Each paragraph's theme (or none), its runner-up, the themes it is shared with, and why.

    Only two things reach across sources: the themes and the keywords' weights (how many paragraphs of the
    whole book hold each keyword). Everything else a paragraph's assignment looks at (its neighbours, its
    section, the list it is in) lies in its own source. So while the themes and the weights are those of the
    last run in this process, a source whose paragraphs are the same gets the same assignments as then, and
    after one source is edited only that source is classified again (``briefbook serve``).
    """
    global _last_classified
    if matches is None:
        matches = keyword_matches(paragraphs, themes)
    keys_per_paragraph = _keys(paragraphs, matches)
    weight = _weights(keys_per_paragraph)
    rules = (SHORT_WORDS, HEADING_WORDS, WEAK_EVIDENCE, REACH, NEIGHBOUR_WEIGHT, SECTION_WEIGHT, MIN_CONTEXT, LIST_ITEM_WORDS,
             LIST_WEIGHT, SHARE_RATIO, SHARE_EVIDENCE)  # read now: a test may have changed one
    book_wide = (themes, sorted(weight.items()), rules)
    before = _last_classified[1] if _last_classified is not None and _last_classified[0] == book_wide else {}
    order = [t.slug for t in themes]
    now: dict[tuple[Paragraph, ...], tuple[Assignment, ...]] = {}
    out: list[Assignment] = []
    start = 0
    for end in range(1, len(paragraphs) + 1):
        if end < len(paragraphs) and paragraphs[end].source == paragraphs[start].source:
            continue
        run = paragraphs[start:end]  # one source's paragraphs (a source's paragraphs are consecutive)
        assigned = before.get(run)
        if assigned is None:
            assigned = _classify_run(run, order, keys_per_paragraph[start:end], weight)
        now[run] = assigned
        out.extend(assigned)
        start = end
    _last_classified = (book_wide, now)
    return tuple(out)


def _classify_run(
    paragraphs: tuple[Paragraph, ...], order: list[str], keys_per_paragraph: list[Counter[str]], weight: dict[str, float]
) -> tuple[Assignment, ...]:
    """:func:`classify` for paragraphs that may only see each other: one source's, or a book's whole."""
    evidence = _evidence(paragraphs, keys_per_paragraph, weight)
    sections = _sections(paragraphs, evidence)
    near = _nearest(paragraphs, evidence)
    assignments = []
    for i, (paragraph, ev) in enumerate(zip(paragraphs, evidence, strict=True)):
        before, after = (evidence[j].share() if j >= 0 else {} for j in near[i])
        introduces = _introduces(paragraph.text) and ev.best < WEAK_EVIDENCE
        # Context counts in units of the paragraph's own best score (at least one
        # ordinary keyword's worth), so it tips a near-tie but never outvotes clear evidence.
        unit = max(ev.best, 1.0)
        parts: dict[str, dict[str, float]] = {
            RULE_NEIGHBOURS: {
                t: unit * NEIGHBOUR_WEIGHT * (before.get(t, 0.0) + after.get(t, 0.0)) for t in sorted({*before, *after})
            },
            RULE_SECTION: {t: unit * SECTION_WEIGHT * s for t, s in sections[i].items()},
            RULE_INTRODUCES: {t: unit * 2 * s for t, s in after.items()} if introduces else {},
            RULE_LIST: {t: unit * LIST_WEIGHT * s for t, s in evidence[ev.intro].share().items()} if ev.intro >= 0 else {},
        }
        combined = dict(ev.scores)
        for part in parts.values():
            for t, s in part.items():
                combined[t] = combined.get(t, 0.0) + s
        # A long paragraph is judged on its own words; context only chooses among the themes it mentions.
        by_context = ev.heading or introduces or (ev.short and ev.best < WEAK_EVIDENCE)
        candidates = combined if by_context else {t: s for t, s in combined.items() if t in ev.scores}
        ranked = _ranked(candidates, order)
        # No keyword at all: the context must be clear; a heading needs less, as it has only one side.
        floor = 0.0 if ev.scores else MIN_CONTEXT / 2 if ev.heading else MIN_CONTEXT
        best = ranked[0][0] if ranked and ranked[0][1] > floor else None
        runner_up = ranked[1][0] if best and len(ranked) > 1 and ranked[1][1] > 0 else None
        rule = ""
        if best is not None:
            own_best = _ranked(ev.scores, order)[0][0] if ev.scores else None
            if best == own_best and ev.scores[best] >= max((s for p in parts.values() for t, s in p.items() if t == best), default=0.0):
                rule = RULE_KEYWORDS
            else:
                rule = max(parts, key=lambda name: (parts[name].get(best or "", 0.0), name == RULE_INTRODUCES))
        also: tuple[str, ...] = ()
        if best is not None and runner_up is not None:
            second, first = ev.scores.get(runner_up, 0.0), ev.scores.get(best, 0.0)
            if second >= SHARE_EVIDENCE and second >= SHARE_RATIO * first and ranked[1][1] >= SHARE_RATIO * ranked[0][1]:
                also = (runner_up,)
        assignments.append(
            Assignment(
                paragraph=paragraph,
                theme=best,
                scores=tuple((t, round(combined.get(t, 0.0), 2)) for t in order),
                hits=ev.hits,
                runner_up=runner_up,
                also=also,
                rule=rule,
            )
        )
    return tuple(assignments)
