"""The three ways to read a book, each checked in Debian's real Chromium.

The hosted site is served over HTTP under a sub-path, the offline bundle is
unzipped and opened from ``file://`` with every other request refused and
counted, and the PDF is read back with poppler's ``pdftotext``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from generator.cli import main
from generator.pipeline import assemble
from tests.browser import TIMEOUT_MS, serve
from tests.conftest import BOOKS, REPO, copy_book, run_cli

#: Loading the search index in a busy machine's browser can take seconds: wait for the state, up to this long.
SEARCH_READY_MS = 60_000


def search(page: Page, word: str) -> list[str]:
    """Type ``word`` into Material's search box; return the titles of the results.

    Waits for states, not for time: the results in the page (however long the
    index takes to load), then the overlay showing them. On a busy machine
    Material can close the overlay after the box was clicked while the box keeps
    its focus (seen: toggle off, box focused); the box then loses its focus and
    is clicked again, which opens the overlay over the same results.
    """
    box = page.locator("input[name=query]")
    box.click()
    page.keyboard.type(word)
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="attached", timeout=SEARCH_READY_MS)
    deadline = time.monotonic() + SEARCH_READY_MS / 1000
    while not first.is_visible():
        assert time.monotonic() < deadline, "search results stayed hidden: " + page.evaluate(
            "[document.getElementById('__search').checked, document.activeElement.outerHTML.slice(0, 80),"
            " getComputedStyle(document.querySelector('.md-search__output')).visibility].join(' | ')"
        )
        if not page.evaluate("document.getElementById('__search').checked"):
            box.blur()  # Material opens the overlay when the box gains focus: it must lose it first
            box.click()
        page.wait_for_timeout(100)
    return [" ".join(t.split()) for t in page.locator(".md-search-result__item h1").all_inner_texts()]


def follow(page: Page, link: Any) -> None:
    """Click a link to another page and wait until that page has loaded."""
    with page.expect_navigation(wait_until="load"):
        link.click()


def h1(page: Page) -> str:
    return " ".join(page.locator("article h1").first.inner_text().replace("¶", "").split())


def walk_the_book(page: Page, home: str, theme: str, search_word: str, lands_on: str) -> None:
    """What a reader does: home → a theme → a cross-link → a ¶ link to the source; then search."""
    page.goto(home)
    follow(page, page.locator(".bb-themes a", has_text=theme).first)
    assert h1(page) == theme
    follow(page, page.locator("a.bb-xref").first)
    assert h1(page) != theme, "a cross-link leads to another theme's page"
    cite = page.locator("a.bb-cite").first
    number = cite.inner_text().strip()
    follow(page, cite)
    anchor = page.evaluate("location.hash").lstrip("#")
    assert anchor.startswith("p-")
    paragraph = page.locator(f"[id='{anchor}']")
    assert paragraph.is_visible() and number in paragraph.inner_text()
    assert page.locator(".bb-attribution").count() == 1, "the ¶ link lands on the source's page"
    titles = search(page, search_word)
    assert lands_on in titles
    exact = page.locator("h1", has_text=re.compile(rf"^\s*{re.escape(lands_on)}\s*$"))
    follow(page, page.locator(".md-search-result__link").filter(has=exact).first)
    assert h1(page) == lands_on


# --- the hosted site -------------------------------------------------------


@pytest.fixture(scope="session")
def hosted_river(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second book, with a site_url under a sub-path, built for a static host."""
    root = copy_book(BOOKS / "river", tmp_path_factory.mktemp("hosted") / "river")
    book = root / "seeds" / "book.yml"
    book.write_text(book.read_text(encoding="utf-8") + "site_url: https://books.example.org/river-book/\n", encoding="utf-8")
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    return root


def test_hosted_site_reads_and_searches_under_a_sub_path(built_example: Path, page: Page, tmp_path: Path) -> None:
    with serve(built_example / "site", "briefing", tmp_path) as home:
        walk_the_book(page, home, "Plan overview", "carbon", "Dual-carbon forums")
        assert page.url.startswith(home)
        # The home page leads to the print version: every nav page once, ids unique, every # link resolving.
        page.goto(home)
        follow(page, page.locator(".bb-print-link a"))
        nav_pages = page.evaluate("[...document.querySelectorAll('.bb-print-toc a')].length")
        assert page.locator(".bb-print-page").count() == nav_pages >= 5
        ids = page.evaluate("[...document.querySelectorAll('article [id]')].map(e => e.id)")
        assert len(ids) == len(set(ids))
        hrefs = page.evaluate("[...document.querySelectorAll('article a[href^=\"#\"]')].map(a => a.getAttribute('href'))")
        assert hrefs and set(h[1:] for h in hrefs) <= set(ids)


