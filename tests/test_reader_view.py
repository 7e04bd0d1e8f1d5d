"""What a reader sees in Chromium: pictures that hold up, a marked target, no author words, search for numbers.

Two books of different subjects (the example book and the river book) are
built once and served over HTTP; every check looks at the rendered page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
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
    assert page.locator("svg.bb-picture").count() >= 2, "the print page holds the home page's pictures"
    assert page.evaluate(_FOREIGN_IN_SVG) == []
    assert page.evaluate(_SHAPES_OUTSIDE_SVG) == 0
    printed = page.evaluate(_SHAPES)
    page.goto(site)
    home = page.evaluate(_SHAPES)
    assert printed[: len(home)] == home, "each picture of the home page prints with all its shapes"
    page.goto(f"{site}print/")
    # The map keeps its circles and the chart its bars: they are drawn, with a size, in the print page.
    for shape in ("svg.bb-map circle.bb-node", "svg.bb-coverage rect.bb-bar"):
        boxes = [page.locator(shape).nth(i).bounding_box() for i in range(page.locator(shape).count())]
        assert boxes and all(b and b["width"] > 1 and b["height"] > 1 for b in boxes), shape
