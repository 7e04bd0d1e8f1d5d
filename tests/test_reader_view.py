"""What a reader sees in Chromium: pictures that hold up, a marked target, no author words, search for numbers.

Two books of different subjects (the example book and the river book) are
built once and served over HTTP; every check looks at the rendered page.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import TIMEOUT_MS, serve

#: Every element inside an <svg> must be in the SVG namespace. An HTML element such as <span> there makes the
#: browser's parser close the picture early: its remaining shapes become loose, unknown HTML elements.
_FOREIGN_IN_SVG = """() => Array.from(document.querySelectorAll('svg *'))
    .filter(el => el.namespaceURI !== 'http://www.w3.org/2000/svg')
    .map(el => el.tagName)"""
_SHAPES_OUTSIDE_SVG = """() => Array.from(document.querySelectorAll('circle, rect, line, text, desc, g'))
    .filter(el => el.namespaceURI !== 'http://www.w3.org/2000/svg').length"""
_SHAPES = """() => Array.from(document.querySelectorAll('svg.bb-picture')).map(svg => [
    svg.classList.value, svg.querySelectorAll('circle, rect, line, text').length])"""


@pytest.fixture(params=["built_example", "built_second"])
def site(request: pytest.FixtureRequest) -> Iterator[str]:
    """The base URL of one built book, served over HTTP."""
    root: Path = request.getfixturevalue(request.param)
    with serve(root / "site") as base:
        yield base


def test_print_page_inserts_nothing_into_the_pictures(site: str, page: Page) -> None:
    page.goto(f"{site}print/")
    assert page.locator("svg.bb-picture").count() >= 2, "the print page holds the About page's pictures"
    assert page.evaluate(_FOREIGN_IN_SVG) == []
    assert page.evaluate(_SHAPES_OUTSIDE_SVG) == 0
    printed = page.evaluate(_SHAPES)
    page.goto(f"{site}about/")
    about = page.evaluate(_SHAPES)
    assert about and all(picture in printed for picture in about), "each picture of About prints with all its shapes"
    page.goto(f"{site}print/")
    # The map keeps its circles and the chart its bars: they are drawn, with a size, in the print page.
    shapes = ["svg.bb-coverage.bb-wide rect.bb-bar"]
    if any("bb-map" in classes for classes, _ in about):
        shapes.append("svg.bb-map.bb-wide circle.bb-node")
    for shape in shapes:
        boxes = [page.locator(shape).nth(i).bounding_box() for i in range(page.locator(shape).count())]
        assert boxes and all(b and b["width"] > 1 and b["height"] > 1 for b in boxes), shape


class _Text(HTMLParser):
    """The words of a page a reader can see or hear: text and titles, without scripts, styles or markup."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        self.words += [value for name, value in attrs if name in ("title", "alt", "aria-label") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.words.append(data)


def reader_text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.words).split())


@pytest.mark.parametrize("book", ["built_example", "built_second"])
def test_reader_pages_hold_no_author_words(book: str, request: pytest.FixtureRequest) -> None:
    """Link counts, file names and book.yml advice are for the author: the build summary and `check` say them."""
    root: Path = request.getfixturevalue(book)
    files = sorted(p.name for p in (root / "seeds").iterdir() if p.is_file())
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        text = reader_text(page)
        for author_word in ("book.yml", "seeds/", "links to it", "link to it", "theme's keywords", *files):
            assert author_word not in text, f"{page.relative_to(root)} says {author_word!r}"
    assert "Related themes" in reader_text(root / "site" / "index.html") or any("Related themes" in reader_text(p) for p in pages)