def test_second_book_hosted_with_sitemap_and_404(hosted_river: Path, page: Page, tmp_path: Path) -> None:
    site = hosted_river / "site"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://books.example.org/river-book/ecology/</loc>" in sitemap
    with serve(site, "river-book", tmp_path) as home:
        walk_the_book(page, home, "River ecology", "salmon", "River ecology")
        styles: list[int] = []
        page.on("response", lambda r: styles.append(r.status) if r.url.endswith(".css") else None)
        response = page.goto(home + "no/such/page/")
        assert response is not None and response.status == 404
        assert "404" in page.locator("article").inner_text()
        assert styles and all(s in (200, 304) for s in styles), "the 404 page finds its styles from any depth"


# --- the offline bundle ----------------------------------------------------


@pytest.fixture(scope="session")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``briefbook bundle`` of both books (the second also in French), each unzipped; returns the index.html files."""
    out = {}
    for name, src in (("example", REPO), ("river", BOOKS / "river"), ("river-fr", BOOKS / "river")):
        root = copy_book(src, tmp_path_factory.mktemp("bundle") / name)
        if name == "river-fr":  # search in another language loads lunr's language files through the shim
            book = root / "seeds" / "book.yml"
            book.write_text(book.read_text(encoding="utf-8") + "language: fr\n", encoding="utf-8")
        assert main(["bundle", str(root), "--quiet"]) == 0
        (archive,) = (root / "dist").glob("*-offline.zip")
        with zipfile.ZipFile(archive) as z:
            z.extractall(root / "unzipped")
        (index,) = (root / "unzipped").glob("*/index.html")
        out[name] = index
    return out


def offline_page(page: Page) -> list[str]:
    """Refuse every request that is not a file; the returned list collects the refused ones."""
    refused: list[str] = []

    def handle(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    return refused


@pytest.mark.parametrize(
    ("book", "theme", "word", "lands_on"),
    [
        ("example", "Plan overview", "carbon", "Dual-carbon forums"),
        ("river", "River ecology", "salmon", "River ecology"),
        ("river-fr", "River ecology", "canoe", "Towns and people"),
    ],
)
def test_offline_bundle_works_from_disk_without_network(
    bundles: dict[str, Path], page: Page, book: str, theme: str, word: str, lands_on: str
) -> None:
    refused = offline_page(page)
    walk_the_book(page, bundles[book].as_uri(), theme, word, lands_on)
    assert page.url.startswith("file:")
    assert refused == []


def test_offline_bundle_names_no_web_address_to_load(bundles: dict[str, Path]) -> None:
    site = bundles["example"].parent
    remote = re.compile(r"""(?:\bsrc\s*=\s*["']?|@import\s*(?:url\()?["']?|url\(\s*["']?)(?:https?:)?//""", re.I)
    stylesheet = re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//[^>]*>""", re.I)
    offenders = []
    for path in sorted(site.rglob("*")):
        if path.suffix in {".html", ".css"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            links = [m for m in stylesheet.findall(text) if "canonical" not in m]
            if remote.search(text) or links:
                offenders.append(path.relative_to(site).as_posix())
    assert offenders == []
    assert not list(site.rglob("sitemap.xml*")), "a sitemap lists web addresses: not in the bundle"


@pytest.mark.parametrize("book", ["example", "river"])
def test_every_link_in_the_bundle_reaches_a_file_in_it(bundles: dict[str, Path], book: str) -> None:
    site = bundles[book].parent
    attribute = re.compile(r'\b(?:href|src)="([^"#?]+)[^"]*"')
    broken = []
    for html in sorted(site.rglob("*.html")):
        for target in attribute.findall(html.read_text(encoding="utf-8")):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):
                continue  # a web address in the book's text, or mailto:
            if not (html.parent / target).resolve().is_file():
                broken.append(f"{html.relative_to(site)} → {target}")
    assert broken == []


