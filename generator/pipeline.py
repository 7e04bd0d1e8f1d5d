"""The whole pipeline: config → read → identify → classify → link → render → write.

The book is gathered completely (every paragraph classified, every link
resolved) before any page is rendered, and every page is rendered before
any file is written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .classify import classify
from .config import load_book_config
from .extract import extract
from .identify import identify
from .link import Registry, build_registry, cross_links
from .mentions import entries, mention_links
from .model import Book, OutputFile
from .read import read_sources
from .render import nav, render
from .write import WriteReport, write_docs


@dataclass(frozen=True)
class Result:
    """What a run produced: the book, its files, the MkDocs nav and what was written."""

    book: Book
    registry: Registry
    files: tuple[OutputFile, ...]
    nav: list[Any]
    report: WriteReport | None
    warnings: tuple[str, ...]


def assemble(root: Path) -> tuple[Book, Registry]:
    """Run every stage up to linking: the whole book, in memory."""
    config = load_book_config(root)
    sources = read_sources(config)
    paragraphs = identify(sources)
    knowledge = extract(paragraphs, config)
    assignments = classify(paragraphs, config.themes)
    registry = build_registry(config.themes, sources, paragraphs)
    spans, links = cross_links(assignments, config.themes, registry)
    items = entries(knowledge)
    spans = mention_links(assignments, items, spans)
    source_spans = mention_links(assignments, items, {}, page_of=lambda a: a.paragraph.source)
    book = Book(
        config=config, sources=sources, paragraphs=paragraphs, assignments=assignments, spans=spans, links=links,
        knowledge=knowledge, source_spans=source_spans,
    )
    return book, registry


def warnings_for(book: Book) -> tuple[str, ...]:
    """Things an author should look at; the book still builds."""
    out = []
    for theme in book.config.themes:
        if not book.theme_paragraphs(theme.slug):
            out.append(f"theme '{theme.slug}' has no paragraphs: none of its keywords ({', '.join(theme.keywords)}) beats another theme's")
    for source in book.sources:
        for number, text in enumerate((source.title, *source.paragraphs)):
            controls = sorted({c for c in text if unicodedata.category(c) == "Cc"})
            if controls:
                where = f"¶{number}" if number else "title"
                codes = ", ".join(f"U+{ord(c):04X}" for c in controls)
                out.append(f"seeds/{source.filename} {where}: control characters ({codes}) are not text: shown as spaces")
    for a in book.unassigned:
        p = a.paragraph
        out.append(f"sources/{p.source} ¶{p.number} matches no theme's keywords: listed under Other paragraphs")
    return tuple(out)


def generate(root: Path, *, write: bool = True, docs: Path | None = None) -> Result:
    """Generate the book in ``root`` into ``docs`` (default ``root/docs``; only in memory with ``write=False``)."""
    root = Path(root)
    book, registry = assemble(root)
    files = render(book, registry)
    report = write_docs(docs or root / "docs", files) if write else None
    return Result(book, registry, files, nav(book, registry), report, warnings_for(book))
