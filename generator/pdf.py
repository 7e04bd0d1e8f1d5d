"""``briefbook pdf``: the print version of the book, printed by a headless Chromium.

The PDF is the page a reader would print from their own browser (see
:mod:`generator.printpage`), so there is one print design, not two. It is
printed from the offline build (:func:`generator.bundle.build_offline`),
opened from disk with every request that is not a local file refused: a PDF
never depends on the network.

Playwright drives Debian's own Chromium (``executable_path``); it never
downloads a browser. Playwright is the optional extra ``pdf`` because only
this command needs it, and it is a large install.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from .errors import BriefbookError

#: Where Debian's ``chromium`` package puts the browser; the second avoids a
#: wrapper script that prints a harmless shell warning on every start.
CHROMIUM_PATHS = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
#: Flags for a headless browser in a container or on CI: no sandbox (often run as root), no background traffic.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
_FOOTER = (
    '<div style="width:100%;font-size:8px;color:#555;text-align:center;font-family:sans-serif">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def find_chromium(candidates: tuple[str, ...] = CHROMIUM_PATHS) -> str:
    """The browser to print with: ``$BRIEFBOOK_CHROMIUM`` if set, else Debian's Chromium."""
    chosen = os.environ.get("BRIEFBOOK_CHROMIUM")
    looked = (chosen,) if chosen else candidates
    for path in looked:
        if path and Path(path).is_file() and os.access(path, os.X_OK):
            return path
    raise BriefbookError(
        f"no Chromium found at {' or '.join(p for p in looked if p)}: install the Debian package 'chromium'"
        " (sudo apt-get install chromium), or set BRIEFBOOK_CHROMIUM to a Chromium or Chrome executable"
    )


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BriefbookError("briefbook pdf needs Playwright: pip install 'briefbook[pdf]' (or run 'make setup')") from None
    return sync_playwright


def print_pdf(html: Path, target: Path, page_size: str, executable: str) -> None:
    """Print the page ``html`` (a local file) to ``target`` with the browser at ``executable``."""
    with _playwright()() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(color_scheme="light")
            page.set_default_timeout(30_000)
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
            page.goto(html.as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.pdf(
                path=str(target),
                format=page_size,
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=_FOOTER,
                margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
                outline=True,
                tagged=True,
            )
        finally:
            browser.close()


def pdf(root: Path) -> Path:
    """Write ``root/dist/<slug>.pdf``; nothing is written if any step fails."""
    from .bundle import book_slug, build_offline
    from .config import load_book_config
    from .printpage import PRINT_SRC

    config = load_book_config(root)
    executable = find_chromium()
    _playwright()
    target = root / "dist" / f"{book_slug(root)}.pdf"
    with tempfile.TemporaryDirectory(prefix="briefbook-pdf-") as tmp:
        site = Path(tmp) / "site"
        build_offline(root, site)
        out = Path(tmp) / "book.pdf"
        print_pdf(site / PRINT_SRC.replace(".md", ".html"), out, config.page_size, executable)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.tmp")
        try:  # a full disk must not leave half a PDF behind
            shutil.move(str(out), partial)
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return target


def cmd_pdf(args: argparse.Namespace) -> int:
    from .cli import _quiet_mkdocs

    start = time.perf_counter()
    _quiet_mkdocs(args.verbose)
    target = pdf(args.dir)
    if not args.quiet:
        print(f"{target} ({target.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.2f} s")
    return 0
