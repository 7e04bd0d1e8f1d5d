"""Integration: a real MkDocs build of the example book and of a second book, read as HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import assemble
from tests.sitecheck import broken_links, read_site, resolve, search_index


@pytest.fixture(scope="module", params=["built_example", "built_second"])
def book(request: pytest.FixtureRequest) -> Path:
    root: Path = request.getfixturevalue(request.param)
    return root


def test_every_theme_has_its_page_at_its_slug(book: Path):
    built, _ = assemble(book)
    pages = read_site(book / "site")
    for theme in built.config.themes:
        page = pages[f"{theme.slug}/index.html"]
        assert theme.title in page.main_text
        assert "Related themes" in page.main_text
    for source in built.sources:
        assert f"sources/{source.slug}/index.html" in pages


def test_no_link_in_the_site_is_broken(book: Path):
    site = book / "site"
    assert broken_links(read_site(site), site) == []


def test_every_paragraph_cites_its_source_anchor_and_appears_on_its_theme_page(book: Path):
    built, _ = assemble(book)
    pages = read_site(book / "site")
    for a in built.assignments:
        p = a.paragraph
        source_page = pages[f"sources/{p.source}/index.html"]
        assert p.anchor in source_page.ids
        assert p.text in source_page.main_text
        home = f"{a.theme}/index.html" if a.theme else "other/index.html"
        theme_page = pages[home]
        assert p.text in theme_page.main_text
        cites = [resolve(home, href) for href, text, _ in theme_page.links if text == f"¶{p.number}"]
        assert (f"sources/{p.source}/index.html", p.anchor) in cites


def test_cross_links_point_to_other_theme_pages(book: Path):
    built, _ = assemble(book)
    pages = read_site(book / "site")
    slugs = {t.slug for t in built.config.themes}
    for theme in built.config.themes:
        page = pages[f"{theme.slug}/index.html"]
        xrefs = [resolve(page.path, href) for href, _, classes in page.links if "bb-xref" in classes]
        for target, _ in xrefs:  # type: ignore[misc]
            assert target.split("/")[0] in slugs - {theme.slug}


def test_search_index_holds_every_theme_page(book: Path):
    built, _ = assemble(book)
    locations = {doc["location"] for doc in search_index(book / "site")}
    for theme in built.config.themes:
        assert f"{theme.slug}/" in locations


def test_no_font_cdn_and_theme_order_in_nav(book: Path):
    built, _ = assemble(book)
    home = (book / "site" / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home
    positions = [home.index(f'href="{t.slug}/"') for t in built.config.themes]
    assert positions == sorted(positions)


def test_example_cross_links_from_the_plan_page(built_example: Path):
    pages = read_site(built_example / "site")
    plan = pages["plan-overview/index.html"]
    xrefs = {text: resolve(plan.path, href)[0] for href, text, classes in plan.links if "bb-xref" in classes}  # type: ignore[index]
    assert xrefs["green and low-carbon transformation"] == "dual-carbon-forums/index.html"
    assert xrefs["digital transformation"] == "digital-trade/index.html"


def test_second_book_lists_its_unassigned_paragraph(built_second: Path):
    pages = read_site(built_second / "site")
    assert "The weather on launch day was cold and bright." in pages["other/index.html"].main_text
    assert "Advertisement" not in pages["sources/lowland-river-programme/index.html"].main_text


def test_the_link_checker_itself_finds_a_broken_anchor_and_page(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<p id="x"><a href="a/#nope">a</a> <a href="b/">b</a> <a href="#x">x</a></p>')
    (tmp_path / "a" / "index.html").write_text('<p id="y"><a href="../#x">back</a></p>')
    site = read_site(tmp_path)
    assert broken_links(site, tmp_path) == ["index.html: a/#nope → no #nope in a/index.html", "index.html: b/ → no b/index.html"]
