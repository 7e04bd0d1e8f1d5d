"""Stage 4b: where each knowledge item lives, and the links from its mentions.

Every acronym, term, person and named organisation gets one entry on the
Glossary or People page, with a stable id. On each theme page the first
mention of an item becomes a link to its entry, as a :class:`Span` like the
theme cross-links: spans never overlap each other or a cross-link, and
paragraph text is never inside a heading, so no link lands in one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .base.matcher import PhraseFinder
from .base.slugs import slugify
from .knowledge import Knowledge
from .link import part_path, split_by_size
from .model import Assignment, Paragraph, Span

GLOSSARY_PATH = "glossary.md"
PEOPLE_PATH = "people.md"
TIMELINE_PATH = "timeline.md"

#: CSS classes of the links to glossary and people entries (``bb-<span kind>``).
#: They look a word up rather than point onward, so print leaves them unlabelled.
MENTION_CLASSES = frozenset({"bb-acronym", "bb-term", "bb-person", "bb-entity"})


@dataclass(frozen=True)
class Entry:
    """One linkable item: the phrases that mention it and the address of its entry."""

    key: str  # "acronym:NHB", "term:tidal window", "person:Olga Petrov", "entity:Harbour Board"
    phrases: tuple[str, ...]
    case: bool  # whether the phrases match case-sensitively
    target: str  # "glossary.md#g-nhb"
    title: str


def _ids(prefix: str, names: list[str], taken: set[str]) -> list[str]:
    out = []
    for name in names:  # the same loop as source slugs; share it once main has one helper for both
        base = ident = f"{prefix}-{slugify(name) or 'item'}"
        n = 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        taken.add(ident)
        out.append(ident)
    return out


#: About how many bytes of HTML a part of the Glossary or People page may hold before the rest
#: goes to a next part (``glossary/2.md`` …), like long theme pages: no page nears 1 MB.
PART_BYTES = 250_000
#: Estimated HTML bytes of one entry without its text (heading, permalink, paragraphs) and of one ¶ link.
ENTRY_BYTES = 1_000
CITE_BYTES = 100
#: The People page's groups of named things, in page order (its people come first).
ENTITY_GROUPS = (("organisation", "Organisations"), ("event", "Events"), ("place", "Places"))


def _pages(first: str, sizes: list[tuple[str, int]]) -> dict[str, str]:
    """Entry key → the part of page ``first`` showing it, for entries given in page order with their sizes."""
    chunks = split_by_size(sizes, lambda item: item[1], PART_BYTES)
    return {key: part_path(first, n) for n, chunk in enumerate(chunks, start=1) for key, _ in chunk}


def _size(*texts: str, cites: int) -> int:
    return ENTRY_BYTES + sum(len(t) for t in texts) + CITE_BYTES * cites


def entries(knowledge: Knowledge) -> tuple[Entry, ...]:
    """Every linkable item in page order, with a unique id per page and the page part that shows it."""
    glossary = [(f"acronym:{a.short}", _size(a.short, a.expansion, cites=len(a.anchors))) for a in knowledge.acronyms]
    glossary += [(f"term:{t.term}", _size(t.term, t.definition, t.context, cites=len(t.anchors))) for t in knowledge.terms]
    people = [(f"person:{p.name}", _size(p.name, p.role, p.organisation, cites=len(p.anchors))) for p in knowledge.people]
    people += [
        (f"entity:{e.name}", _size(e.name, cites=len(e.anchors)))
        for kind, _ in ENTITY_GROUPS
        for e in knowledge.entities
        if e.kind == kind
    ]
    page = {**_pages(GLOSSARY_PATH, glossary), **_pages(PEOPLE_PATH, people)}
    taken: set[str] = set()
    out: list[Entry] = []
    acronyms = knowledge.acronyms
    for a, ident in zip(acronyms, _ids("g", [a.short for a in acronyms], taken), strict=True):
        key = f"acronym:{a.short}"
        out.append(Entry(key, (a.short,), True, f"{page[key]}#{ident}", a.expansion))
    terms = knowledge.terms
    for t, ident in zip(terms, _ids("g", [t.term for t in terms], taken), strict=True):
        key = f"term:{t.term}"
        out.append(Entry(key, (t.term,), False, f"{page[key]}#{ident}", t.definition))
    taken = set()
    people_ = knowledge.people
    for p, ident in zip(people_, _ids("person", [p.name for p in people_], taken), strict=True):
        key = f"person:{p.name}"
        out.append(Entry(key, (p.name, *p.aliases), True, f"{page[key]}#{ident}", p.role))
    entities = knowledge.entities
    for e, ident in zip(entities, _ids("org", [e.name for e in entities], taken), strict=True):
        key = f"entity:{e.name}"  # a kind the page does not list stays with its first part
        out.append(Entry(key, (e.name,), True, f"{page.get(key, PEOPLE_PATH)}#{ident}", e.kind))
    return tuple(out)


def page_parts(items: tuple[Entry, ...], first: str) -> tuple[str, ...]:
    """Every part of the knowledge page ``first`` (``glossary.md``, ``glossary/2.md`` …), first one first."""
    later = first.removesuffix(".md") + "/"
    pages = {page for e in items if (page := e.target.partition("#")[0]) == first or page.startswith(later)}
    return tuple(part_path(first, n) for n in range(1, max(len(pages), 1) + 1))


def _occurrences(found: dict[tuple[str, bool], list[tuple[int, int]]], entry: Entry) -> list[tuple[int, int]]:
    spans = [span for phrase in entry.phrases for span in found.get((phrase, entry.case), ())]
    return sorted(spans, key=lambda se: (se[0], -se[1]))


def _theme_page(assignment: Assignment) -> str | None:
    return assignment.theme


#: The phrases of the last Mentions made in this process, its finder, and what it found in each paragraph text.
_last_finder: tuple[tuple[tuple[str, bool], ...], PhraseFinder, dict[str, dict[tuple[str, bool], list[tuple[int, int]]]]] | None = None


def forget_mentions() -> None:
    """Forget the last run's phrase finder and what it found, as a new process would."""
    global _last_finder
    _last_finder = None


