#!/usr/bin/env python3
"""The README's pictures, from a real build of a book (default: the example book).

Builds the book into a temporary folder, serves it on 127.0.0.1 and
photographs it with Debian's Chromium: the first screen of Home and of the
first theme's page, the theme map (light and dark palette) and the coverage
chart. Usage: .venv/bin/python scripts/screenshots.py [BOOK_DIR] [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # tests.browser, when run as a script

from generator.cli import main as briefbook  # noqa: E402
from generator.config import load_book_config  # noqa: E402
from tests.browser import chromium, serve  # noqa: E402
from tests.conftest import copy_book  # noqa: E402


def shoot(book: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    theme = load_book_config(book).themes[0].slug
    written = []
    with tempfile.TemporaryDirectory(prefix="briefbook-shots-") as tmp:
        root = copy_book(book, Path(tmp) / "book")
        if briefbook(["build", str(root), "--quiet"]) != 0:
            raise SystemExit("the build failed")
        with serve(root / "site") as base, chromium() as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme="light")
            for url, name in ((base, "home.png"), (f"{base}{theme}/", "theme.png")):
                page.goto(url, wait_until="networkidle")
                page.screenshot(path=str(out / name))
                written.append(out / name)
            for scheme, figures in (("light", {"theme-map.png": 0, "coverage.png": 1}), ("dark", {"theme-map-dark.png": 0})):
                page = browser.new_page(viewport={"width": 1000, "height": 900}, color_scheme=scheme)
                page.goto(base, wait_until="networkidle")
                for name, index in figures.items():
                    page.locator("figure.bb-figure").nth(index).screenshot(path=str(out / name))
                    written.append(out / name)
    return written


if __name__ == "__main__":
    book = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else REPO
    target = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else REPO / "readme"
    for path in shoot(book, target):
        print(f"{path} ({path.stat().st_size // 1024} KB)")
