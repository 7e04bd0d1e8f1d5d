"""The print version's HTML, from a real MkDocs build (the browser tests print it)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from generator.cli import main
from generator.outputs.printpage import edition_date, page_key

BOOK = """title: Tides & <Harbours>
subtitle: Notes on the "quay"
themes:
  - title: Harbour works
    slug: sources-tides
    keywords: [harbour, quay]
  - title: Tides
    keywords: [tide, moon]
pdf:
  page_size: letter
"""

SOURCE = """Tide tables for the old harbour

Source: Port <b>Office</b>

The harbour wall needs repair before the spring tide; <script>alert(1)</script> is not a tag here.

The moon pulls the tide twice a day, and the quay floods at the highest one.
"""


def _print_html(make_book: Any) -> str:
    root: Path = make_book(BOOK, {"tides.txt": SOURCE})
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    return (root / "site" / "print" / "index.html").read_text(encoding="utf-8")


def test_print_page_joins_every_page_without_letting_text_become_markup(make_book: Any) -> None:
    html = _print_html(make_book)
    article = html[html.index("<style>@page") : html.index("</article>")]
    assert "<script>alert" not in article and "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "<b>Office</b>" not in article and "Port &lt;b&gt;Office&lt;/b&gt;" in article
    assert "<h1>Tides &amp; &lt;Harbours&gt;</h1>" in article
    assert "@page { size: Letter;" in article
    ids = re.findall(r'\bid="([^"]+)"', article)
    assert len(ids) == len(set(ids)), "ids of joined pages do not clash"
    # The theme "sources-tides" and the source page sources/tides.md want the same key: both get one.
    chapters = re.findall(r'<section class="bb-print-page" id="([^"]+)"', article)
    assert chapters == ["index", "sources-tides", "tides", "glossary", "people", "timeline", "about", "sources-tides-2"]
    for href in re.findall(r'href="#([^"]+)"', article):
        assert href in ids, f"#{href} leads nowhere"
    assert "(→ Tides)" in article, "a cross-link says on paper where it points"


def test_edition_date_honours_source_date_epoch() -> None:
    assert edition_date({"SOURCE_DATE_EPOCH": "1700000000"}) == dt.date(2023, 11, 14)
    assert edition_date({}) == dt.date.today()


def test_page_keys_are_plain_and_never_empty() -> None:
    assert page_key("sources/a-b.md") == "sources-a-b"
    assert page_key("index.md") == "index"
    assert page_key("---.md") == "page"


def test_glossary_and_people_links_get_no_print_label() -> None:
    """A look-up link inside a sentence stays unlabelled on paper, so the sentence reads whole."""
    from markupsafe import Markup

    from generator.outputs.printpage import PrintPage, rewrite

    here = PrintPage(key="plan", url="plan/", title=Markup("Plan"))
    glossary = PrintPage(key="glossary", url="glossary/", title=Markup("Glossary"))
    pages = {"plan": here, "glossary": glossary}
    html = '<p><a class="bb-acronym" href="../glossary/#g-x">X</a> and <a class="bb-xref" href="../glossary/">on</a></p>'
    out = str(rewrite(html, here, pages, {}))
    assert out.count("(→ Glossary)") == 1
    assert "X</a> and" in out


def test_links_inside_a_picture_get_no_print_label() -> None:
    """An HTML <span> inside an <svg> would end the picture early in the browser: labels go only outside SVG."""
    from markupsafe import Markup

    from generator.outputs.printpage import PrintPage, rewrite

    here = PrintPage(key="index", url="", title=Markup("Home"))
    other = PrintPage(key="harbours", url="harbours/", title=Markup("Harbours"))
    pages = {"": here, "harbours": other}
    html = (
        '<svg><a class="bb-link" href="harbours/"><title>Harbours: 3</title><circle r="4"/></a></svg>'
        '<p><a href="harbours/">quays</a></p>'
    )
    out = str(rewrite(html, here, pages, {}))
    svg, after = out.split("</svg>")
    assert "<span" not in svg and "<circle" in svg
    assert "(→ Harbours)" in after


def test_links_into_a_source_print_as_short_citations_keyed_to_the_cover(make_book: Any) -> None:
    html = _print_html(make_book)
    article = html[html.index("<style>@page") : html.index("</article>")]
    cover = article[: article.index('<nav class="bb-print-toc"')]
    assert '<span class="bb-print-snum">S1</span> Tide tables for the old harbour' in cover
    chapters = article[article.index('<section class="bb-print-page"') :]
    cites = re.findall(
        r'<span class="bb-print-cite">\[(S\d+) </span><a [^>]*href="#[^"]+">¶(\d+)</a><span class="bb-print-cite">\]</span>', chapters
    )
    assert cites and {label for label, _ in cites} == {"S1"}
    assert "(→ Tide tables" not in chapters, "no long source title after a ¶"
    source_chapter = chapters[chapters.index('<section class="bb-print-page" id="sources-tides-2">') :]
    assert source_chapter.split("\n")[1] == '<p class="bb-print-chapter-label">Source S1</p>', "the cited source says it is S1"
    assert '<a href="#tides"><span class="bb-print-entry">Tides</span><span class="bb-print-pageno"></span></a>' in article, (
        "each contents entry has a page-number slot"
    )
    assert "<title>Tides &amp; &lt;Harbours&gt;</title>" in html, "the printed book is titled as the book, not 'Print version'"