def test_check_and_the_build_summary_tell_the_author_what_the_pages_leave_out(
    built_second: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import run_cli

    code, out, _ = run_cli(capsys, "check", str(built_second))
    assert code == 0
    assert re.search(r"note: theme '[^']+': \d+ cross-link\(s\) to it from other themes, \d+ from it to others", out)
    code, out, _ = run_cli(capsys, "build", str(built_second))
    assert code == 0 and "seeds/book.yml" in out


_TARGET_STYLE = """(id) => {
    const el = document.getElementById(id);
    const other = Array.from(document.querySelectorAll('.bb-para')).find(p => p !== el);
    const s = getComputedStyle(el);
    return {matches: el.matches(':target'), bg: s.backgroundColor, fg: s.color, shadow: s.boxShadow,
            otherBg: getComputedStyle(other).backgroundColor, pageBg: getComputedStyle(document.body).backgroundColor};
}"""


def _rgba(color: str) -> tuple[float, float, float, float]:
    r, g, b, *alpha = (float(v) for v in re.findall(r"[\d.]+", color))
    return r, g, b, alpha[0] if alpha else 1.0


def _luminance(rgb: tuple[float, float, float]) -> float:
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast of text colour ``fg`` (blended over ``bg`` when translucent) on an opaque ``bg``."""
    fr, fg_, fb, alpha = _rgba(fg)
    br, bg_, bb, _ = _rgba(bg)
    text = (alpha * fr + (1 - alpha) * br, alpha * fg_ + (1 - alpha) * bg_, alpha * fb + (1 - alpha) * bb)
    hi, lo = sorted((_luminance(text), _luminance((br, bg_, bb))), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_paragraph_reached_by_a_link_is_marked(site: str, browser: Browser, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(site)
        theme = page.locator(".bb-themes a").first.get_attribute("href")
        page.goto(f"{site}{theme}")
        cite = page.locator("a.bb-cite").last
        cite.click()
        page.wait_for_load_state("load")
        anchor = page.evaluate("location.hash").lstrip("#")
        style = page.evaluate(_TARGET_STYLE, anchor)
        assert style["matches"]
        assert style["bg"] != style["otherBg"], "the target paragraph stands out from the others"
        assert style["shadow"] != "none", "a bar beside it marks it without relying on colour alone"
        assert contrast(style["fg"], style["bg"]) >= 4.5
        if scheme == "dark":
            assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    finally:
        context.close()


_GRID_BOOK = """title: Grid investment
themes:
  - title: Money
    keywords: [budget, fund]
  - title: Power
    keywords: [grid, turbine]
"""
_GRID_TEXT = """Grid plan announced

The fund will spend $45 billion on the grid by 2035, the minister said.

Turbine output rose 12.5% in the year to March, to 3,400 MW.

The budget for 2030–2035 was not changed, and 45-year bonds are planned.
"""


@pytest.fixture(scope="module")
def grid_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from generator.cli import main
    from tests.conftest import write_book

    root = write_book(tmp_path_factory.mktemp("grid") / "book", _GRID_BOOK, {"grid.txt": _GRID_TEXT})
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    with serve(root / "site") as base:
        yield base


@pytest.mark.parametrize(
    ("query", "numbers"), [("45", ("¶1", "¶3")), ("$45", ("¶1",)), ("2035", ("¶1", "¶3")), ("12.5", ("¶2",))]
)
def test_search_finds_numbers_with_signs_and_dashes_around_them(
    grid_site: str, page: Page, query: str, numbers: tuple[str, ...]
) -> None:
    """ "$45" and "2030–2035" are found by "45" and "2035": signs and dashes split words, a decimal point does not."""
    from tests.test_outputs import search

    page.goto(grid_site)
    search(page, query)
    title = page.locator("h1", has_text=re.compile(r"^\s*Grid plan announced\s*$"))
    source = page.locator(".md-search-result__item").filter(has=title).first
    text = " ".join(source.inner_text().split())
    for number in numbers:
        assert number in text, f"{query!r} does not find {number} of the source: {text}"


#: Per visible picture: text under 10 px, text outside the picture, and pairs of labels that overlap.
_PICTURE_TEXT = """() => {
    const out = {pictures: 0, small: [], clipped: [], overlaps: []};
    for (const svg of document.querySelectorAll('svg.bb-picture')) {
        const box = svg.getBoundingClientRect();
        if (box.width === 0) continue;  // the variant for the other screen width
        out.pictures += 1;
        const scale = box.width / svg.viewBox.baseVal.width;
        const texts = Array.from(svg.querySelectorAll('text'))
            .map(t => [t.textContent, t.getBoundingClientRect(), parseFloat(getComputedStyle(t).fontSize) * scale])
            .filter(([, r]) => r.width > 0);
        for (const [text, r, size] of texts) {
            if (size < 10) out.small.push([text, size]);
            if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
                out.clipped.push(text);
        }
        // A text's box includes the font's whole ascent and descent: lines set 1.25 em apart touch; ignore 20 %.
        for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
            const [a, b] = [texts[i][1], texts[j][1]];
            const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (across > 1 && down > 0.2 * Math.min(a.height, b.height)) out.overlaps.push([texts[i][0], texts[j][0]]);
        }
    }
    return out;
}"""

_BUSY_THEMES = [
    ("Harbour dredging and the deepening of the outer channel", "dredging"),
    ("Ferries", "ferry"),
    ("Offshore wind terminal construction and operations", "terminal"),
    ("Fish", "salmon"),
    ("Funding, grants and the capital programme", "grant"),
    ("Jobs and training", "apprentice"),
    ("Tides and flood defences along the estuary", "flood"),
]
_BUSY_DATES = [
    "on 4 March 2019",
    "in May 2019",
    "between June and August 2020",
    "from 2021 to 2024",
    "by 2026",
    "on 12 May 2023",
    "by the end of 2030",
    "in 2035",
    "in January 2025",
    "since 2010",
    "in 2022",
    "by 2040",
]


def busy_book(root: Path) -> Path:
    """A book unlike the test books: seven themes with long titles, a dozen dates of every precision."""
    from tests.conftest import write_book

    themes = "".join(f"  - title: {title}\n    keywords: [{word}]\n" for title, word in _BUSY_THEMES)
    paragraphs = [
        f"The {word} work agreed by the port board will go ahead {when}, the harbour master told a meeting of"
        f" residents, shipping lines and the council, after a long consultation on cost, on the {other} plans"
        f" and on the estuary's wildlife."
        for (_, word), (_, other), when in zip(_BUSY_THEMES * 2, _BUSY_THEMES[1:] * 2, _BUSY_DATES, strict=False)
    ]
    paragraphs.append(_TWICE)
    return write_book(
        root, f"title: Calder estuary\nthemes:\n{themes}", {"estuary.txt": "Estuary plan\n\n" + "\n\n".join(paragraphs) + "\n"}
    )


_TWICE = "Dredging grants of £2 million were paid in 2027. More dredging grants followed in 2027 as the channel silted up."


@pytest.fixture(scope="module")
def busy_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.cli import main

    root = busy_book(tmp_path_factory.mktemp("busy") / "book")
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    return root


def test_timeline_gives_each_event_once_and_no_date_more_precisely_than_the_text(busy_root: Path) -> None:
    site = busy_root / "site"
    svg = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<a class="bb-link" href="[^"]*"><title>2027: ', svg)
    assert len(rows) == 2, "one row in each of the wide and the narrow drawing"
    items = re.findall(r"<li><strong>2027</strong>", svg)
    assert len(items) == 1, "the list below names the paragraph once for 2027"
    for page in [*site.rglob("*.html"), site / "search" / "search_index.json"]:
        text = page.read_text(encoding="utf-8")
        for invented in ("-12-31", "-01-01"):
            assert invented not in text, f"{page.relative_to(site)} shows a day the sources never give"


@pytest.fixture(scope="module")
def busy_site(busy_root: Path) -> Iterator[str]:
    with serve(busy_root / "site") as base:
        yield base


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("book", ["built_example", "built_second", "busy"])
def test_picture_labels_are_readable_whole_and_apart(
    book: str, width: int, browser: Browser, request: pytest.FixtureRequest
) -> None:
    """On About and the Timeline, at desktop and phone width: no label under 10 px, cut off by the edge or on another."""
    with contextlib.ExitStack() as stack:
        if book == "busy":
            base = request.getfixturevalue("busy_site")
        else:
            base = stack.enter_context(serve(request.getfixturevalue(book) / "site"))
        context = browser.new_context(viewport={"width": width, "height": 900})
        stack.callback(context.close)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        seen = 0
        for path in ("about/", "timeline/"):
            page.goto(f"{base}{path}")
            found = page.evaluate(_PICTURE_TEXT)
            seen += found["pictures"]
            assert found["small"] == [], f"{path} at {width} px: text under 10 px"
            assert found["clipped"] == [], f"{path} at {width} px: text cut off by the picture's edge"
            assert found["overlaps"] == [], f"{path} at {width} px: labels on one another"
        # the theme map only where it tells something (not three themes each linked to the others)
        assert seen >= 2, "the coverage chart and the timeline were both looked at"
