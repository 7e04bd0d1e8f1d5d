#!/usr/bin/env python3
"""Screenshots of a real build for the README: the home page and the first theme's page.

Builds the book (default: the example book, the repository itself) into a
temporary folder, serves it on 127.0.0.1 and photographs it with Debian's
Chromium. Usage: .venv/bin/python scripts/screenshots.py [BOOK_DIR] [OUT_DIR]
"""

from __future__ import annotations

import functools
import shutil
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.cli import main as briefbook
from generator.config import load_book_config
from generator.pdf import CHROMIUM_ARGS, find_chromium

REPO = Path(__file__).resolve().parent.parent


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def shoot(book: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    theme = load_book_config(book).themes[0].slug
    with tempfile.TemporaryDirectory(prefix="briefbook-shots-") as tmp:
        root = Path(tmp) / "book"
        root.mkdir()
        shutil.copyfile(book / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(book / "seeds", root / "seeds")
        if (book / "templates").is_dir() and book != REPO:
            shutil.copytree(book / "templates", root / "templates")
        if briefbook(["build", str(root), "--quiet"]) != 0:
            raise SystemExit("the build failed")
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        shots = [(base, out / "home.png"), (f"{base}{theme}/", out / "theme.png")]
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=find_chromium(), headless=True, args=list(CHROMIUM_ARGS))
                page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme="light")
                for url, path in shots:
                    page.goto(url, wait_until="networkidle")
                    page.screenshot(path=str(path))
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
            thread.join()
    return [path for _, path in shots]


if __name__ == "__main__":
    book = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else REPO
    out = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else REPO / "readme"
    for path in shoot(book, out):
        print(f"{path} ({path.stat().st_size // 1024} KB)")
