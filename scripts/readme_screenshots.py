"""Regenerate the README's pictures from a real build of the example book.

Usage: .venv/bin/python scripts/readme_screenshots.py   (builds into a temporary folder)
Writes readme/home.png (the first screen of Home), readme/theme-map.png and
readme/coverage.png (light palette) and readme/theme-map-dark.png (the map in
the dark palette), each as Chromium shows it.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/lib/chromium/chromium"


def build(dest: Path) -> Path:
    shutil.copyfile(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "seeds", dest / "seeds")
    (dest / "docs").mkdir()
    if main(["build", str(dest), "--quiet"]) != 0:
        sys.exit("build failed")
    return dest / "site" / "index.html"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The site over HTTP, as readers get it (Material hides search on file:// pages)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def shoot(home: Path, out: Path) -> None:
    out.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        for scheme, shots in (("light", {"theme-map": 0, "coverage": 1}), ("dark", {"theme-map-dark": 0})):
            page = browser.new_page(viewport={"width": 1000, "height": 900}, color_scheme=scheme)
            page.goto(home.as_uri())
            for name, index in shots.items():
                page.locator("figure.bb-figure").nth(index).screenshot(path=str(out / f"{name}.png"))
            page.close()
        with served(home.parent) as url:
            page = browser.new_page(viewport={"width": 1280, "height": 1100})
            page.goto(url)
            page.screenshot(path=str(out / "home.png"))  # the first screen of Home, as a reader sees it
            page.close()
        browser.close()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        shoot(build(Path(tmp)), REPO / "readme")
