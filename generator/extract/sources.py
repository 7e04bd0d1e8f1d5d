"""The per-source half of extraction: what the rules find in one source, on its own.

Extraction is a map and a reduce. The map (:func:`find_in_source`) reads one
source's paragraphs and finds every candidate acronym definition, name, term,
person, figure, date and named period in them; the reduce (``extract``)
combines the sources' findings in book order, applies book.yml and finds the
mentions. The map needs only the source's own paragraphs, its title and
publication date, and a few book-wide word lists (:class:`Rules`), so

* sources can be read in parallel (:func:`find_all` uses a process pool when
  the book is big enough for it to pay, ``BRIEFBOOK_WORKERS`` overrides the
  number of workers), with the same findings whatever the number of workers,
  because the reduce takes them in source order;
* one source's findings can be remembered (:class:`Memo`) and reused after
  another source is edited.

The book-wide word lists are the words the whole book uses in lower case
(``common``) and the words that never start a name (``stop``); an edit
anywhere may change them. So the map records which words it asked about and
the answers it got, and a remembered finding is reused only when every one of
those questions has the same answer in the edited book.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ..knowledge import Figure, TimelineEntry
from ..model import Paragraph
from .acronyms import Definition, definitions_in
from .dates import periods_in, source_timeline
from .figures import FigureKey, keyed_figures
from .names import Cues, Named, entity_candidates, programme_names, term_candidates
from .people import Found, people_in


class Asked:
    """A word list that remembers the questions put to it: ``word in words``, and the answer."""

    __slots__ = ("no", "words", "yes")

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self.yes: set[str] = set()
        self.no: set[str] = set()

    def __contains__(self, word: object) -> bool:
        if word in self.words:
            self.yes.add(word)  # type: ignore[arg-type]  # only ever asked about str
            return True
        self.no.add(word)  # type: ignore[arg-type]
        return False

    def answers(self) -> tuple[frozenset[str], frozenset[str]]:
        return frozenset(self.yes), frozenset(self.no)


@dataclass(frozen=True)
class Rules:
    """What the map reads of the whole book: book.yml's cues and roles, and the book-wide word lists."""

    cues: Cues
    roles: frozenset[str]
    common: frozenset[str]  # words the book uses in lower case
    stop: frozenset[str]  # words that never open a name
    digest: str  # of everything above but the word lists (which are checked word by word, see Asked)


@dataclass(frozen=True)
class ParagraphFindings:
    """What the rules found in one paragraph, before book.yml and the other sources have a say."""

    paragraph: Paragraph
    definitions: tuple[Definition, ...]
    named: tuple[Named, ...]
    programmes: tuple[tuple[str, str], ...]
    terms: tuple[tuple[str, str], ...]
    people: tuple[Found, ...]
    figures: tuple[tuple[FigureKey, Figure], ...]
    periods: tuple[str, ...]


@dataclass(frozen=True)
class SourceFindings:
    """What the rules found in one source: its paragraphs' findings, its title's people and its timeline."""

    source: str
    paragraphs: tuple[ParagraphFindings, ...]
    title: str  # the title as read: a headline, with a full stop added
    title_people: tuple[Found, ...]
    timeline: tuple[TimelineEntry, ...]  # in paragraph order
    common: tuple[frozenset[str], frozenset[str]]  # words asked about the book's common words: (in it, not in it)
    stop: tuple[frozenset[str], frozenset[str]]


def find_in_source(paragraphs: Sequence[Paragraph], title: Paragraph | None, published: str, rules: Rules) -> SourceFindings:
    """Everything the rules find in one source (``title`` is its headline read as a paragraph, if it has one)."""
    common, stop = Asked(rules.common), Asked(rules.stop)
    cue_words = frozenset(rules.cues.kinds)
    found = tuple(
        ParagraphFindings(
            paragraph=p,
            definitions=tuple(definitions_in(p)),
            named=tuple(entity_candidates(p, rules.cues, common, rules.roles)),
            programmes=tuple(programme_names(p, common)),
            terms=tuple(term_candidates(p, rules.cues)),
            people=tuple(people_in(p, rules.roles, stop, common, cue_words)),
            figures=tuple(keyed_figures(p)),
            periods=tuple(periods_in(p)),
        )
        for p in paragraphs
    )
    title_people = tuple(people_in(title, rules.roles, stop, common, cue_words)) if title is not None else ()
    timeline = tuple(source_timeline(paragraphs, published))
    return SourceFindings(paragraphs[0].source, found, title.text if title is not None else "", title_people, timeline,
                          common.answers(), stop.answers())


