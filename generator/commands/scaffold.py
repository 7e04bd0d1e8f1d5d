"""``briefbook new``: make a book folder with mkdocs.yml, the sources and a starter book.yml."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..base.errors import BriefbookError, SourceError
from ..base.inputs import not_a_file
from ..base.shipped import BUILTIN_TEMPLATES
from ..base.slugs import RESERVED, slugify, unique
from ..model import Source
from ..read import DEFAULT_BOILERPLATE, SOURCE_SUFFIXES, line_patterns, read_source
from .propose import propose_themes

#: Seed file names are cut to this many characters (before the extension), at a word's end.
_NAME_MAX = 60

#: What a book's repository should not hold: generated output, and the cache (a
#: pickle signed with one user's key, worthless to anyone else who clones the book).
GITIGNORE = """\
# Written by 'briefbook new': generated files, made again by 'briefbook build'.
/docs/
/site/
/dist/
/.briefbook-cache
/.briefbook-findings
/.briefbook-build
/.briefbook-stage-*
/.briefbook-swap.json
"""


def _q(text: str) -> str:
    """Quote a string for YAML (a JSON string is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def seed_names(paths: list[Path], sources: list[Source]) -> list[str]:
    """A file name in seeds/ for each source: its title as a slug, with the file's own extension.

    A file of a format briefbook does not know is read as plain text and named ``.txt``;
    a web page, PDF or Markdown file keeps its extension, so it is read as what it is.
    """
    taken: set[str] = set()
    names = []
    for path, source in zip(paths, sources, strict=True):
        suffix = path.suffix.lower() if path.suffix.lower() in SOURCE_SUFFIXES else ".txt"
        base = slugify(source.title) or slugify(path.stem) or "source"
        if len(base) > _NAME_MAX:
            base = base[:_NAME_MAX].rsplit("-", 1)[0] or base[:_NAME_MAX]
        if base in RESERVED or base == "book":
            base = f"{base}-source"
        names.append(unique(base, taken) + suffix)
    return names


def starter_book_yml(title: str, themes_yaml: str, sources: list[str] | None = None) -> str:
    return (
        "# Starter book.yml written by 'briefbook new'. The themes below were proposed from\n"
        "# the key phrases of your sources, grouped by the paragraphs they share. To refine:\n"
        "# rename each theme, add a 'summary:', and list the words and phrases that mark its\n"
        "# paragraphs (case and plurals are ignored; rarer words weigh more). Then run\n"
        "# 'briefbook build': it lists the paragraphs no theme claims.\n"
        f"title: {_q(title)}\n"
        "language: en\n\n"
        + (
            "# The sources, in book order. An item may also be a mapping that sets what the file does not say:\n"
            "#   - {file: statement.html, publisher: Ministry of Water, date: 2024-03-18, url: https://...}\n"
            "sources:\n" + "".join(f"  - {_q(name)}\n" for name in sources) + "\n"
            if sources
            else ""
        )
        + "themes:\n" + themes_yaml
    )


def new_book(folder: Path, sources: list[Path]) -> Path:
    """Create ``folder`` as a new book from ``sources``; refuse to overwrite an existing book."""
    if (folder / "seeds" / "book.yml").exists() or (folder / "mkdocs.yml").exists():
        raise BriefbookError(f"{folder}: already holds a book (mkdocs.yml or seeds/book.yml): choose a new folder")
    for source in sources:
        if source.exists() and not source.is_file():
            raise BriefbookError(f"{source}: is {not_a_file(source)}, not a source file: give the path of a .txt, .md, .html or .pdf file")
    missing = [str(s) for s in sources if not s.is_file()]
    if missing:
        raise BriefbookError(f"{missing[0]}: no such file: give the path of a source (.txt, .md, .html, .htm or .pdf)")
    resolved = [s.resolve() for s in sources]
    if len(set(resolved)) != len(resolved):
        twice = next(s for i, s in enumerate(sources) if resolved[i] in resolved[:i])
        raise BriefbookError(f"{twice}: given twice as a source: give each file once")
    pattern = line_patterns(DEFAULT_BOILERPLATE)
    parsed = []
    for i, path in enumerate(sources):
        try:
            parsed.append(read_source(path.read_bytes(), name=path.name, slug=f"source-{i}", boilerplate=pattern))
        except SourceError as err:  # the file is not in seeds/ yet: name it as the user gave it
            raise SourceError(*(p.replace(f"seeds/{path.name}", str(path), 1) for p in err.problems)) from None
    names = seed_names(sources, parsed)
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
    (seeds / "book.yml").write_text(starter_book_yml(parsed[0].title, themes_yaml, names), encoding="utf-8")
    shutil.copyfile(BUILTIN_TEMPLATES / "scaffold" / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "docs").mkdir(exist_ok=True)
    if not (folder / ".gitignore").exists():
        (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return folder
