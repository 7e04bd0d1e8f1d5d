"""``briefbook pdf``: the print version of the book, printed by a headless Chromium.

The PDF is the page a reader would print from their own browser (see
:mod:`generator.printpage`), so there is one print design, not two. It is
printed from the offline build (:func:`generator.bundle.build_offline`),
opened from disk with every request that is not a local file refused: a PDF
never depends on the network.

Playwright drives Debian's own Chromium (``executable_path``); it never
downloads a browser. Playwright is the optional extra ``pdf`` because only
this command needs it, and it is a large install.

The book is printed twice. Chromium names a destination in the PDF after
each element id a link points to, so pypdf reads from the first printing on
which page each chapter starts; those numbers go into the contents (whose
slots keep their width, so nothing moves) and the second printing is the
book. pypdf then sets the PDF's title, author and subject: Chromium would
only take the title from the page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .console import quiet_mkdocs
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


@dataclass(frozen=True)
class PdfInfo:
    """The PDF's document information: what a reader's PDF viewer and library show."""

    title: str
    author: str = ""
    subject: str = ""


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BriefbookError("briefbook pdf needs Playwright: pip install 'briefbook[pdf]' (or run 'make setup')") from None
    try:
        import pypdf  # noqa: F401 - checked here so that a missing install stops before any printing
    except ImportError:
        raise BriefbookError("briefbook pdf needs pypdf: pip install 'briefbook[pdf]' (or run 'make setup')") from None
    return sync_playwright


#: Fills each contents entry's page-number slot from ``{chapter id: page}``; the entry links to ``#<chapter id>``.
_FILL_PAGE_NUMBERS = """(numbers) => {
    for (const slot of document.querySelectorAll('.bb-print-toc a[href^="#"] .bb-print-pageno'))
        slot.textContent = numbers[slot.closest('a').getAttribute('href').slice(1)] ?? '';
}"""


def chapter_pages(pdf: Path) -> dict[str, int]:
    """On which page (1-based) each element a link points to starts, from Chromium's named destinations."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    out = {}
    for name, destination in sorted(reader.named_destinations.items()):
        number = reader.get_destination_page_number(destination)
        if number is not None and number >= 0:
            out[name.lstrip("/")] = number + 1
    return out


def set_info(pdf: Path, info: PdfInfo) -> None:
    """Write the PDF's title, author and subject; everything else (outline, links, tags) is kept."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(pdf))
    fields = {"/Title": info.title, "/Author": info.author, "/Subject": info.subject}
    writer.add_metadata({key: value for key, value in fields.items() if value})
    with open(pdf, "wb") as out:
        writer.write(out)


def print_pdf(html: Path, target: Path, page_size: str, executable: str, info: PdfInfo | None = None) -> None:
    """Print the page ``html`` (a local file) to ``target`` with the browser at ``executable``.

    Printed twice when the page has a table of contents: the second time with the page
    numbers the first printing gave each chapter.
    """
    options: dict[str, Any] = {
        "format": page_size,
        "print_background": True,
        "display_header_footer": True,
        "header_template": "<span></span>",
        "footer_template": _FOOTER,
        "margin": {"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
        "outline": True,
        "tagged": True,
    }
    with _playwright()() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(color_scheme="light")
            page.set_default_timeout(30_000)
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
            page.goto(html.as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.pdf(path=str(target), **options)
            if page.locator(".bb-print-pageno").count():
                page.evaluate(_FILL_PAGE_NUMBERS, chapter_pages(target))
                page.pdf(path=str(target), **options)
        finally:
            browser.close()
    if info is not None:
        set_info(target, info)


def pdf_info(config: Any, attributions: tuple[str, ...]) -> PdfInfo:
    """Title from book.yml; author: who the sources are from; subject: the subtitle, else the description."""
    authors = "; ".join(dict.fromkeys(a for a in attributions if a))
    return PdfInfo(config.title, authors, config.subtitle or config.description)


def pdf(root: Path) -> Path:
    """Write ``root/dist/<slug>.pdf``; nothing is written if any step fails."""
    from .bundle import book_slug, build_offline
    from .config import load_book_config
    from .pipeline import assemble
    from .printpage import PRINT_SRC

    config = load_book_config(root)
    executable = find_chromium()
    _playwright()
    target = root / "dist" / f"{book_slug(root)}.pdf"
    with tempfile.TemporaryDirectory(prefix="briefbook-pdf-") as tmp:
        site = Path(tmp) / "site"
        build_offline(root, site)
        out = Path(tmp) / "book.pdf"
        book, _ = assemble(root)
        info = pdf_info(config, tuple(s.attribution for s in book.sources))
        print_pdf(site / PRINT_SRC.replace(".md", ".html"), out, config.page_size, executable, info)
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

    start = time.perf_counter()
    quiet_mkdocs(args.verbose)
    target = pdf(args.dir)
    if not args.quiet:
        print(f"{target} ({target.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.2f} s")
    return 0
