"""``briefbook pdf``: the print version of the book, printed by a headless Chromium.

The PDF is the page a reader would print from their own browser (see
:mod:`generator.outputs.printpage`), so there is one print design, not two. It is
printed from the offline build (:func:`generator.outputs.bundle.build_offline`),
opened from disk with every request that is not a local file refused: a PDF
never depends on the network.

Playwright drives Debian's own Chromium (``executable_path``); it never
downloads a browser. Playwright is the optional extra ``pdf`` because only
this command needs it, and it is a large install.

A big book's print version is in parts, each page under a megabyte (see
:func:`generator.outputs.printpage.plan_parts`): each part is printed on its own and
pypdf joins them into one PDF. The page numbers in the footer run on across
the parts: the parts are printed without a footer, and one more printing of
as many blank sheets as the book has, with Chromium's footer on each, is laid
over them. A link to a chapter of another part, which Chromium writes as a
link to that part's file, becomes a link within the joined PDF.

The front page is printed twice. Chromium names a destination in the PDF
after each element id a link points to, so pypdf reads from the first
printing on which page each chapter starts (counting the sheets of the parts
before it); those numbers go into the contents (whose slots keep their
width, so nothing moves) and the second printing is the book's front page.
pypdf then sets the PDF's title, author and subject: Chromium would only take
the title from the page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..base.console import quiet_mkdocs
from ..base.errors import BriefbookError
from ..base.reproducible import book_date

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
    date: datetime | None = None  # the book's date (see generator.base.reproducible): same book, same PDF bytes


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


#: Fills each contents entry's page-number slot from ``{chapter id: page}``; the entry links to
#: ``#<chapter id>`` on the same page or ``<part>#<chapter id>`` on another part.
_FILL_PAGE_NUMBERS = """(numbers) => {
    for (const slot of document.querySelectorAll('.bb-print-toc a[href*="#"] .bb-print-pageno')) {
        const href = slot.closest('a').getAttribute('href');
        slot.textContent = numbers[href.slice(href.indexOf('#') + 1)] ?? '';
    }
}"""
#: As many blank sheets as the book has, for Chromium to put its footer on: the page numbers of the joined parts.
_BLANK_SHEETS = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { margin: 0; } div { height: 1px; } div + div { break-before: page; }
</style></head><body>{sheets}</body></html>"""


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
    """Write the PDF's title, author, subject and dates; everything else (outline, links, tags) is kept.

    Chromium dates the PDF with the clock; the book's own date takes its place,
    so that printing the same book twice gives the same bytes.
    """
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(pdf))
    fields = {"/Title": info.title, "/Author": info.author, "/Subject": info.subject}
    if info.date is not None:
        stamp = info.date.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")
        fields |= {"/CreationDate": stamp, "/ModDate": stamp}
    writer.add_metadata({key: value for key, value in fields.items() if value})
    with open(pdf, "wb") as out:
        writer.write(out)


def print_pdf(pages: list[Path], target: Path, page_size: str, executable: str, info: PdfInfo | None = None) -> None:
    """Print the print version's ``pages`` (local files, the front page first) into one PDF at ``target``.

    The front page is printed twice when it has a table of contents: the second
    time with the page numbers the first printing gave each chapter.
    """
    from pypdf import PdfReader

    options: dict[str, Any] = {
        "format": page_size,
        "print_background": True,
        "margin": {"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
        "outline": True,
        "tagged": True,
    }
    printed = [target.with_name(f"{target.stem}-{n}.pdf") for n in range(1, len(pages) + 1)]
    footers = target.with_name(f"{target.stem}-footers.pdf")
    with _playwright()() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_ARGS))
        try:
            tabs: list[Any] = []
            for page, out in zip(pages, printed, strict=True):
                tab = browser.new_page(color_scheme="light")
                tab.set_default_timeout(60_000)
                tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
                tab.goto(page.as_uri(), wait_until="load")
                tab.evaluate("document.fonts.ready.then(() => true)")
                tab.pdf(path=str(out), **options)
                if tabs:
                    tab.close()  # only the front page is printed again: a 600 kB page held open costs memory
                tabs.append(tab)
            counts = [len(PdfReader(out).pages) for out in printed]
            front = tabs[0]
            if front.locator(".bb-print-pageno").count():
                numbers: dict[str, int] = {}
                before = 0
                for out, count in zip(printed, counts, strict=True):
                    for name, number in chapter_pages(out).items():
                        numbers.setdefault(name, before + number)
                    before += count
                front.evaluate(_FILL_PAGE_NUMBERS, numbers)
                front.pdf(path=str(printed[0]), **options)
                if len(PdfReader(printed[0]).pages) != counts[0]:
                    raise BriefbookError("the contents took another sheet once numbered: the page numbers would be wrong")
            sheets = browser.new_page()
            sheets.set_content(_BLANK_SHEETS.replace("{sheets}", "<div></div>" * sum(counts)))
            sheets.pdf(
                path=str(footers),
                format=page_size,
                margin=options["margin"],
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=_FOOTER,
            )
        finally:
            browser.close()
    join(printed, footers, target)
    for out in (*printed, footers):
        out.unlink()
    if info is not None:
        set_info(target, info)