def test_bundle_is_byte_for_byte_reproducible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = copy_book(BOOKS / "river", tmp_path / "river")
    assert run_cli(capsys, "bundle", str(root), "--quiet")[0] == 0
    (archive,) = (root / "dist").glob("*.zip")
    assert archive.name == "restoring-the-lowland-river-offline.zip"
    first = archive.read_bytes()
    assert run_cli(capsys, "bundle", str(root), "--quiet")[0] == 0
    assert archive.read_bytes() == first
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# --- the PDF ---------------------------------------------------------------


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``briefbook pdf`` of both books, run as the command; the second asks for Letter paper."""
    out = {}
    for name, src in (("example", REPO), ("river", BOOKS / "river")):
        root = copy_book(src, tmp_path_factory.mktemp("pdf") / name)
        if name == "river":
            book = root / "seeds" / "book.yml"
            book.write_text(book.read_text(encoding="utf-8") + "pdf:\n  page_size: Letter\n", encoding="utf-8")
        # A process of its own: Playwright's sync API cannot start inside the session's browser loop.
        subprocess.run([sys.executable, "-m", "generator", "pdf", str(root), "--quiet"], check=True, timeout=120)
        (out[name],) = (root / "dist").glob("*.pdf")
    return out


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, without the page-number footer, lines joined, whitespace folded."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    pages = [re.sub(r"^\s*\d+\s*/\s*\d+\s*$", "", p, flags=re.M) for p in pages]  # the footer "3 / 8"
    return [" ".join(re.sub(r"(\w-)\n\s*", r"\1", p).split()) for p in pages]  # "Five-⏎Year" is "Five-Year"


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def test_printing_the_same_book_again_gives_the_same_pdf_bytes(pdfs: dict[str, Path]) -> None:
    """Chromium dates a PDF with the clock; briefbook dates it with the book's own date."""
    from pypdf import PdfReader

    from generator.base.reproducible import book_date
    from generator.config import load_book_config

    pdf = pdfs["river"]
    root = pdf.parent.parent
    first = pdf.read_bytes()
    time.sleep(1.1)  # the clock's date would now differ by a second
    subprocess.run([sys.executable, "-m", "generator", "pdf", str(root), "--quiet"], check=True, timeout=120)
    assert pdf.read_bytes() == first
    stamp = book_date(load_book_config(root)).strftime("D:%Y%m%d%H%M%S+00'00'")
    metadata = PdfReader(pdf).metadata
    assert metadata is not None and metadata["/CreationDate"] == stamp and metadata["/ModDate"] == stamp


@pytest.mark.parametrize(("book", "src", "size"), [("example", REPO, "A4"), ("river", BOOKS / "river", "Letter")])
def test_pdf_holds_the_whole_book_and_nothing_of_the_screen(pdfs: dict[str, Path], book: str, src: Path, size: str) -> None:
    pdf = pdfs[book]
    assert pdf.name == f"{pdfs[book].stem}.pdf" and not pdf.stem.endswith("offline")
    pages = pdf_pages(pdf)
    info = pdf_info(pdf)
    assert int(info["Pages"]) == len(pages)
    assert f"({size.lower()})" in info["Page size"].lower()
    assert all(pages), f"blank page(s): {[i + 1 for i, p in enumerate(pages) if not p]}"
    whole = " ".join(pages)
    model, _ = assemble(src)
    for theme in model.config.themes:
        assert theme.title in whole
    for paragraph in model.paragraphs:
        assert " ".join(paragraph.text.split()) in whole, f"¶{paragraph.number} of {paragraph.source} is missing"
    for screen_only in ("Skip to content", "Initializing search", "Type to start searching", "Back to top", "Made with"):
        assert screen_only not in whole
    # Cover: title, subtitle, edition, sources with attribution; then the contents.
    assert pages[0].startswith(" ".join(model.config.title.split()))
    assert "Edition of" in pages[0]
    for source in model.sources:
        assert " ".join(source.attribution.split()) in pages[0]
    assert pages[1].startswith("Contents")
    # Each theme starts a sheet; paper says where a cross-link points.
    for theme in model.config.themes:
        assert any(p.startswith(theme.title) for p in pages), f"{theme.title} does not start a page"
    targets = {span.title for spans in model.spans.values() for span in spans if span.kind == "theme"}
    for title in targets:
        assert f"(→ {title})" in whole


def test_print_version_is_light_even_for_a_dark_mode_reader(bundles: dict[str, Path], browser: Browser, tmp_path: Path) -> None:
    context = browser.new_context(color_scheme="dark")
    try:
        tab = context.new_page()
        tab.set_default_timeout(TIMEOUT_MS)
        tab.goto(bundles["river"].with_name("print.html").as_uri())
        tab.evaluate("localStorage.setItem('/.__palette', JSON.stringify({index: 1}))")  # the reader picked dark
        tab.reload()
        assert tab.evaluate("document.body.dataset.mdColorScheme") == "slate", "the screen is dark"
        tab.pdf(path=str(tmp_path / "dark.pdf"), print_background=True)
    finally:
        context.close()
    pdf, prefix = str(tmp_path / "dark.pdf"), str(tmp_path / "p")
    subprocess.run(["pdftoppm", "-gray", "-r", "20", "-f", "1", "-l", "2", pdf, prefix], check=True)
    for image in sorted(tmp_path.glob("p-*.pgm")):
        data = image.read_bytes()
        pixels = data[len(data) - _pgm_size(data) :]
        assert sum(pixels) / len(pixels) > 235, f"{image.name} prints dark"


