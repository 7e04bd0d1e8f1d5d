"""The ``briefbook`` command: thin glue around :mod:`generator.pipeline` and MkDocs.

A user's mistake (bad book.yml, unreadable source) is one line on stderr and
exit status 2; a strict build that fails on warnings exits 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .base import console, progress
from .base.diskerrors import mkdocs_page_errors_held, output_problem
from .base.errors import BriefbookError
from .base.reproducible import book_date
from .commands.check import check_book, terminal_safe
from .commands.scaffold import new_book
from .outputs.bundle import cmd_bundle
from .outputs.pdf import cmd_pdf
from .pipeline import Result, generate
from .site import sitestamp
from .write import check_ownership, crash_point, staged_copy, swap_together

EXIT_USER_ERROR = 2


def _book_dir(value: str) -> Path:
    return Path(value).resolve()


def _mkdocs_yml(root: Path) -> str:
    path = root / "mkdocs.yml"
    if not path.is_file():
        raise BriefbookError(f"{path}: not found: a book folder needs mkdocs.yml (run 'briefbook new', or copy one from an existing book)")
    return str(path)


def _summary(
    result: Result, seconds: float, where: str, *, verbose: bool = False, built: bool = True, skipped: bool = False
) -> str:
    """The report printed after a run; see :func:`generator.base.console.summary`."""
    # Warnings quote source text: control and bidi characters must not reach the terminal raw.
    result = dataclasses.replace(result, warnings=tuple(terminal_safe(w) for w in result.warnings))
    return console.summary(result, seconds, Path(where), sys.stdout, verbose=verbose, built=built, skipped=skipped)


def cmd_generate(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    result = generate(args.dir)
    if not args.quiet:
        print(_summary(result, time.perf_counter() - start, str(args.dir / "docs"), verbose=args.verbose, built=False))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    start = time.perf_counter()
    config_file = _mkdocs_yml(args.dir)
    result = generate(args.dir, write=False)  # reports a bad book as one line before anything is touched
    edition = book_date(result.config).date()  # and a malformed SOURCE_DATE_EPOCH
    console.quiet_mkdocs(args.verbose)
    made_docs = not (args.dir / "docs").exists()
    if made_docs:  # MkDocs refuses to load a config whose docs_dir does not exist yet
        (args.dir / "docs").mkdir()
    try:
        config = load_config(config_file=config_file, strict=args.strict)
        docs, site = Path(config.docs_dir), Path(config.site_dir)
        inputs = sitestamp.BuildInputs.of(result.fingerprint, config, strict=args.strict, edition=edition)
        if sitestamp.unchanged(args.dir, inputs.stamp()):
            if not args.quiet:
                print(_summary(result, time.perf_counter() - start, str(site), verbose=args.verbose, skipped=True))
            return 0
        sitestamp.forget(args.dir)
        check_ownership(docs, result.files)
        # Build from a staged docs/ into a staged site/; swap both in only when MkDocs succeeded.
        with staged_copy(docs) as stage_docs, staged_copy(site) as stage_site:
            config.docs_dir, config.site_dir = str(stage_docs), str(stage_site)
            with mkdocs_page_errors_held():
                build(config)
            crash_point("site-built")
            swap_together([(stage_site, site), (stage_docs, docs)])
        sitestamp.record(args.dir, inputs.stamp())
    except MkDocsException as err:
        print(console.error_line(f"MkDocs build failed: {err}", sys.stderr), file=sys.stderr)
        return 1
    finally:
        if made_docs and (args.dir / "docs").is_dir() and not any((args.dir / "docs").iterdir()):
            (args.dir / "docs").rmdir()
    if not args.quiet:
        print(_summary(result, time.perf_counter() - start, str(site), verbose=args.verbose))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    report = check_book(args.dir, explained=args.explain)
    for line in report.explanations:
        print(line)
    for problem in report.errors:
        print(console.error_line(terminal_safe(problem), sys.stderr), file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}")
    for finding in report.review:  # kept off the pages until book.yml accepts it
        print(f"unsure: {finding}")
    if report.errors:
        return EXIT_USER_ERROR
    if not args.quiet:
        for note in report.notes:
            print(f"note: {note}")
        print(f"ok: {report.summary}; {len(report.warnings)} warning(s)")
    return 1 if args.strict and report.warnings else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .site.serve import serve

    config_file = _mkdocs_yml(args.dir)
    generate(args.dir, write=False)  # a bad book is one line and exit 2, before anything is served
    (args.dir / "docs").mkdir(exist_ok=True)  # MkDocs refuses a config whose docs_dir does not exist yet
    console.quiet_mkdocs(not getattr(args, "quiet", False))
    serve(args.dir, config_file, args.dev_addr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    created = new_book(args.dir, [Path(s) for s in args.source])
    if not args.quiet:
        print(console.new_book_report(created, sys.stdout))
    return 0


class _Parser(argparse.ArgumentParser):
    """Usage mistakes reported like book mistakes: one (coloured) line, a did-you-mean, exit 2."""

    def error(self, message: str) -> NoReturn:
        if found := re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message):
            word, choices = found.group(1), re.findall(r"'([^']*)'", found.group(2))
            message = f"'{word}' is not a command{console.did_you_mean(word, choices)}; commands: {', '.join(choices)}"
        elif found := re.search(r"unrecognized arguments: (\S+)", message):
            options = [o for p in _all_parsers(self) for a in p._actions for o in a.option_strings]
            message += console.did_you_mean(found.group(1).split("=")[0], options)
        print(console.error_line(f"{message} (see '{self.prog} --help')", sys.stderr), file=sys.stderr)
        sys.exit(EXIT_USER_ERROR)


def _all_parsers(top: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    subs = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    return [top, *(p for s in subs for p in s.choices.values())]


_EPILOG = """\
quick start:
  briefbook new mybook --source article.txt   propose starter themes from your text
  briefbook build mybook                       build the site into mybook/site
  briefbook serve mybook                       preview it while you edit mybook/seeds/book.yml

