"""A big book's print version in parts, each page under a megabyte, and its PDF in one piece.

The books are made as the benchmark makes its books (``bench/synth.py``:
news prose from word lists, several sources per theme), small enough for a
test: 60 sources already make a print version of more than 1 MB on one page.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from generator.cli import main

sys.path.insert(0, str(REPO / "bench"))
from synth import Shape, make_book  # noqa: E402

MKDOCS_YML = (REPO / "templates" / "scaffold" / "mkdocs.yml").read_text(encoding="utf-8")
LIMIT = 1_000_000  # bytes: the largest HTML page a site may have (issue 12)


def _chapters(html: str) -> list[str]:
    return re.findall(r'<section class="bb-print-page" id="([^"]+)"', html)


def _ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


@pytest.fixture(scope="module")
def many_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 sources, 12 themes: more sources than the nav lists, and more print than one page holds."""
    root = make_book(tmp_path_factory.mktemp("many") / "book", Shape(60, 12, 200), MKDOCS_YML)
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    return root


def test_no_html_page_passes_a_megabyte(many_sources: Path) -> None:
    site = many_sources / "site"
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert {page: size for page, size in sizes.items() if size >= LIMIT} == {}
    assert sum(size for page, size in sizes.items() if page.startswith("print/")) > LIMIT, "the book is big enough to split"


def test_print_version_in_parts_holds_every_page_once_and_links_across_parts(many_sources: Path) -> None:
    site = many_sources / "site"
    front = (site / "print" / "index.html").read_text(encoding="utf-8")
    parts = sorted(site.glob("print/part-*/index.html"), key=lambda p: int(p.parent.name.split("-")[1]))
    assert len(parts) >= 2
    assert f"Print in {len(parts) + 1} parts" in front
    assert _chapters(front) == [], "a big book's front page holds the cover and contents only"
    texts = {p: p.read_text(encoding="utf-8") for p in parts}
    for number, part in enumerate(parts, 2):
        assert f"Part {number} of {len(parts) + 1} of the print version" in texts[part]
        assert f'href="../part-{number}/"' not in front and f'href="part-{number}/"' in front
    chapters = [key for part in parts for key in _chapters(texts[part])]
    assert len(chapters) == len(set(chapters))
    # Every page of the nav is a chapter, in nav order, the later parts of a split page after it;
    # the contents list the nav's pages, each linking to its part.
    contents = re.findall(r'<li><a href="([^"]*)#([^"]+)"><span class="bb-print-entry">', front)
    assert [key for key in chapters if key in dict((k, k) for _, k in contents)] == [key for _, key in contents]
    assert all(re.search(r"-\d+$", key) for key in set(chapters) - {key for _, key in contents})
    where = {key: part for part in parts for key in _chapters(texts[part])}
    for href, key in contents:
        assert (site / "print" / href / "index.html") == where[key]
    # A link from one part into a chapter of another lands on an element of that part.
    across = 0
    for part, html in texts.items():
        for href, fragment in re.findall(r'href="\.\./(part-\d+)/#([^"]+)"', html):
            assert fragment in _ids(texts[site / "print" / href / "index.html"]), f"{part}: ../{href}/#{fragment}"
            across += 1
        for fragment in re.findall(r'href="#([^"]+)"', html):
            assert fragment in _ids(html)
    assert across, "some cross-link or citation points into another part"


def test_home_stays_a_summary_and_the_sources_page_counts_per_source(many_sources: Path) -> None:
    site = many_sources / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    titles = [line.split("\n", 1)[0] for line in (p.read_text(encoding="utf-8") for p in sorted((many_sources / "seeds").glob("*.txt")))]
    assert sum(title in home for title in titles) < 10, "Home does not list every source"
    assert "60 sources:" in home and 'href="sources/"' in home
    index = (site / "sources" / "index.html").read_text(encoding="utf-8")
    assert all(title in index for title in titles)
    # Each source says how its paragraphs spread over the themes, as About's table did with a column each.
    assert len(re.findall(r"\(\d+ paragraphs: [^()]+ \d+\)", index)) == 60
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert not any(title in about for title in titles), "no column or bar per source on About"
    assert ">Paragraphs per source</text>" not in about and 'href="../sources/"' in about


def _pdf_pages(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]


