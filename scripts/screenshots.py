#!/usr/bin/env python3
"""The README's pictures, from real builds of three books.

Each book is built into a temporary folder, served on 127.0.0.1 and
photographed with Debian's Chromium: the example book's Home, first theme
page and coverage chart (on About); a held-out government text with headings
and lists (its Home, a theme page and its source page); the theme map of the
river test book (light and dark palette), whose themes are not all linked to
each other, so its map tells something.
Usage: .venv/bin/python scripts/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # tests.browser, when run as a script

from generator.cli import main as briefbook  # noqa: E402
from generator.config import load_book_config  # noqa: E402
from tests.browser import chromium, serve  # noqa: E402
from tests.conftest import BOOKS, copy_book  # noqa: E402

#: A held-out text with capitalised and title-case headings and lists, from the test corpus.
STRUCTURED = REPO / "tests" / "corpus" / "uk-gov-2016-ebola-response"


def _built(book: Path, tmp: Path) -> Path:
    root = tmp / book.name
    if (book / "mkdocs.yml").is_file():
        copy_book(book, root)
    else:  # a corpus book is only its seeds/: give it the scaffold's mkdocs.yml
        shutil.copytree(book / "seeds", root / "seeds")
        shutil.copyfile(REPO / "templates" / "scaffold" / "mkdocs.yml", root / "mkdocs.yml")
    if briefbook(["build", str(root), "--quiet"]) != 0:
        raise SystemExit(f"the build of {book} failed")
    return root


def shoot(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="briefbook-shots-") as tmp, chromium() as browser:
        for book, pages, figures in (
            (REPO, {"": "home.png", "{theme}/": "theme.png"}, {("about/", "light", 0): "coverage.png"}),
            (STRUCTURED, {"": "structured-home.png", "{theme}/": "structured-theme.png", "{source}/": "structured-source.png"}, {}),
            (BOOKS / "river", {}, {("about/", "light", 1): "theme-map.png", ("about/", "dark", 1): "theme-map-dark.png"}),
        ):
            root = _built(book, Path(tmp))
            config = load_book_config(root)
            names = {"theme": config.themes[0].slug, "source": "sources/" + Path(config.sources[0]).stem}
            with serve(root / "site") as base:
                page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme="light")
                for path, name in pages.items():
                    page.goto(base + path.format(**names), wait_until="networkidle")
                    page.screenshot(path=str(out / name))
                    written.append(out / name)
                for (path, scheme, index), name in figures.items():
                    page = browser.new_page(viewport={"width": 1000, "height": 900}, color_scheme=scheme)
                    page.goto(base + path, wait_until="networkidle")
                    page.locator("figure.bb-figure").nth(index).screenshot(path=str(out / name))
                    written.append(out / name)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else REPO / "readme"
    for path in shoot(target):
        print(f"{path} ({path.stat().st_size // 1024} KB)")
