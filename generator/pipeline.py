"""The whole pipeline: config → read → identify → classify → link → render → write.

The book is gathered completely (every paragraph classified, every link
resolved) before any page is rendered, and every page is rendered before
any file is written.
"""

from __future__ import annotations

import contextlib
import gc
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .base import cache, inputs
from .base.shipped import BUILTIN_TEMPLATES
from .classify import classify, forget_classified, forget_matches, keyword_matches
from .config import keyword_problem, load_book_config
from .extract import extract
from .extract.sources import Memo
from .identify import identify
from .link import Registry, build_registry, cross_links
from .mentions import GLOSSARY_PATH, PEOPLE_PATH, Mentions, entries, forget_mentions, mention_links, page_parts
from .model import Book, BookConfig, OutputFile
from .outputs.printpage import PrintFacts
from .read import publication_events, read_sources
from .render import PageMemo, nav, render
from .write import MANIFEST, WriteReport, write_docs


class BookSlot:
    """Holds a Result's :class:`Book`, which a cached Result does not store.

    Unpickling thousands of classified paragraphs costs more than a warm run
    may take, and an unchanged book needs only its nav, config and counts. A
    Result read back from the cache rebuilds its Book from the (unchanged)
    inputs the first time someone asks for it.
    """

    __slots__ = ("_book", "_root")

    def __init__(self, book: Book | None, root: Path) -> None:
        self._book = book
        self._root = root

    def get(self) -> Book:
        if self._book is None:
            self._book = assemble(self._root)[0]
        return self._book

    def __getstate__(self) -> str:
        return str(self._root)

    def __setstate__(self, state: str) -> None:
        self._book = None
        self._root = Path(state)


@dataclass(frozen=True)
class Counts:
    """The book's size, for the summary line: known without the whole Book."""

    sources: int
    paragraphs: int
    themes: tuple[tuple[str, int], ...]  # (theme title, paragraphs), in book.yml order
    unassigned: int

    @staticmethod
    def of(book: Book) -> Counts:
        per_theme: dict[str | None, int] = {}
        for a in book.assignments:
            per_theme[a.theme] = per_theme.get(a.theme, 0) + 1
        themes = tuple((t.title, per_theme.get(t.slug, 0)) for t in book.config.themes)
        return Counts(len(book.sources), len(book.paragraphs), themes, per_theme.get(None, 0))


@dataclass(frozen=True)
class Result:
    """What a run produced: the book, its files, the MkDocs nav and what was written."""

    slot: BookSlot = field(repr=False, compare=False)
    registry: Registry
    files: tuple[OutputFile, ...]
    nav: list[Any]
    report: WriteReport | None
    warnings: tuple[str, ...]
    config: BookConfig
    counts: Counts
    print_facts: PrintFacts  # what the print page needs of the book, kept so that it never needs the Book
    fingerprint: str  # of the inputs this result was made from (see generator.base.cache)
    # (digest of what a page was made from, its path) for every rendered page: the next run, after an edit,
    # reuses the bytes of each page whose digest is the same (see generator.render.PageMemo)
    page_digests: tuple[tuple[bytes, str], ...] = ()

    @property
    def book(self) -> Book:
        return self.slot.get()


def assemble(root: Path) -> tuple[Book, Registry]:
    """Run every stage up to linking: the whole book, in memory.

    Each source's findings are remembered in memory for the next run (:func:`generate` also keeps them in the
    book's signed findings file; ``briefbook check`` writes nothing).
    """
    config = load_book_config(root)
    sources = read_sources(config)
    paragraphs = identify(sources)
    memo = Memo(cache.recall_findings(root))  # each source's findings from an earlier run, reused where still true
    knowledge = extract(paragraphs, config, {s.slug: s.date for s in sources if s.date}, {s.slug: s.title for s in sources},
                        memo)
    if memo.changed:
        cache.remember_findings(root, memo.found)
    if published := publication_events(sources, paragraphs, knowledge.timeline):  # the sources' own dates join the timeline
        order = {p.anchor: i for i, p in enumerate(paragraphs)}
        events = [(e, 1) for e in knowledge.timeline] + [(e, 0) for e in published]
        events.sort(key=lambda pair: (pair[0].start, pair[0].end, order[pair[0].anchor], pair[1]))
        knowledge = replace(knowledge, timeline=tuple(e for e, _ in events))
    matches = keyword_matches(paragraphs, config.themes)
    assignments = classify(paragraphs, config.themes, matches)
    registry = build_registry(config.themes, sources, paragraphs, assignments)
    spans, links = cross_links(assignments, config.themes, registry, matches)
    items = entries(knowledge)
    mentions = Mentions(items)
    spans = mention_links(assignments, items, spans, mentions=mentions)
    source_spans = mention_links(assignments, items, {}, page_of=lambda a: a.paragraph.source, mentions=mentions)
    book = Book(
        config=config, sources=sources, paragraphs=paragraphs, assignments=assignments, spans=spans, links=links,
        knowledge=knowledge, source_spans=source_spans,
    )
    return book, registry