@pytest.fixture(scope="module")
def parted_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``briefbook pdf`` of a 10-source book whose print version is cut into parts of 40 kB."""
    root = make_book(tmp_path_factory.mktemp("pdf") / "book", Shape(10, 8, 100), MKDOCS_YML)
    script = (
        "import sys, generator.outputs.printpage as p; p.PART_BYTES = 40_000\n"
        "from generator.cli import main\n"
        "sys.exit(main(['build', sys.argv[1], '--quiet']) or main(['pdf', sys.argv[1], '--quiet']))\n"
    )
    # A process of its own: Playwright's sync API cannot start inside the session's browser loop.
    subprocess.run([sys.executable, "-c", script, str(root)], check=True, timeout=300, cwd=REPO)
    (pdf,) = (root / "dist").glob("*.pdf")
    return root, pdf


def test_pdf_of_parts_numbers_its_pages_on_and_its_contents_right(parted_pdf: tuple[Path, Path]) -> None:
    from pypdf import PdfReader

    from generator.pipeline import assemble

    root, pdf = parted_pdf
    model, _ = assemble(root)
    pages = _pdf_pages(pdf)
    total = len(PdfReader(pdf).pages)
    assert len(pages) == total > 30
    # The footer counts on across the parts: "n / total" on every sheet, once.
    for number, lines in enumerate(pages, 1):
        assert lines[-1] == f"{number} / {total}", f"sheet {number} ends with {lines[-1]!r}"
    # The contents send each theme to the sheet it starts on, though most start in a later part.
    contents = pages[1]
    assert contents[0] == "Contents"
    for theme in model.config.themes:
        entry = next(line for line in contents if line.startswith(theme.title))
        number = int(entry.rsplit(maxsplit=1)[1])
        assert pages[number - 1][0] == theme.title, f"the contents send {theme.title} to sheet {number}"
    # No near-empty sheet where one part ends and the next begins: each part's first chapter (found
    # by the destination Chromium named after it) starts the sheet after the previous part's last.
    reader = PdfReader(pdf)
    starts = {str(name).lstrip("/"): reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}
    joins = []
    for part in sorted((root / "site" / "print").glob("part-*/index.html"), key=lambda p: int(p.parent.name[5:])):
        first = re.search(r'class="bb-print-partnav">.*?In this part: <a href="#([^"]+)"', part.read_text(encoding="utf-8"))
        assert first
        joins.append(starts[first.group(1)])
    assert len(joins) >= 3 and joins == sorted(set(joins))
    for sheet in joins:  # 0-based: the sheet before is the last of the previous part
        assert len(pages[sheet]) >= 2, f"sheet {sheet + 1} starts a part and holds only {pages[sheet]}"
        # Two lines and the footer at least: a paragraph's last two lines may end a chapter (Chromium's widows: 2),
        # as they do when the book is printed from one page; a blank sheet or a lone line would be the join's doing.
        assert len(pages[sheet - 1]) >= 3, f"sheet {sheet}, the end of a part, holds only {pages[sheet - 1]}"
    whole = " ".join(" ".join(lines[:-1]) for lines in pages)  # without the footers
    assert "Print in" not in whole and "of the print version" not in whole, "the way between parts is for the screen"
    for paragraph in model.paragraphs:  # the start of each (a line may end in a word broken with a hyphen)
        assert " ".join(paragraph.text.split()[:6]) in whole


def test_pdf_of_parts_keeps_its_metadata_and_links_within_itself(parted_pdf: tuple[Path, Path]) -> None:
    from pypdf import PdfReader

    from generator.pipeline import assemble

    root, pdf = parted_pdf
    model, _ = assemble(root)
    reader = PdfReader(pdf)
    info = reader.metadata
    assert info is not None and info.title == model.config.title
    assert info.author == "; ".join(dict.fromkeys(s.attribution for s in model.sources if s.attribution))
    assert info["/Subject"] == model.config.description
    names = set(reader.named_destinations)
    internal = 0
    for page in reader.pages:
        for ref in page.get("/Annots") or ():
            link = ref.get_object()
            action = link.get("/A")
            action = action.get_object() if action is not None else {}
            assert not str(action.get("/URI", "")).startswith("file:"), "no link names the folder the PDF was printed in"
            if action.get("/S") == "/GoTo":
                assert str(action["/D"]) in names
                internal += 1
    assert internal > 10, "links into other parts became links within the PDF"
    assert len(reader.outline) > len(model.config.themes), "the outline runs over every part"
