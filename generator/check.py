"""``briefbook check``: everything a build would find wrong, without writing anything.

Meant for a book author's own CI: the whole pipeline runs in memory (config,
sources, classification, links, rendering), then the result is inspected for
what deserves a second look — paragraphs no theme claims, paragraphs whose
theme won only narrowly, themes left empty, links that would not resolve, and
pages that would overwrite a file briefbook did not write.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import BriefbookError
from .model import Book, OutputFile
from .pipeline import assemble, warnings_for
from .printpage import PRINT_SRC
from .render import render
from .write import check_ownership

#: A theme that leads its runner-up by this many points or fewer won "narrowly".
NARROW_MARGIN = 1
_EXCERPT = 70
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_ANCHOR = re.compile(r"\{:[^}]*#([A-Za-z][\w-]*)")
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found: errors stop a build, warnings do not (except with ``--strict``)."""

    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    summary: str = ""
    notes: tuple[str, ...] = ()  # facts for the author that reader pages leave out, such as cross-link counts


def terminal_safe(text: str) -> str:
    """Show control (but newline) and bidi-override characters as ``<U+XXXX>``: source text must not drive the terminal."""
    return "".join(f"<U+{ord(c):04X}>" if (unicodedata.category(c) == "Cc" and c != "\n") or c in _BIDI else c for c in text)


def excerpt(text: str) -> str:
    short = text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "…"
    return f"“{terminal_safe(short)}”"


def narrow_wins(book: Book) -> list[str]:
    out = []
    titles = {t.slug: t.title for t in book.config.themes}
    for a in book.assignments:
        if a.theme and a.runner_up and a.margin <= NARROW_MARGIN:
            p = a.paragraph
            scores = dict(a.scores)
            out.append(
                f"sources/{p.source} ¶{p.number} went to '{terminal_safe(titles[a.theme])}' ({scores[a.theme]})"
                f" only just ahead of '{terminal_safe(titles[a.runner_up])}' ({scores[a.runner_up]}): {excerpt(p.text)}"
            )
    return out


def cross_link_counts(book: Book) -> list[str]:
    """Per theme, how many cross-links other themes send it and it sends them: for the author, not the reader."""
    titles = {t.slug: t.title for t in book.config.themes}
    order = {slug: i for i, slug in enumerate(titles)}
    out = []
    for links in sorted(book.links, key=lambda link: order[link.theme]):
        to_it, from_it = sum(n for _, n in links.incoming), sum(n for _, n in links.outgoing)
        out.append(
            f"theme '{terminal_safe(titles[links.theme])}': {to_it} cross-link(s) to it from other themes,"
            f" {from_it} from it to others"
        )
    return out


def broken_links(files: tuple[OutputFile, ...], docs: Path) -> list[str]:
    """Relative links in the generated Markdown whose page or ``#anchor`` would not exist."""
    pages = {f.path: f.content.decode("utf-8") for f in files if f.path.endswith(".md")}
    anchors = {path: set(_ANCHOR.findall(text)) for path, text in pages.items()}
    out = []
    for path, text in sorted(pages.items()):
        for target in sorted(set(_LINK.findall(text))):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):
                continue  # an external address: not ours to check offline
            file_part, _, anchor = target.partition("#")
            dest = posixpath.normpath(posixpath.join(posixpath.dirname(path), file_part)) if file_part else path
            if dest not in pages and dest != PRINT_SRC and not (docs / dest).is_file():  # the plugin adds print.md
                out.append(f"docs/{path}: link to '{target}' points at no page")
            elif anchor and dest in anchors and anchor not in anchors[dest]:
                out.append(f"docs/{path}: link to '{target}' points at no anchor on that page")
    return out


def check_book(root: Path) -> CheckReport:
    """Run the pipeline in memory and report every error and warning; never writes."""
    try:
        book, registry = assemble(root)
        files = render(book, registry)
    except BriefbookError as err:
        return CheckReport(errors=err.problems, warnings=())
    errors: list[str] = []
    try:
        check_ownership(root / "docs", files)
    except BriefbookError as err:
        errors.extend(err.problems)
    # The build's own warnings, each unassigned paragraph shown with the start of its text.
    texts = {f"sources/{a.paragraph.source} ¶{a.paragraph.number} ": a.paragraph.text for a in book.unassigned}
    warnings = []
    for warning in warnings_for(book):
        where = re.match(r"sources/\S+ ¶\d+ ", warning)
        text = texts.get(where.group()) if where else None
        warnings.append(terminal_safe(warning) + (f": {excerpt(text)}" if text is not None else ""))
    warnings += narrow_wins(book)
    warnings += broken_links(files, root / "docs")
    summary = (
        f"{len(book.sources)} source(s), {len(book.paragraphs)} paragraphs, {len(book.config.themes)} themes,"
        f" {len(book.unassigned)} unassigned, {len(files)} pages would be written"
    )
    return CheckReport(errors=tuple(errors), warnings=tuple(warnings), summary=summary, notes=tuple(cross_link_counts(book)))
