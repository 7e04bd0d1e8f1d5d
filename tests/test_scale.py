"""What keeps a big book fast, checked on small books with the thresholds turned down:
long theme pages split into parts, sources listed on one page instead of the nav,
and a progress bar only for a person at a terminal."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import BOOKS, copy_book, run_cli, write_book

from generator import link, mentions, render
from generator.base import progress
from generator.base.progress import Progress
from generator.cli import main

BOOK_YML = """\
title: Ferry notes
themes:
  - title: Crossings
    keywords: [ferry, crossing, harbour]
  - title: Weather
    keywords: [gale, fog, tide]
"""

SOURCES = {
    f"note-{n}.txt": f"Ferry note {n}\n\n"
    + "\n\n".join(
        f"The ferry crossing number {n}{k} left the harbour late because of the morning queue." for k in range(4)
    )
    + f"\n\nA gale and thick fog kept boats in port on day {n}.\n"
    for n in range(1, 4)
}


def _nav_links(html: str) -> list[str]:
    """Links of the site navigation (the primary sidebar), not of the page's table of contents."""
    nav = html[html.index('class="md-nav md-nav--primary"') : html.index("md-sidebar--secondary")]
    return [href for href in re.findall(r'href="([^"]+)"', nav) if not href.startswith("#")]


def test_long_theme_page_is_split_into_linked_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(link, "PART_CHARS", 400)  # about five paragraphs per part
    root = write_book(tmp_path / "ferry", BOOK_YML, dict(SOURCES))
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    site = root / "site"
    first = (site / "crossings" / "index.html").read_text(encoding="utf-8")
    second = (site / "crossings" / "2" / "index.html").read_text(encoding="utf-8")
    assert "Part 1 of 3" in first and "Part 2 of 3" in second and (site / "crossings" / "3" / "index.html").is_file()
    assert "(part 2 of 3)" in second
    # Every Crossings paragraph is on exactly one part, in book order.
    texts = [f"The ferry crossing number {n}{k} left" for n in range(1, 4) for k in range(4)]
    parts = [(site / "crossings" / p / "index.html").read_text(encoding="utf-8") for p in ("", "2", "3")]
    placed = [next(i for i, html in enumerate(parts) if t in html) for t in texts]
    assert placed == sorted(placed) and all(sum(t in html for html in parts) == 1 for t in texts)
    # The pager links the parts; only the first part is in the nav.
    assert 'href="2/"' in first and 'href="../"' in second
    assert not any("crossings/2" in href for href in _nav_links(first))
    # A source page's "→ Crossings" link points at the part that shows the paragraph.
    source = (site / "sources" / "note-3" / "index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'href="\.\./\.\./crossings/(?:(\d)/)?#(p-[0-9a-f]+)"', source)
    assert anchors
    for part, anchor in anchors:
        assert f'id="{anchor}"' in parts[int(part or 1) - 1]
    # The print version holds the later parts too, each after the part before it.
    printed = (site / "print" / "index.html").read_text(encoding="utf-8")
    at = [printed.find(f">{t}") for t in texts]
    assert all(i >= 0 for i in at) and at == sorted(at)


def test_big_book_lists_sources_on_one_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "SOURCES_IN_NAV", 1)
    root = copy_book(BOOKS / "river", tmp_path / "river")
    (root / "seeds" / "second-report.txt").write_text(
        "A second report\n\nThe weir at the old mill will be lowered and the floodplain reconnected.\n", encoding="utf-8"
    )
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    index = (root / "site" / "sources" / "index.html").read_text(encoding="utf-8")
    assert "2 sources, in book order." in index and "A second report" in index
    page = (root / "site" / "sources" / "second-report" / "index.html").read_text(encoding="utf-8")
    links = _nav_links(page)
    assert "../" in links  # the Sources entry: sources/index.html, one level up from this page
    assert not any("lowland-river-programme" in href for href in links)  # no sibling list on each source page
    assert not any("ecology" in href for href in links)  # themes sit in one "Themes" section, pruned here
    theme_page = (root / "site" / "ecology" / "index.html").read_text(encoding="utf-8")
    assert any("towns-and-people" in href for href in _nav_links(theme_page))  # but listed on a theme page


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("BRIEFBOOK_NO_PROGRESS", raising=False)
    terminal = _Terminal()
    with Progress("Rendering pages", 3, stream=terminal, delay=0) as bar:
        for _ in range(3):
            bar.advance()
    assert "Rendering pages [" in terminal.getvalue() and "3/3" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")  # erased, so later lines start clean

    for quiet in (
        lambda: monkeypatch.setenv("CI", "true"),
        lambda: (monkeypatch.delenv("CI"), progress.silence(True)),
    ):
        quiet()
        terminal = _Terminal()
        with Progress("Rendering pages", 3, stream=terminal, delay=0) as bar:
            bar.advance(3)
        assert terminal.getvalue() == ""
    progress.silence(False)

    piped = io.StringIO()  # not a terminal
    with Progress("Rendering pages", 3, stream=piped, delay=0) as bar:
        bar.advance(3)
    assert piped.getvalue() == ""