class Mentions:
    """Where each knowledge item is mentioned in each paragraph, found once per paragraph and remembered.

    The theme pages and the source pages link the same mentions; one finder serves both.
    """

    def __init__(self, items: tuple[Entry, ...]) -> None:
        global _last_finder
        self.by_length = sorted(items, key=lambda e: (-max(len(p) for p in e.phrases), e.key))
        # One pass over each paragraph finds every item's phrases (see PhraseFinder); then
        # only the items found there are tried, longest first.
        phrases = tuple((phrase, e.case) for e in self.by_length for phrase in e.phrases)
        if _last_finder is not None and _last_finder[0] == phrases:
            # The same phrases as the last run in this process (an edit that changed no entry):
            # what they were found to be in a text still holds; only new texts are searched.
            _, self.finder, self._before = _last_finder
        else:
            self.finder, self._before = PhraseFinder(phrases), {}
        self.rank: dict[tuple[str, bool], list[int]] = {}
        for i, e in enumerate(self.by_length):
            for phrase in e.phrases:
                self.rank.setdefault((phrase, e.case), []).append(i)
        self._found: dict[str, dict[tuple[str, bool], list[tuple[int, int]]]] = {}  # by paragraph text
        _last_finder = (phrases, self.finder, self._found)

    def in_paragraph(self, paragraph: Paragraph) -> dict[tuple[str, bool], list[tuple[int, int]]]:
        """Where each phrase occurs in the paragraph (shared: read it, do not change it)."""
        found = self._found.get(paragraph.text)
        if found is None:
            found = self._before.get(paragraph.text)
            if found is None:
                found = self.finder.find(paragraph.text)
            self._found[paragraph.text] = found
        return found


def mention_links(
    assignments: tuple[Assignment, ...],
    items: tuple[Entry, ...],
    spans: dict[str, tuple[Span, ...]],
    page_of: Callable[[Assignment], str | None] = _theme_page,
    mentions: Mentions | None = None,
) -> dict[str, tuple[Span, ...]]:
    """``spans`` plus a link from the first mention of each item on each page to its entry.

    ``page_of`` says which page a paragraph is shown on: its theme's page (the
    default; unassigned paragraphs get none) or, for source pages, its source.
    ``mentions`` (made from the same ``items``) may be shared between calls.
    """
    out = dict(spans)
    linked: set[tuple[str, str]] = set()  # (theme page, entry key)
    mentions = mentions if mentions is not None else Mentions(items)
    by_length, rank = mentions.by_length, mentions.rank
    for assignment in assignments:
        page = page_of(assignment)
        if page is None:
            continue
        p = assignment.paragraph
        found = mentions.in_paragraph(p)
        if not found:
            continue
        taken = [(s.start, s.end) for s in out.get(p.anchor, ())]
        added: list[Span] = []
        for entry in (by_length[i] for i in sorted({i for key in found for i in rank[key]})):
            if (page, entry.key) in linked:
                continue
            for start, end in _occurrences(found, entry):
                if all(end <= a or start >= b for a, b in taken):
                    taken.append((start, end))
                    added.append(Span(start, end, entry.target, entry.key.split(":", 1)[0], entry.title))
                    linked.add((page, entry.key))
                    break
        if added:
            out[p.anchor] = tuple(sorted([*out.get(p.anchor, ()), *added], key=lambda s: s.start))
    return out
