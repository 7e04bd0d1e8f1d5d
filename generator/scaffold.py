"""``briefbook new``: make a book folder with mkdocs.yml, the sources and a starter book.yml."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .errors import BriefbookError
from .inputs import not_a_file
from .propose import propose_themes
from .read import DEFAULT_BOILERPLATE, decode, line_patterns, parse_source, source_slugs
from .render import BUILTIN_TEMPLATES

#: What a book's repository should not hold: generated output, and the cache (a
#: pickle signed with one user's key, worthless to anyone else who clones the book).
GITIGNORE = """\
# Written by 'briefbook new': generated files, made again by 'briefbook build'.
/docs/
/site/
/dist/
/.briefbook-cache
/.briefbook-stage-*
/.briefbook-swap.json
"""


def _q(text: str) -> str:
    """Quote a string for YAML (a JSON string is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def starter_book_yml(title: str, themes_yaml: str) -> str:
    return (
        "# Starter book.yml written by 'briefbook new'. The themes below were proposed from\n"
        "# the key phrases of your sources, grouped by the paragraphs they share. To refine:\n"
        "# rename each theme, add a 'summary:', and list the words and phrases that mark its\n"
        "# paragraphs (case and plurals are ignored; a two-word phrase counts twice). Then run\n"
        "# 'briefbook build': it lists the paragraphs no theme claims.\n"
        f"title: {_q(title)}\n"
        "language: en\n\n"
        "themes:\n" + themes_yaml
    )


def new_book(folder: Path, sources: list[Path]) -> Path:
    """Create ``folder`` as a new book from ``sources``; refuse to overwrite an existing book."""
    if (folder / "seeds" / "book.yml").exists() or (folder / "mkdocs.yml").exists():
        raise BriefbookError(f"{folder}: already holds a book (mkdocs.yml or seeds/book.yml): choose a new folder")
    for source in sources:
        if source.exists() and not source.is_file():
            raise BriefbookError(f"{source}: is {not_a_file(source)}, not a text file: give the path of a plain-text source")
    missing = [str(s) for s in sources if not s.is_file()]
    if missing:
        raise BriefbookError(f"{missing[0]}: no such file: give the path of a plain-text source")
    names = [s.name if s.suffix == ".txt" else f"{s.name}.txt" for s in sources]
    if len(set(names)) != len(names):
        raise BriefbookError("two sources have the same file name: rename one of them first")
    slugs = source_slugs(names)
    pattern = line_patterns(DEFAULT_BOILERPLATE)
    parsed = [
        parse_source(decode(s.read_bytes(), n), name=n, slug=slugs[n], boilerplate=pattern)
        for s, n in zip(sources, names, strict=True)
    ]
    themes = propose_themes([p for source in parsed for p in source.paragraphs])
    if not themes:
        raise BriefbookError(
            f"{sources[0]}: too few words to propose themes from: give a source with a few paragraphs of prose"
        )
    themes_yaml = "".join(
        f"  - title: {_q(t.title)}\n    keywords: [{', '.join(_q(k) for k in t.keywords)}]\n" for t in themes
    )
    seeds = folder / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for source, name in zip(sources, names, strict=True):
        shutil.copyfile(source, seeds / name)
    (seeds / "book.yml").write_text(starter_book_yml(parsed[0].title, themes_yaml), encoding="utf-8")
    shutil.copyfile(BUILTIN_TEMPLATES / "scaffold" / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "docs").mkdir(exist_ok=True)
    if not (folder / ".gitignore").exists():
        (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return folder
