"""What the ``briefbook`` command prints: error lines, warnings and the summary after a build.

Kept apart from :mod:`generator.cli` so that every command (build, generate,
and those added later) reports the same way. Colour is used only when the
stream is a terminal and ``NO_COLOR`` is not set (https://no-color.org), so
logs and pipes get plain text.
"""

from __future__ import annotations

import difflib
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from ..commands.check import terminal_safe
from ..pipeline import Result, assemble

_RED, _YELLOW, _BOLD, _DIM, _RESET = "\033[31m", "\033[33m", "\033[1m", "\033[2m", "\033[0m"

#: Warnings listed after a build unless --verbose asks for all of them.
SHOWN_WARNINGS = 5


def use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, code: str, stream: TextIO) -> str:
    return f"{code}{text}{_RESET}" if use_colour(stream) else text


def error_line(message: str, stream: TextIO) -> str:
    """``briefbook: error: …`` with the word ``error`` in red on a terminal."""
    return f"briefbook: {paint('error:', _BOLD + _RED, stream)} {message}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def summary(
    result: Result, seconds: float, output: Path, stream: TextIO, *, verbose: bool = False, built: bool = True,
    skipped: bool = False,
) -> str:
    """Several short lines: pages, paragraphs per theme, unassigned, warnings, time, where to look.

    ``skipped``: nothing changed since the last build and its site is intact, so MkDocs did not run.
    """
    counts = result.counts  # not result.book: an unchanged book is not rebuilt just to be counted
    pages = [f for f in result.files if f.path.endswith(".md")]
    # Titles come from book.yml: an escape sequence in one must not drive the terminal.
    titles = [terminal_safe(t.title) for t in result.config.themes]
    width = max((len(t) for t in [*titles, "no theme"]), default=8)
    verb = "Checked" if skipped else "Built" if built else "Generated"
    lines = [
        paint(f"{verb} “{terminal_safe(result.config.title)}” in {seconds:.1f} s", _BOLD, stream),
        f"  {_plural(len(pages), 'page')} from {_plural(counts.sources, 'source')},"
        f" {_plural(counts.paragraphs, 'paragraph')}:",
    ]
    for title, count in ((terminal_safe(t), c) for t, c in counts.themes):
        flag = paint("  ← no paragraphs: give it keywords from your sources", _YELLOW, stream) if count == 0 else ""
        lines.append(f"    {title:<{width}}  {count:>4}{flag}")
    unassigned = counts.unassigned
    hint = (
        "  (on the page Other paragraphs; to place one, add a word of it to a theme's keywords in seeds/book.yml)"
        if unassigned
        else ""
    )
    lines.append(paint(f"    {'no theme':<{width}}  {unassigned:>4}{hint}", _DIM, stream))
    if skipped:
        lines.append(f"  nothing changed since the last build and {output.name}/ is as it left it: MkDocs not run")
    if result.report is not None:
        r = result.report
        lines.append(f"  docs/ written: {len(r.written)}, unchanged: {r.unchanged}, removed: {len(r.removed)}")
    warnings = result.warnings
    if warnings:
        lines.append(paint(f"  {_plural(len(warnings), 'warning')}:", _YELLOW, stream))
        shown = warnings if verbose else warnings[:SHOWN_WARNINGS]
        lines += [f"    {w}" for w in shown]
        if len(shown) < len(warnings):
            lines.append(f"    … and {len(warnings) - len(shown)} more (run with --verbose to list them all)")
    else:
        lines.append("  no warnings")
    index = output / "index.html" if built else output / "index.md"
    lines.append(terminal_safe(f"  output: {output}" + (f"  (open {index})" if built else "")))
    return "\n".join(lines)


def shown_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def new_book_report(folder: Path, stream: TextIO) -> str:
    """What ``briefbook new`` proposed, how many paragraphs each starter theme holds, and how to refine them."""
    book, _ = assemble(folder)
    where = terminal_safe(shown_path(folder))
    titles = [terminal_safe(t.title) for t in book.config.themes]
    width = max((len(t) for t in [*titles, "no theme"]), default=8)
    lines = [
        paint(f"Created {where}/ with {_plural(len(titles), 'starter theme')} proposed from the key phrases of"
              f" {_plural(len(book.sources), 'source')}:", _BOLD, stream),
    ]
    for theme in book.config.themes:
        count = len(book.theme_paragraphs(theme.slug))
        keywords = terminal_safe(", ".join(theme.keywords))
        lines.append(f"  {terminal_safe(theme.title):<{width}}  {_plural(count, 'paragraph'):>14}   keywords: {keywords}")
    lines.append(paint(f"  {'no theme':<{width}}  {_plural(len(book.unassigned), 'paragraph'):>14}", _DIM, stream))
    lines += [
        "",
        "Next:",
        f"  briefbook build {where}      build the site, then open {where}/site/index.html",
        f"  Refine the themes in {where}/seeds/book.yml: rename each one, add a one-line summary, and list",
        "  the words and phrases that mark its paragraphs (rarer words weigh more).",
        "  Remove a keyword that pulls in the wrong paragraphs; 'briefbook build' lists those no theme claims.",
    ]
    return "\n".join(lines)


def quiet_mkdocs(verbose: bool) -> None:
    """MkDocs' own log on stderr: warnings only, or its progress too with ``verbose``; no MkDocs 2.0 banner."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2.0
    log = logging.getLogger("mkdocs")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.INFO if verbose else logging.WARNING)
