"""What a reader meets in real Chromium: axe-core on every page, the keyboard alone, the pictures' links.

Both test books are built for real (``briefbook build --strict``); every HTML
page of each site is loaded and checked with axe-core (WCAG 2.1 A and AA,
plus anything serious or critical), the way a reader's browser would show it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from generator.cli import main
from tests.browser import serve
from tests.conftest import BOOKS, copy_book

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def german_river(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second book with ``language: de``: the page language comes from book.yml."""
    root = copy_book(BOOKS / "river", tmp_path_factory.mktemp("de") / "river")
    path = root / "seeds" / "book.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["language"] = "de"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    return root


def pages_of(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def axe_problems(page: Any) -> list[str]:
    """Violations a reader would suffer: any WCAG 2.1 A/AA rule, and any rule of impact serious or critical."""
    violations = Axe().run(page).response["violations"]  # every rule axe runs by default, WCAG ones included
    found = [v for v in violations if set(v["tags"]) & set(WCAG) or v["impact"] in ("serious", "critical")]
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in sorted(found, key=lambda v: v["id"])]


@pytest.mark.parametrize("book", ["built_example", "built_second"])
def test_axe_finds_nothing_on_any_page(book: str, request: pytest.FixtureRequest, page: Any) -> None:
    site = request.getfixturevalue(book) / "site"
    checked = 0
    problems = {}
    for html_file in pages_of(site):
        page.goto(html_file.as_uri())
        if found := axe_problems(page):
            problems[str(html_file.relative_to(site))] = found
        checked += 1
    assert checked >= 5
    assert problems == {}


class _Outline(HTMLParser):
    """Headings of a page's article, links without a name, and the <html lang>."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.levels: list[int] = []
        self.unnamed: list[str] = []
        self._link: tuple[str, list[str]] | None = None
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag == "article":
            self._in_article += 1
        if self._in_article and len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.levels.append(int(tag[1]))
        if tag == "a" and a.get("href") is not None:
            label = (a.get("aria-label") or a.get("title") or "").strip()
            self._link = (a.get("href") or "", [label])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
        if tag == "a" and self._link is not None:
            href, text = self._link
            if not "".join(text).strip():
                self.unnamed.append(href)
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link[1].append(data)


@pytest.mark.parametrize("book", ["built_example", "built_second", "german_river"])
def test_lang_headings_and_link_names(book: str, request: pytest.FixtureRequest) -> None:
    root = request.getfixturevalue(book)
    language = yaml.safe_load((root / "seeds" / "book.yml").read_text(encoding="utf-8")).get("language", "en")
    for html_file in pages_of(root / "site"):
        outline = _Outline()
        outline.feed(html_file.read_text(encoding="utf-8"))
        where = html_file.relative_to(root / "site")
        assert outline.lang == language, where
        assert outline.levels[:1] == [1], where
        skips = [(a, b) for a, b in zip(outline.levels, outline.levels[1:], strict=False) if b > a + 1]
        assert skips == [], f"{where}: heading levels skip: {skips}"
        assert outline.unnamed == [], f"{where}: links without text: {outline.unnamed}"


def test_search_dialog_is_named_in_the_book_language(german_river: Path) -> None:
    home = (german_river / "site" / "index.html").read_text(encoding="utf-8")
    assert 'role="dialog" aria-label="Suche"' in home


@pytest.fixture
def served(built_example: Path) -> Iterator[str]:
    """The example site over HTTP (search needs a server), stopped after the test."""
    with serve(built_example / "site") as url:
        yield url


def _tab_until(page: Any, test: str, limit: int = 40) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(test):
            return True
    return False


def test_keyboard_only_search_and_picture_links(served: str, built_example: Path, page: Any) -> None:
    book = yaml.safe_load((built_example / "seeds" / "book.yml").read_text(encoding="utf-8"))
    word = book["themes"][-1]["keywords"][0]
    page.goto(served)
    assert _tab_until(page, "document.activeElement.name === 'query'"), "Tab never reaches the search box"
    page.keyboard.type(word)
    page.wait_for_selector(".md-search-result__link")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert page.url != served and page.locator("article h1").count() == 1

    # Home holds no picture now; the timeline's marks are links a keyboard reaches and follows to their ¶.
    page.goto(served + "timeline/")
    assert _tab_until(page, "document.activeElement.matches('svg a.bb-link')"), "Tab never reaches the timeline"
    name = page.evaluate("document.activeElement.querySelector('title').textContent")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "#p-" in url)
    anchor = page.url.rsplit("#", 1)[1]
    paragraph = " ".join(page.locator(f"[id='{anchor}']").inner_text().split())
    assert name.split(": ", 1)[1][:40] in paragraph


def test_picture_links_resolve_in_both_url_layouts(built_second: Path, tmp_path: Path) -> None:
    offline = copy_book(BOOKS / "river", tmp_path / "offline")
    with (offline / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("\nuse_directory_urls: false\n")
    assert main(["build", str(offline), "--strict", "--quiet"]) == 0
    for root, suffix, about in ((built_second, "/", "about/index.html"), (offline, ".html", "about.html")):
        home = root / "site" / about  # the theme map is on About
        hrefs = _picture_hrefs(home.read_text(encoding="utf-8"))
        themes = yaml.safe_load((root / "seeds" / "book.yml").read_text(encoding="utf-8"))["themes"]
        assert len(hrefs) == 2 * len(themes) and len(set(hrefs)) == len(themes)  # the map's wide and narrow drawings
        for href in hrefs:
            assert href.endswith(suffix) and not href.endswith(".md"), href
            target = (home.parent / href).resolve()
            assert (target / "index.html" if href.endswith("/") else target).is_file(), href
    shutil.rmtree(offline / "site")


def _picture_hrefs(html: str) -> list[str]:
    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.depth = 0
            self.hrefs: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.depth += tag == "svg"
            if self.depth and tag == "a":
                self.hrefs.append(dict(attrs).get("href") or "")

        def handle_endtag(self, tag: str) -> None:
            self.depth -= tag == "svg"

    parser = Links()
    parser.feed(html)
    return parser.hrefs


def test_pictures_follow_the_dark_palette(built_second: Path, browser: Any) -> None:
    """Nodes take Material's link colour in each scheme; labels its text colour: never the same in light and dark."""
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        pg = context.new_page()
        pg.goto((built_second / "site" / "about" / "index.html").as_uri())
        colours[scheme] = pg.evaluate(
            "[getComputedStyle(document.querySelector('.bb-node')).fill,"
            " getComputedStyle(document.querySelector('.bb-bar-label')).fill,"
            " getComputedStyle(document.body).backgroundColor]"
        )
        context.close()
    assert colours["light"][0] != colours["dark"][0]
    assert colours["light"][1] != colours["dark"][1]
    assert colours["light"][2] != colours["dark"][2]


def test_pictures_print_into_the_pdf(built_second: Path, browser: Any, tmp_path: Path) -> None:
    """Static SVG needs no script: Chromium's print of About carries both pictures' words."""
    import subprocess

    pg = browser.new_page()
    pg.goto((built_second / "site" / "about" / "index.html").as_uri())
    pdf = tmp_path / "home.pdf"
    pg.pdf(path=str(pdf), format="A4", print_background=True)
    pg.close()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Paragraphs per theme" in text and "Paragraphs per source" in text
    for theme in yaml.safe_load((built_second / "seeds" / "book.yml").read_text(encoding="utf-8"))["themes"]:
        assert text.count(theme["title"]) >= 3  # map label, coverage bar, and the table