def test_cli_output_has_no_progress_when_not_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_book(tmp_path / "ferry", BOOK_YML, dict(SOURCES))
    code, out, err = run_cli(capsys, "generate", str(root))
    assert code == 0 and "\r" not in out + err and "written:" in out


KNOWLEDGE_YML = BOOK_YML + "glossary:\n" + "".join(f"  slipway {n}: A ramp numbered {n} for launching boats.\n" for n in range(1, 13))
CAPTAINS = ("Olga Petrov", "Ivan Moss", "Maria Lund", "Peter Hale", "Anna Berg", "Tomas Reid", "Clara Voss", "David Shaw",
            "Elena Kraus", "Frank Nolan", "Grace Ward", "Henry Cole")
KNOWLEDGE_SOURCES = {
    f"log-{n}.txt": f"Harbour log {n}\n\n"
    + f"The ferry crossing used slipway {n} today, said {name}, the harbour master of the Lune Ferry Company.\n\n"
    + f"Fog closed slipway {n} at dusk, said {name}.\n"
    for n, name in enumerate(CAPTAINS, start=1)
}


def _headings(site: Path, page: str) -> list[list[str]]:
    """The entry headings (h3) of each part of a knowledge page, first part first."""
    later = sorted(site.glob(f"{page}/*/index.html"), key=lambda p: int(p.parent.name))
    htmls = [(site / page / "index.html").read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in later]
    return [re.findall(r'<h3 id="([^"]+)">', html) for html in htmls]


def test_long_glossary_and_people_pages_are_split_into_linked_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = write_book(tmp_path / "whole", KNOWLEDGE_YML, dict(KNOWLEDGE_SOURCES))
    assert main(["build", str(whole), "--strict", "--quiet"]) == 0
    monkeypatch.setattr(mentions, "PART_BYTES", 4_000)  # a few entries per part
    root = write_book(tmp_path / "ferry", KNOWLEDGE_YML, dict(KNOWLEDGE_SOURCES))
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    site = root / "site"
    for page, title in (("glossary", "Glossary"), ("people", "People &amp; organisations")):
        [single] = _headings(whole / "site", page)
        parts = _headings(site, page)
        total = len(parts)
        assert total >= 3, f"{page} was not split"
        assert all(parts) and [h for part in parts for h in part] == single  # nothing lost, nothing moved
        first = (site / page / "index.html").read_text(encoding="utf-8")
        for n in range(1, total + 1):
            html = (site / page / (str(n) if n > 1 else "") / "index.html").read_text(encoding="utf-8")
            assert f"{title} (part {n} of {total})" in html and f"Part {n} of {total}" in html
        assert 'href="2/"' in first
        assert not any(f"{page}/2" in href for href in _nav_links(first))  # only the first part is in the nav
        # The print version holds every part, in order, each entry once.
        printed = (site / "print" / "index.html").read_text(encoding="utf-8")
        at = [re.search(rf'id="{page}(?:-\d+)?--{ident}"', printed) for ident in single]
        assert all(at) and [m.start() for m in at if m] == sorted(m.start() for m in at if m), page
    assert len([h for part in _headings(site, "people") for h in part if h.startswith("person-")]) == len(CAPTAINS)
    # A mention on a theme page links to the part that holds its entry.
    crossings = (site / "crossings" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="\.\./(glossary|people)/(?:(\d+)/)?#([a-z0-9-]+)"', crossings)
    assert {page for page, _, _ in links} == {"glossary", "people"}
    assert any(part for _, part, _ in links)
    for page, part, ident in links:
        target = site / page / (part or "") / "index.html"
        assert f'id="{ident}"' in target.read_text(encoding="utf-8"), (page, part, ident)
