"""The ``briefbook`` command: thin glue around :mod:`generator.pipeline` and MkDocs.

A user's mistake (bad book.yml, unreadable source) is one line on stderr and
exit status 2; a strict build that fails on warnings exits 1.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import BriefbookError
from .pipeline import Result, generate
from .scaffold import new_book

EXIT_USER_ERROR = 2


def _book_dir(value: str) -> Path:
    return Path(value).resolve()


def _mkdocs_yml(root: Path) -> str:
    path = root / "mkdocs.yml"
    if not path.is_file():
        raise BriefbookError(f"{path}: not found: a book folder needs mkdocs.yml (run 'briefbook new', or copy one from an existing book)")
    return str(path)


def _quiet_mkdocs(verbose: bool) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2.0
    log = logging.getLogger("mkdocs")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.INFO if verbose else logging.WARNING)


def _summary(result: Result, seconds: float, where: str) -> str:
    book = result.book
    counts = ", ".join(f"{t.title}: {len(book.theme_paragraphs(t.slug))}" for t in book.config.themes)
    lines = [
        f"{len(result.files)} files from {len(book.sources)} source(s), {len(book.paragraphs)} paragraphs ({counts};"
        f" unassigned: {len(book.unassigned)}) in {seconds:.2f} s → {where}",
    ]
    if result.report is not None:
        r = result.report
        lines.append(f"written: {len(r.written)}, unchanged: {r.unchanged}, removed: {len(r.removed)}")
    lines += [f"warning: {w}" for w in result.warnings]
    return "\n".join(lines)


def cmd_generate(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    result = generate(args.dir)
    if not args.quiet:
        print(_summary(result, time.perf_counter() - start, str(args.dir / "docs")))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    start = time.perf_counter()
    config_file = _mkdocs_yml(args.dir)
    result = generate(args.dir)  # reports a bad book as one line before MkDocs starts
    _quiet_mkdocs(args.verbose)
    try:
        config = load_config(config_file=config_file, site_dir=str(args.dir / "site"), strict=args.strict)
        build(config)
    except MkDocsException as err:
        print(f"briefbook: MkDocs build failed: {err}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(_summary(result, time.perf_counter() - start, str(args.dir / "site")))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    config_file = _mkdocs_yml(args.dir)
    generate(args.dir)
    _quiet_mkdocs(True)
    serve(config_file=config_file, dev_addr=args.dev_addr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    created = new_book(args.dir, [Path(s) for s in args.source])
    if not args.quiet:
        print(f"created {created}: edit {created / 'seeds' / 'book.yml'} to name your themes, then run 'briefbook build {args.dir}'")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="briefbook",
        description="Turn source texts into a thematic briefing book (MkDocs Material site).",
    )
    top.add_argument("--version", action="version", version=f"briefbook {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str, dir_help: str = "book folder (default: the current folder)") -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("dir", nargs="?", default=".", type=_book_dir, help=dir_help)
        p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
        p.add_argument("-v", "--verbose", action="store_true", help="print MkDocs' progress too")
        return p

    new = add("new", "Scaffold a book folder from source texts.", "folder to create")
    new.add_argument("--source", "-s", nargs="+", required=True, metavar="FILE", help="source text files to copy in")
    new.set_defaults(func=cmd_new)
    add("generate", "Write the book's Markdown pages into docs/.").set_defaults(func=cmd_generate)
    build = add("build", "Generate the book, then build the site into site/ with MkDocs.")
    build.add_argument("--strict", action="store_true", help="fail on any MkDocs warning")
    build.set_defaults(func=cmd_build)
    serve = add("serve", "Preview the book at http://127.0.0.1:8000, rebuilding when seeds/ or templates/ change.")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    serve.set_defaults(func=cmd_serve)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.func(args)
        return code
    except BriefbookError as err:
        for problem in err.problems:
            print(f"briefbook: error: {problem}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