def join(parts: list[Path], footers: Path, target: Path) -> None:
    """Join the printed ``parts`` into ``target``, laying ``footers`` (a sheet per page) over them.

    Chromium writes a link to a chapter of another part as a link to that
    part's file: it becomes a link to the chapter's destination in the joined
    PDF, and a link to any other local file (which would name a temporary
    folder) is dropped.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    if len(parts) == 1:  # a book on one print page keeps all Chromium wrote: its tags for screen readers too
        writer = PdfWriter(clone_from=str(parts[0]))
    else:  # pypdf joins pages, links, destinations and outlines; the parts' tag trees are not joined
        writer = PdfWriter()
        for part in parts:
            writer.append(str(part), import_outline=True)
    sheets = PdfReader(footers).pages
    if len(sheets) != len(writer.pages):
        raise BriefbookError(f"the page numbers came out on {len(sheets)} sheets for a book of {len(writer.pages)}")
    # An element's id → the destination's name in this PDF (pypdf keeps the "/" of Chromium's name objects).
    names = {str(name).lstrip("/"): str(name) for name in writer.named_destinations}
    for page, sheet in zip(writer.pages, sheets, strict=True):
        page.merge_page(sheet)
        annotations = page.get("/Annots")
        if annotations is None:
            continue
        kept = ArrayObject()
        for ref in annotations.get_object():
            annotation = ref.get_object()
            action = annotation.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if uri.startswith("file:"):
                fragment = uri.partition("#")[2]
                if fragment not in names:
                    continue
                goto = DictionaryObject({NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): TextStringObject(names[fragment])})
                annotation[NameObject("/A")] = goto
            kept.append(ref)
        page[NameObject("/Annots")] = kept
    with open(target, "wb") as out:
        writer.write(out)


def pdf_info(config: Any, attributions: tuple[str, ...]) -> PdfInfo:
    """Title from book.yml; author: who the sources are from; subject: the subtitle, else the description."""
    authors = "; ".join(dict.fromkeys(a for a in attributions if a))
    return PdfInfo(config.title, authors, config.subtitle or config.description, book_date(config))


def print_pages(site: Path) -> list[Path]:
    """The print version's pages in an offline build in ``site``: the front page, then each part."""
    from .printpage import PRINT_SRC, part_src

    pages = [site / PRINT_SRC.replace(".md", ".html")]
    while (part := site / part_src(len(pages) + 1).replace(".md", ".html")).is_file():
        pages.append(part)
    return pages


def pdf(root: Path) -> Path:
    """Write ``root/dist/<slug>.pdf``; nothing is written if any step fails."""
    from ..config import load_book_config
    from ..pipeline import generate
    from .bundle import book_slug, build_offline

    config = load_book_config(root)
    executable = find_chromium()
    _playwright()
    target = root / "dist" / f"{book_slug(root)}.pdf"
    with tempfile.TemporaryDirectory(prefix="briefbook-pdf-") as tmp:
        site = Path(tmp) / "site"
        build_offline(root, site)
        out = Path(tmp) / "book.pdf"
        credits = generate(root, write=False).print_facts.sources  # the build's own run, reused: not the pipeline again
        info = pdf_info(config, tuple(c.attribution for c in credits))
        print_pdf(print_pages(site), out, config.page_size, executable, info)
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