@dataclass(frozen=True)
class Task:
    """One source to read: its paragraphs, its title as a paragraph, its publication date."""

    paragraphs: tuple[Paragraph, ...]
    title: Paragraph | None
    published: str

    def key(self, rules: Rules) -> str:
        """A digest of everything the map reads, the word lists aside (see :class:`Asked`)."""
        digest = hashlib.sha256(f"{rules.digest}\n{self.published}\n".encode())
        for p in (*((self.title,) if self.title is not None else ()), *self.paragraphs):
            digest.update(f"{p.source}\0{p.number}\0{p.anchor}\0{len(p.text)}\0{p.text}\n".encode())
        return digest.hexdigest()


def still_true(found: SourceFindings, rules: Rules) -> bool:
    """Whether every word the map asked about gets the same answer from this book's word lists."""
    for (yes, no), words in ((found.common, rules.common), (found.stop, rules.stop)):
        if not yes <= words or not no.isdisjoint(words):
            return False
    return True


class Memo:
    """Findings remembered from earlier runs, by task key (kept in the signed cache, see generator.base.cache)."""

    def __init__(self, found: Mapping[str, SourceFindings] | None = None) -> None:
        self.found: dict[str, SourceFindings] = dict(found or {})
        self.changed = False  # whether the last find_all read a source or forgot one

    def update(self, found: dict[str, SourceFindings]) -> None:
        self.changed = found.keys() != self.found.keys() or any(found[k] is not self.found[k] for k in found)
        self.found = found

#: Below this many paragraphs to read, one process does it. Forking two workers takes about 0.05 s and
#: sending findings back about 5 % of the work (measured on the synthetic bench book, about 0.9 ms of CPU
#: per paragraph); below about 1,500 paragraphs a free second core would save well under a second, and
#: a busy one saves nothing.
POOL_MIN_PARAGRAPHS = 1500
WORKERS_ENV = "BRIEFBOOK_WORKERS"


def workers() -> int:
    """How many processes read sources: ``$BRIEFBOOK_WORKERS``, else one per core."""
    wanted = os.environ.get(WORKERS_ENV, "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        return int(wanted)
    return os.cpu_count() or 1


_rules: Rules | None = None


def _set_rules(rules: Rules) -> None:
    global _rules  # noqa: PLW0603 - each worker process gets the book's rules once, not with every source
    _rules = rules


def _read_batch(batch: list[Task]) -> list[SourceFindings]:
    assert _rules is not None
    return [find_in_source(t.paragraphs, t.title, t.published, _rules) for t in batch]


def _batches(tasks: list[Task], count: int) -> Iterator[list[Task]]:
    """Tasks in book order, cut into about ``count`` batches of similar size in paragraphs."""
    total = sum(len(t.paragraphs) for t in tasks)
    size = max(1, total // count)
    batch: list[Task] = []
    filled = 0
    for task in tasks:
        batch.append(task)
        filled += len(task.paragraphs)
        if filled >= size:
            yield batch
            batch, filled = [], 0
    if batch:
        yield batch


def find_all(tasks: Iterable[Task], rules: Rules, memo: Memo | None = None) -> list[SourceFindings]:
    """Every source's findings, in the order of ``tasks``; remembered ones reused, new ones added to ``memo``."""
    tasks = list(tasks)
    keys = [t.key(rules) for t in tasks]
    known = memo.found if memo is not None else {}
    out: list[SourceFindings | None] = []
    todo: list[int] = []
    for i, key in enumerate(keys):
        found = known.get(key)
        if found is not None and still_true(found, rules):
            out.append(found)
        else:
            out.append(None)
            todo.append(i)
    fresh = _read(tasks, todo, rules)
    for i, found in zip(todo, fresh, strict=True):
        out[i] = found
    if memo is not None:
        memo.update({key: found for key, found in zip(keys, out, strict=True) if found is not None})
    return [f for f in out if f is not None]


def _read(tasks: list[Task], todo: list[int], rules: Rules) -> list[SourceFindings]:
    pending = [tasks[i] for i in todo]
    count = min(workers(), len(pending))
    if count <= 1 or sum(len(t.paragraphs) for t in pending) < POOL_MIN_PARAGRAPHS:
        return [find_in_source(t.paragraphs, t.title, t.published, rules) for t in pending]
    with ProcessPoolExecutor(count, initializer=_set_rules, initargs=(rules,)) as pool:
        batches = list(_batches(pending, count * 4))
        return [found for done in pool.map(_read_batch, batches) for found in done]


def tasks_of(paragraphs: tuple[Paragraph, ...], published: Mapping[str, str], titles: Mapping[str, str]) -> list[Task]:
    """The paragraphs cut into their sources (each source's paragraphs are consecutive), in book order."""
    out: list[Task] = []
    start = 0
    for i in range(1, len(paragraphs) + 1):
        if i == len(paragraphs) or paragraphs[i].source != paragraphs[start].source:
            own = paragraphs[start:i]
            source = own[0].source
            title = titles.get(source, "").strip()
            headline = Paragraph(source, 0, own[0].anchor, title if title[-1:] in ".?!" else f"{title}.") if title else None
            out.append(Task(own, headline, published.get(source, "")))
            start = i
    return out