def knowledge_parts(book: Book) -> tuple[tuple[str, ...], ...]:
    """The parts of the Glossary and of People & organisations (one each when they are short)."""
    items = entries(book.knowledge)
    return tuple(page_parts(items, first) for first in (GLOSSARY_PATH, PEOPLE_PATH))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc, exactly: a quick first look


def warnings_for(book: Book) -> tuple[str, ...]:
    """Things an author should look at; the book still builds."""
    out = []
    for theme in book.config.themes:
        for keyword in theme.keywords:
            if problem := keyword_problem(keyword):
                out.append(f"theme '{theme.slug}': keyword {problem}")
        if not book.theme_paragraphs(theme.slug):
            out.append(f"theme '{theme.slug}' has no paragraphs: none of its keywords ({', '.join(theme.keywords)}) beats another theme's")
    for source in book.sources:
        for number, text in enumerate((source.title, *source.paragraphs)):
            if _CONTROL.search(text) is None:  # the usual case, found without a look at each character
                continue
            controls = sorted({c for c in text if unicodedata.category(c) == "Cc"})
            if controls:
                where = f"¶{number}" if number else "title"
                codes = ", ".join(f"U+{ord(c):04X}" for c in controls)
                out.append(f"seeds/{source.filename} {where}: control characters ({codes}) are not text: shown as spaces")
    for a in book.unassigned:
        p = a.paragraph
        out.append(f"sources/{p.source} ¶{p.number} matches no theme's keywords: listed under Other paragraphs")
    return tuple(out)


#: The pages each book's last generation in this process rendered (see :class:`~generator.render.PageMemo`):
#: ``briefbook serve`` generates again after every edit, and most pages come out the same.
_pages: dict[Path, PageMemo] = {}


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a generation runs, back on after (if it was on).

    A generation allocates hundreds of thousands of small objects that live until it ends (views,
    spans, assignments), and each batch of them sets off a collection that walks the whole heap, the
    remembered pages of the last run included: about a fifth of the time of a generation after an edit
    in a big book. What it leaves to collect (few cycles: its data are trees of frozen dataclasses) is
    collected as usual afterwards.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _last_pages(root: Path) -> dict[bytes, str]:
    """The pages of the last run remembered for this book (by a cache hit, or in the signed cache file), by digest."""
    entry = cache.recall_last(root)
    if entry is None or not isinstance(entry.result, Result):
        return {}
    content = {f.path: f.content for f in entry.result.files}
    return {digest: content[path].decode("utf-8") for digest, path in entry.result.page_digests if path in content}


def forget_memos() -> None:
    """Forget what this process remembers of earlier generations (pages, keyword matches, mentions), as a new one would."""
    _pages.clear()
    forget_matches()
    forget_classified()
    forget_mentions()


def generate(root: Path, *, write: bool = True, docs: Path | None = None) -> Result:
    """Generate the book in ``root`` into ``docs`` (default ``root/docs``; only in memory with ``write=False``).

    When seeds/, the templates and briefbook itself are byte for byte what the
    last run saw, that run's result is reused (see :mod:`generator.base.cache`):
    nothing is read, rendered or written, unless docs/ was changed meanwhile.
    """
    with _collector_paused():
        return _generate(Path(root), write, docs)


def _generate(root: Path, write: bool, docs: Path | None) -> Result:
    docs = Path(docs) if docs is not None else root / "docs"
    template_dirs = [root / "templates", BUILTIN_TEMPLATES]
    fp = cache.fingerprint(root, template_dirs)
    entry = cache.recall(root, fp)
    if entry is not None:
        result: Result = entry.result
        if not write:
            return result
        if cache.intact(entry, docs):
            return replace(result, report=WriteReport((), (), len(result.files)))
        report = write_docs(docs, result.files)
    else:
        with inputs.recording() as read:
            book, registry = assemble(root)
            last = _pages.get(root.resolve())
            memo = PageMemo(before=last.now, texts_before=last.texts_now) if last else PageMemo(before=_last_pages(root))
            files = render(book, registry, memo)
            _pages[root.resolve()] = memo
        if write:
            cache.store_findings(root)
        fp = cache.fingerprint(root, template_dirs, read)  # of what was read, whatever changed meanwhile
        result = Result(
            BookSlot(book, root), registry, files, nav(book, registry), None, warnings_for(book), book.config, Counts.of(book),
            PrintFacts.of(book, registry, knowledge_parts(book)), fp, tuple(sorted(memo.paths.items())),
        )
        if not write:  # remembered in memory: the MkDocs plugin that runs next reuses it
            cache.remember(root, cache.Entry(fp, result, None), to_disk=False)
            return result
        report = write_docs(docs, files)
    owned = [*(f.path for f in result.files), MANIFEST]
    cache.remember(root, cache.Entry(fp, result, cache.docs_stats(docs, owned)))
    return replace(result, report=report)