Each command has its own help: briefbook build --help.
Errors and warnings are coloured on a terminal; set NO_COLOR=1 for plain text."""


_EXAMPLES = {
    "new": "examples:\n  briefbook new mybook --source article.txt notes.txt\n"
    "  briefbook new mybook --source statement.html --source factsheet.pdf\n\n"
    "Each file is copied into mybook/seeds/ under a name made from its title.\n"
    "Prints the proposed themes, their keywords and how many paragraphs each holds,\n"
    "then how to refine them in mybook/seeds/book.yml.",
    "generate": "example:\n  briefbook generate mybook      # then inspect mybook/docs/*.md",
    "build": "examples:\n  briefbook build mybook\n  briefbook build mybook --strict --quiet   # for CI: fail on any warning, print only errors\n\n"
    "After the build a summary lists pages, paragraphs per theme, those in no theme,\n"
    "warnings (all of them with --verbose), the time taken and where the site is.",
    "check": "examples:\n  briefbook check mybook --strict     # for CI: exit 1 on any warning\n"
    "  briefbook check mybook --explain    # why each paragraph went to its theme(s)",
    "serve": "example:\n  briefbook serve mybook --dev-addr 127.0.0.1:8001",
}


def parser() -> argparse.ArgumentParser:
    top = _Parser(
        prog="briefbook",
        description="Turn source texts into a thematic briefing book: one page per theme, every paragraph"
        " cited back to its source, built as a MkDocs Material site that works offline.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"briefbook {__version__}")
    top.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    top.add_argument("-v", "--verbose", action="store_true", help="print MkDocs' progress and every warning")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    def add(name: str, help_text: str, dir_help: str = "book folder (default: the current folder)") -> argparse.ArgumentParser:
        p = sub.add_parser(
            name, help=help_text, description=help_text, epilog=_EXAMPLES.get(name),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("dir", nargs="?", default=".", type=_book_dir, help=dir_help)
        # SUPPRESS: 'briefbook -q build' and 'briefbook build -q' both work; the sub-command's default
        # would otherwise overwrite the flag given before it.
        p.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print only errors")
        p.add_argument(
            "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="print MkDocs' progress and every warning"
        )
        return p

    new = add(
        "new",
        "Make a new book folder from source texts, with starter themes proposed from the texts' key phrases.",
        "folder to create (must not hold a book yet)",
    )
    new.add_argument(
        "--source", "-s", nargs="+", action="extend", required=True, metavar="FILE",
        help="source files to copy in: plain text (.txt), Markdown (.md), saved web pages (.html, .htm) or PDFs (.pdf);"
        " give several after one --source, or repeat --source",
    )
    new.set_defaults(func=cmd_new)
    add("generate", "Write the book's Markdown pages into docs/.").set_defaults(func=cmd_generate)
    build = add("build", "Generate the book, then build the site into site/ with MkDocs.")
    build.add_argument("--strict", action="store_true", help="fail on any MkDocs warning")
    build.set_defaults(func=cmd_build)
    check = add("check", "Check book.yml and the sources without writing anything; list what deserves a second look.")
    check.add_argument("--strict", action="store_true", help="exit with status 1 when there are warnings")
    check.add_argument(
        "--explain", action="store_true",
        help="print one line per paragraph: its theme(s), the keywords (with their weights) or the context that"
        " placed it there, and the runner-up",
    )
    check.set_defaults(func=cmd_check)
    serve = add("serve", "Preview the book at http://127.0.0.1:8000; an edit rebuilds only the pages it changes.")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    serve.set_defaults(func=cmd_serve)
    add("bundle", "Build dist/<book>-offline.zip: the site, working from disk, search included.").set_defaults(func=cmd_bundle)
    add("pdf", "Print the book to dist/<book>.pdf with a headless Chromium.").set_defaults(func=cmd_pdf)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    progress.silence(args.quiet)  # --quiet: errors only, no progress bar either
    try:
        code: int = args.func(args)
        return code
    except BriefbookError as err:
        for problem in err.problems:
            print(console.error_line(terminal_safe(problem), sys.stderr), file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as err:
        refused = output_problem(err)
        if refused is None:
            raise
        print(console.error_line(terminal_safe(refused), sys.stderr), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    finally:
        progress.silence(False)  # for whatever else runs in this process (tests, a caller)


if __name__ == "__main__":
    sys.exit(main())