def _pgm_size(data: bytes) -> int:
    width, height = (int(v) for v in data.split(b"\n")[1].split())
    return width * height


def test_pdf_without_chromium_says_which_package_to_install(
    example_book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFBOOK_CHROMIUM", str(example_book / "no-such-browser"))
    code, _, err = run_cli(capsys, "pdf", str(example_book))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "'chromium'" in err and "apt-get install chromium" in err
    assert not (example_book / "dist").exists()


def test_page_size_must_be_one_briefbook_prints(make_book: Any, capsys: pytest.CaptureFixture[str]) -> None:
    book_yml = "title: T\nthemes:\n  - title: A\n    keywords: [river]\npdf:\n  page_size: A3\n"
    root = make_book(book_yml, {"a.txt": "Title\n\nThe river.\n"})
    code, _, err = run_cli(capsys, "generate", str(root))
    assert code == 2
    assert "seeds/book.yml:6: pdf.page_size: 'A3'" in err and "A4 or Letter" in err


def test_the_three_pictures_ride_along_in_the_bundle_and_the_pdf(bundles: dict[str, Path], pdfs: dict[str, Path]) -> None:
    """Coverage (and the theme map, when it tells something) on About, the timeline on its page: bundle and PDF."""
    folder = bundles["example"].parent
    about = (folder / "about.html").read_text(encoding="utf-8")
    timeline = (folder / "timeline.html").read_text(encoding="utf-8")
    assert '<svg class="bb-picture bb-coverage bb-wide"' in about
    assert "bb-map" not in about  # three themes, each linked to the others: the map would say nothing
    assert "bb-picture" not in (folder / "index.html").read_text(encoding="utf-8")  # Home is a summary
    assert '<svg class="bb-picture bb-timeline bb-wide"' in timeline
    printed = " ".join(pdf_pages(pdfs["example"]))
    model, _ = assemble(REPO)
    for theme in model.config.themes:  # the map's and the chart's labels are text in the PDF, not pixels
        assert printed.count(theme.title) >= 3
    assert "Paragraphs per theme" in printed


def pdf_lines(pdf: Path) -> list[list[str]]:
    """The non-empty lines of text on each page, without the page-number footer."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    return [[line.strip() for line in page.splitlines() if line.strip() and not re.fullmatch(r"\s*\d+\s*/\s*\d+\s*", line)] for page in pages]


@pytest.mark.parametrize(("book", "src"), [("example", REPO), ("river", BOOKS / "river")])
def test_pdf_reads_as_a_printed_book(pdfs: dict[str, Path], book: str, src: Path) -> None:
    """Metadata of the book, contents with page numbers, short citations, no near-empty sheet, paper wording."""
    model, _ = assemble(src)
    config = model.config
    info = pdf_info(pdfs[book])
    assert info["Title"] == config.title
    assert info["Author"] == "; ".join(dict.fromkeys(s.attribution for s in model.sources if s.attribution))
    assert info["Subject"] == (config.subtitle or config.description)
    lines = pdf_lines(pdfs[book])
    for number, page in enumerate(lines[1:], 2):
        assert len(page) >= 3, f"sheet {number} holds only {page}"
    # Home's closing Sources list never stands alone on a sheet (a card's rule once pushed it onto one of its own).
    tail = next(page for page in lines if any(line.startswith("About this book:") for line in page))
    assert tail[0] != "Sources", tail
    cover = " ".join(lines[0])
    if config.description:
        assert " ".join(config.description.split()) in cover
    assert "S1 " in cover, "the cover numbers the sources that citations name"
    # Contents: each theme's line ends with the number of the sheet its chapter starts on.
    contents = lines[1]
    assert contents[0] == "Contents"
    for theme in config.themes:
        entry = next(line for line in contents if line.startswith(theme.title))
        number = int(entry.rsplit(maxsplit=1)[1])
        assert lines[number - 1][0] == theme.title, f"the contents send {theme.title} to sheet {number}"
    whole = " ".join(pdf_pages(pdfs[book]))
    assert re.search(r"\[S1 ¶\d+\]", whole)
    for source in model.sources:
        assert f"(→ {' '.join(source.title.split())[:30]}" not in whole, "a ¶ is cited short, not by its source's title"
    assert "Hover over" not in whole, "paper cannot be hovered over"
