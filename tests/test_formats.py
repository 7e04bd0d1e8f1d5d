"""Sources as they arrive: saved web pages, PDFs and Markdown, with their dates and publishers (issue 13).

Every reader is checked paragraph by paragraph against the text it was given:
a web page written with the furniture real pages carry, PDFs printed by
Chromium from HTML written here, and two pages of a real Federal Register
notice (public domain), compared word for word with poppler's pdftotext.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from generator.base.errors import SourceError
from generator.formats import HEADING, ITEM, PARAGRAPH
from generator.formats.html import read_html
from generator.formats.markdown import read_markdown
from generator.formats.pdf import read_pdf
from generator.read import DEFAULT_BOILERPLATE, line_patterns, read_source
from tests.conftest import BookFactory, run_cli

DATA = Path(__file__).parent / "data" / "formats"
PRESS_RELEASE = DATA / "press-release.html"
FEDERAL_REGISTER = DATA / "federal-register-2020-17221-p2-3.pdf"

#: The press release's article, as a reader of the page sees it: (kind, text) in order.
ARTICLE = [
    (PARAGRAPH, "The Valley Water Board on Monday approved a programme of twelve constructed wetlands that will filter "
     "runoff from farmland before it reaches the Marrow River, at a cost of 41 million dollars over six years."),
    (PARAGRAPH, "Board chair Helen Okafor said the wetlands would remove most of the nitrogen and phosphorus that now "
     "feeds algal blooms in the lower river each summer. \"Clean water starts upstream,\" she said."),
    (HEADING, "Where the wetlands will be built"),
    (PARAGRAPH, "The first four wetlands will be built on land the board already owns near the towns of Ashby, Corran "
     "and Little Fenwick, with work starting in the autumn."),
    (ITEM, "Ashby North: 14 hectares, finished in 2025"),
    (ITEM, "Corran Meadows: 9 hectares, finished in 2026"),
    (ITEM, "Little Fenwick: 11 hectares, finished in 2026"),
    (HEADING, "How the programme is paid for"),
    (PARAGRAPH, "Half of the cost comes from the state's clean water fund; the rest from a green bond the board will "
     "issue in June, its first since 2019."),
    (PARAGRAPH, "Farmers whose fields drain into a wetland will be offered an annual payment for keeping a strip of "
     "grass along each ditch."),
]
#: Words of the page's furniture: navigation, cookie banner, share buttons, related articles, footer, code, comments.
FURNITURE = (
    "cookie", "Accept all", "Manage preferences", "About the board", "Newsroom", "Contact us", "Search this site",
    "Share on", "Email this page", "Related articles", "drought plan", "elected chair", "All rights reserved",
    "Privacy notice", "Accessibility statement", "Follow us", "dataLayer", "track()", "analytics", "font-family",
    "editor: check figure", "schema.org", "Breadcrumb", "Press release ·",
)


def blocks(extracted) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(b.kind, b.text) for b in extracted.blocks]


# --- Web pages ---------------------------------------------------------------------------------


def test_a_saved_page_gives_its_article_paragraph_by_paragraph_with_headings_and_lists() -> None:
    page = read_html(PRESS_RELEASE.read_bytes(), "press-release.html")
    assert blocks(page) == ARTICLE
    assert page.title == "Valley Water Board Approves Wetland Filter Programme"
    assert page.publisher == "Valley Water Board"
    assert page.date == "2024-03-18"
    assert page.url == "https://water.example.gov/news/2024/wetland-filter-programme"


def test_none_of_the_page_furniture_reaches_the_text() -> None:
    text = " ".join(t for _, t in blocks(read_html(PRESS_RELEASE.read_bytes(), "p.html")))
    for words in FURNITURE:
        assert words.casefold() not in text.casefold(), words


def test_tags_attributes_scripts_and_comments_inside_the_article_never_reach_the_text() -> None:
    page = (
        "<html><head><title>Council budget</title></head><body><article><h1>Council budget</h1>"
        "<p>The council <b onclick=\"steal()\">approved</b> the <a href=\"javascript:alert(1)\">budget</a> on Tuesday"
        "<script>document.write('injected')</script><!-- hidden note --> after a long debate in the chamber.</p>"
        "<p>Spending on parks <span style=\"color:red\">rises</span> by a tenth, the first rise in nine years of cuts "
        "to the parks department, and the library hours are extended on Sundays.</p>"
        "<style>p { color: red }</style></article></body></html>"
    )
    text = " ".join(t for _, t in blocks(read_html(page.encode(), "c.html")))
    assert "The council approved the budget on Tuesday after a long debate in the chamber." in text
    assert "Spending on parks rises by a tenth" in text
    for gone in ("steal", "javascript", "injected", "document.write", "hidden note", "color", "<", ">"):
        assert gone not in text, gone


def test_a_page_with_no_article_is_one_clear_error() -> None:
    with pytest.raises(SourceError, match=r"seeds/empty.html: no article text found in this web page"):
        read_html(b"<html><head><script>app()</script></head><body><div id='root'></div></body></html>", "empty.html")


def test_reading_a_page_twice_gives_the_same_result() -> None:
    raw = PRESS_RELEASE.read_bytes()
    assert read_html(raw, "a.html") == read_html(raw, "a.html")


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_headings_and_lists_are_structure_and_inline_markup_is_reduced_to_its_words() -> None:
    source = read_markdown(
        "---\ntitle: Notes on the weir\ndate: 2024-05-02\n---\n\n# Notes on the weir\n\n"
        "The **weir** was [rebuilt](https://example.org/weir_(2024)) in *May*,\nwith `steel` gates.\n\n"
        "Fish passage\n------------\n\n- Salmon ladder on the east bank\n  with resting pools\n* Eel pass\n1. Survey in June\n\n"
        "> Quoted from the engineer.\n\n```\nraw   code <b>\n```\n"
    )
    assert source.title == "Notes on the weir" and source.date == "2024-05-02"
    assert blocks(source) == [
        (HEADING, "Notes on the weir"),  # the front matter gave the title; from_extracted drops this duplicate
        (PARAGRAPH, "The weir was rebuilt in May, with steel gates."),
        (HEADING, "Fish passage"),
        (ITEM, "Salmon ladder on the east bank with resting pools"),
        (ITEM, "Eel pass"),
        (ITEM, "Survey in June"),
        (PARAGRAPH, "Quoted from the engineer."),
        (PARAGRAPH, "raw code <b>"),
    ]


def test_markdown_source_keeps_its_title_out_of_the_paragraphs() -> None:
    source = read_source(
        b"# Weir report\n\nThe weir was rebuilt.\n\n## Costs\n\n- Steel gates\n", name="weir.md", slug="weir",
        boilerplate=line_patterns(DEFAULT_BOILERPLATE),
    )
    assert source.title == "Weir report"
    assert source.paragraphs == ("The weir was rebuilt.", "Costs", "Steel gates")
    assert source.kinds == ("", "heading", "item")


def test_markdown_reader_is_linear_on_hostile_input() -> None:
    hostile = "[" * 50_000 + "](" * 50_000 + "*_" * 50_000 + "`" * 50_000 + "\n" + "**a" * 50_000
    start = time.perf_counter()
    read_markdown(hostile)
    assert time.perf_counter() - start < 5


# --- PDFs printed by Chromium ------------------------------------------------------------------


@pytest.fixture(scope="session")
def fact_sheet(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Path:
    from tests.pdfprint import fact_sheet_html, print_pdf

    return print_pdf(browser, fact_sheet_html(), tmp_path_factory.mktemp("pdf") / "fact-sheet.pdf")


@pytest.fixture(scope="session")
def scanned(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Path:
    """A PDF of pictures only, as a scanner makes: shapes, and no text layer."""
    from tests.pdfprint import print_pdf

    drawing = "".join(f'<rect x="{10 + 30 * i}" y="{20 + 5 * i}" width="20" height="300" fill="#333"/>' for i in range(12))
    page = f'<!DOCTYPE html><html><head><title></title></head><body><svg width="400" height="500">{drawing}</svg></body></html>'
    return print_pdf(browser, page, tmp_path_factory.mktemp("pdf") / "scan.pdf", header=None)


def test_a_printed_fact_sheet_is_rebuilt_paragraph_by_paragraph(fact_sheet: Path) -> None:
    from tests.pdfprint import TITLE, fact_sheet_paragraphs

    sheet = read_pdf(fact_sheet.read_bytes(), "fact-sheet.pdf")
    # Justified lines, words broken with a hyphen at a line end, a paragraph over a page break,
    # two columns (one paragraph over the column break), list items with drawn bullets.
    assert blocks(sheet) == [(HEADING, TITLE), *fact_sheet_paragraphs()]
    assert sheet.title == TITLE
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", sheet.date)


def test_running_header_and_page_numbers_are_dropped(fact_sheet: Path) -> None:
    from tests.pdfprint import HEADER

    text = " ".join(t for _, t in blocks(read_pdf(fact_sheet.read_bytes(), "f.pdf")))
    assert HEADER not in text and "Port Authority of Kessen" not in text
    assert not re.search(r"Page \d", text)


def test_a_pdf_source_drops_its_title_heading_and_keeps_the_rest(fact_sheet: Path) -> None:
    from tests.pdfprint import TITLE, fact_sheet_paragraphs

    source = read_source(fact_sheet.read_bytes(), name="f.pdf", slug="f", boilerplate=line_patterns(DEFAULT_BOILERPLATE))
    assert source.title == TITLE
    assert list(zip(source.kinds, source.paragraphs, strict=True)) == fact_sheet_paragraphs()


def test_a_scanned_pdf_is_one_clear_error(scanned: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_pdf(scanned.read_bytes(), "scan.pdf")
    assert caught.value.problems == (
        "seeds/scan.pdf: this PDF has no text layer (1 page of images, a scan?): briefbook does not do OCR;"
        " use a PDF with text, or run OCR first (e.g. ocrmypdf)",
    )


def test_a_broken_pdf_is_one_clear_error() -> None:
    with pytest.raises(SourceError, match=r"^seeds/x.pdf: not a readable PDF"):
        read_pdf(b"%PDF-1.4\n" + b"garbage " * 100, "x.pdf")


# --- A real PDF: the Federal Register ----------------------------------------------------------

FR_PARAGRAPHS = [
    "Hatta International Airport in Jakarta, Indonesia, resulting in 189 fatalities. Investigation of the accident has "
    "been completed by the Indonesian authorities (Komite Nasional Keselamatan Transportasi (KNKT)) with assistance from "
    "the National Transportation Safety Board (NTSB) and the FAA of the United States, the manufacturer, and the "
    "operator. Reports 1 from the accident investigation indicate that the airplane’s flight control system 2 generated "
    "repeated airplane nose-down horizontal stabilizer trim 3 commands contributing to the accident.",
    # Cut by the foot of the first column and its footnotes, continued at the top of the second.
    "These effects include stall warning activation, airspeed disagree alert, and altitude disagree alert, 5 and may "
    "affect the flightcrew’s ability to accomplish continued safe flight and landing.",
    "1 Preliminary KNKT.18.10.35.04 Aircraft Accident Investigation Report, dated November 2018, and Final "
    "KNKT.18.10.35.04 Aircraft Accident Investigation Report, dated October 2019, can be found in the AD docket.",
    "The FAA proposes mandating the following changes to the 737 MAX type design, to address the various aspects of "
    "the unsafe condition.",
]


def _letters(text: str) -> Counter[str]:
    """The letters and digits of a text, however its words were joined or split."""
    return Counter(c for c in text.casefold() if c.isalnum())


def test_a_federal_register_notice_keeps_its_paragraphs_and_loses_its_furniture() -> None:
    notice = read_pdf(FEDERAL_REGISTER.read_bytes(), "fr.pdf")
    texts = [t for _, t in blocks(notice)]
    for paragraph in FR_PARAGRAPHS:
        assert paragraph in texts, paragraph
    assert (HEADING, "Proposed Design Changes") in blocks(notice)
    joined = " ".join(texts)
    for furniture in ("Federal Register / Vol. 85", "jbell", "DSKJLSW7X2PROD", "VerDate", "47699", "47700", "Sfmt"):
        assert furniture not in joined, furniture


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (scripts/system-deps.sh installs it)")
def test_a_federal_register_notice_loses_no_word_against_pdftotext() -> None:
    """Every letter poppler reads from the pages is in the book, except the running head, stamp, page numbers and slug line."""
    reference = subprocess.run(["pdftotext", str(FEDERAL_REGISTER), "-"], capture_output=True, text=True, check=True).stdout
    # The printer's slug line at the foot of each page comes out of pdftotext in pieces.
    slug = r"VerDate .*|\d\d:\d\d Aug 05, 2020|Jkt \d+|PO \d+|Frm \d+|Fmt \d+|Sfmt \d+|E:\\FR\\.*|06AUP1"
    furniture = re.compile(rf"^(Federal Register / Vol\..*|jbell on .*|\d{{5}}|{slug})$")
    body = "\n".join(line for line in reference.splitlines() if not furniture.match(line.strip()))
    ours = " ".join(t for _, t in blocks(read_pdf(FEDERAL_REGISTER.read_bytes(), "fr.pdf")))
    assert _letters(ours) == _letters(body)


# --- The whole book: a saved press release and a PDF fact sheet --------------------------------

THEMES = "themes:\n  - title: Water\n    keywords: [wetland, water, river]\n  - title: Air\n    keywords: [air, shore power, nitrogen dioxide]\n"


def _page_text(path: Path) -> str:
    """The visible text of a built page's article."""
    page = path.read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    blocks = re.sub(r"</?(?:p|div|li|ul|ol|h[1-6]|br|table|tr|td|th|svg|title|desc)\b[^>]*>", " ", article)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]*>", "", blocks)))


def test_a_book_from_a_saved_page_and_a_pdf_has_every_paragraph_no_furniture_and_who_published_when(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str], fact_sheet: Path
) -> None:
    from tests.pdfprint import fact_sheet_paragraphs

    root = make_book(
        "title: Harbour and valley\nsources:\n  - statement.html\n"
        "  - {file: factsheet.pdf, publisher: Port Authority of Kessen, date: 2025-01-15,"
        " url: 'https://port.example.org/air/factsheet.pdf'}\n" + THEMES,
        {"statement.html": PRESS_RELEASE.read_bytes(), "factsheet.pdf": fact_sheet.read_bytes()},
    )
    code, _, err = run_cli(capsys, "build", str(root), "--quiet")
    assert code == 0, err
    site = root / "site"
    statement = _page_text(site / "sources" / "statement" / "index.html")
    for _, paragraph in ARTICLE:
        assert paragraph in statement, paragraph
    for words in FURNITURE:
        assert words.casefold() not in statement.casefold(), words
    assert "Published by Valley Water Board, 18 March 2024." in statement
    assert "Original: https://water.example.gov/news/2024/wetland-filter-programme" in statement
    page = (site / "sources" / "statement" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://water.example.gov/news/2024/wetland-filter-programme"' in page
    assert "<script>window" not in page and "dataLayer" not in page and "cookie-banner" not in page

    sheet = _page_text(site / "sources" / "factsheet" / "index.html")
    for _, paragraph in fact_sheet_paragraphs():
        assert paragraph in sheet, paragraph
    assert "Published by Port Authority of Kessen, 15 January 2025." in sheet  # book.yml wins over the PDF's own date
    assert "Page 1 of" not in sheet

    home = _page_text(site / "index.html")
    assert "As of 15 January 2025, the date of the newest source." in home
    assert "Valley Water Board Approves Wetland Filter Programme — Valley Water Board, 18 March 2024" in home
    cover = (site / "print" / "index.html").read_text(encoding="utf-8")
    assert "Harbour Air Quality Fact Sheet — Port Authority of Kessen, 15 January 2025</li>" in cover
    timeline = _page_text(site / "timeline" / "index.html")
    assert "Published: Valley Water Board Approves Wetland Filter Programme (Valley Water Board)" in timeline
    assert "Published: Harbour Air Quality Fact Sheet (Port Authority of Kessen)" in timeline


def test_book_yml_metadata_wins_over_the_page_own(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_book(
        "title: T\nsources:\n  - file: statement.html\n    title: Wetlands approved\n    publisher: State press office\n"
        "    date: 2024-03-19\n    url: https://press.example.org/wetlands\n" + THEMES,
        {"statement.html": PRESS_RELEASE.read_bytes()},
    )
    code, _, err = run_cli(capsys, "build", str(root), "--quiet")
    assert code == 0, err
    page = _page_text(root / "site" / "sources" / "statement" / "index.html")
    assert page.strip().startswith("Wetlands approved¶")
    assert "Published by State press office, 19 March 2024. Original: https://press.example.org/wetlands" in page
    assert "water.example.gov" not in page


def test_two_builds_of_a_page_and_a_pdf_give_the_same_bytes(
    capsys: pytest.CaptureFixture[str], fact_sheet: Path, tmp_path: Path
) -> None:
    from tests.conftest import snapshot, write_book

    outputs = []
    for folder in ("first", "second"):  # two folders: nothing is reused from the first run
        root = write_book(tmp_path / folder, "title: T\n" + THEMES, {"a.html": PRESS_RELEASE.read_bytes(), "b.pdf": fact_sheet.read_bytes()})
        assert run_cli(capsys, "generate", str(root), "--quiet")[0] == 0
        outputs.append(snapshot(root / "docs"))
    assert outputs[0] == outputs[1]
    assert {"sources/a.md", "sources/b.md"} <= set(outputs[0])  # every format is picked up without a 'sources' list


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", None, "seeds/scan.pdf: this PDF has no text layer"),
        ("broken.pdf", b"%PDF-1.7\nnot really", "seeds/broken.pdf: not a readable PDF"),
        ("app.html", b"<html><head><script>render()</script></head><body><div id='app'></div></body></html>", "seeds/app.html: no article text"),
        ("notes.txt", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj", "seeds/notes.txt: is a PDF named as another format"),
    ],
)
def test_a_bad_file_of_any_format_is_one_line_and_exit_2(
    name: str, content: bytes | None, message: str, make_book: BookFactory, capsys: pytest.CaptureFixture[str], scanned: Path
) -> None:
    root = make_book("title: T\n" + THEMES, {name: content if content is not None else scanned.read_bytes()})
    code, _, err = run_cli(capsys, "build", str(root), "--quiet")
    assert code == 2
    assert err.count("\n") == 1 and message in err, err
    assert not (root / "site").exists()


# --- book.yml: per-source metadata -------------------------------------------------------------


def test_sources_mix_file_names_and_mappings(make_book: BookFactory) -> None:
    from generator.config import load_book_config
    from generator.model import SourceMeta

    root = make_book(
        "title: T\nsources:\n  - a.txt\n  - file: b.html\n    title: '  The   board  '\n    date: 2024-03-18\n"
        "  - {file: c.pdf, date: 2024-03, publisher: Port Office, url: 'https://port.example.org/c.pdf?x=1&y=2'}\n"
        "  - {file: d.md, date: 2023}\n" + THEMES,
        {"a.txt": "A.\n", "b.html": "<p>B</p>", "c.pdf": b"%PDF", "d.md": "D\n"},
    )
    config = load_book_config(root)
    assert config.sources == ("a.txt", "b.html", "c.pdf", "d.md")
    assert config.source_meta == (
        SourceMeta("b.html", title="The board", date="2024-03-18"),
        SourceMeta("c.pdf", publisher="Port Office", date="2024-03", url="https://port.example.org/c.pdf?x=1&y=2"),
        SourceMeta("d.md", date="2023"),
    )


def test_every_source_problem_is_reported_at_once(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_book(
        "title: T\nsources:\n  - {file: a.txt, date: soon, url: 'ftp://x.org/a', titel: A}\n  - {publisher: P}\n" + THEMES,
        {"a.txt": "A river.\n"},
    )
    code, _, err = run_cli(capsys, "build", str(root), "--quiet")
    assert code == 2
    assert "sources[0].titel: unknown key (did you mean 'title'?)" in err
    assert "sources[0].date: 'soon' is not a date" in err
    assert "sources[0].url: 'ftp://x.org/a' must be an http:// or https:// address" in err
    assert "sources[1]: 'file' is required" in err
    assert err.count("\n") == 4


# --- briefbook new ----------------------------------------------------------------------------


def test_new_takes_repeated_sources_names_them_after_their_titles_and_keeps_their_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fact_sheet: Path
) -> None:
    import yaml

    notes = tmp_path / "notes.md"
    notes.write_text("# Harbour notes\n\nThe harbour air is measured at six stations along the quays.\n", encoding="utf-8")
    code, out, err = run_cli(
        capsys, "new", str(tmp_path / "book"), "--source", str(PRESS_RELEASE), str(notes), "--source", str(fact_sheet)
    )
    assert code == 0, err
    seeds = tmp_path / "book" / "seeds"
    names = sorted(p.name for p in seeds.iterdir())
    assert names == [
        "book.yml", "harbour-air-quality-fact-sheet.pdf", "harbour-notes.md",
        "valley-water-board-approves-wetland-filter-programme.html",
    ]
    assert (seeds / "harbour-air-quality-fact-sheet.pdf").read_bytes() == fact_sheet.read_bytes()
    book = yaml.safe_load((seeds / "book.yml").read_text(encoding="utf-8"))
    assert book["sources"] == [  # in the order given, not the order of the names
        "valley-water-board-approves-wetland-filter-programme.html", "harbour-notes.md", "harbour-air-quality-fact-sheet.pdf",
    ]
    code, out, err = run_cli(capsys, "build", str(tmp_path / "book"), "--quiet")
    assert code == 0, err


def test_new_refuses_a_file_given_twice_and_names_a_bad_file_by_its_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "new", str(tmp_path / "a"), "--source", str(PRESS_RELEASE), "--source", str(PRESS_RELEASE))
    assert code == 2 and "given twice as a source" in err
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing")
    code, _, err = run_cli(capsys, "new", str(tmp_path / "b"), "--source", str(broken))
    assert code == 2 and f"{broken}: not a readable PDF" in err and err.count("\n") == 1
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_a_page_metadata_is_shown_as_text_and_an_unsafe_address_is_not_linked(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (
        "<html><head><title>{{ 7*7 }} &lt;script&gt;alert(1)&lt;/script&gt; **Budget**</title>"
        '<meta property="og:site_name" content="[Evil](javascript:alert(1)) &lt;b&gt;Press&lt;/b&gt;">'
        '<link rel="canonical" href="javascript:alert(1)">'
        '<meta property="article:published_time" content="2023-04-03"></head><body><article>'
        "<p>The council approved the river budget on Tuesday after a long debate in the chamber about weirs.</p>"
        "<p>Spending on the river rises by a tenth, the first rise in nine years of cuts to the river works.</p>"
        "</article></body></html>"
    )
    root = make_book("title: T\n" + THEMES, {"budget.html": page.encode()})
    code, _, err = run_cli(capsys, "build", str(root), "--quiet")
    assert code == 0, err
    built = (root / "site" / "sources" / "budget" / "index.html").read_text(encoding="utf-8")
    text = _page_text(root / "site" / "sources" / "budget" / "index.html")
    assert "{{ 7*7 }} <script>alert(1)</script> **Budget**" in text
    # trafilatura capitalises site names; the characters themselves come through as text
    assert "published by [evil](javascript:alert(1)) <b>press</b>, 3 april 2023." in text.casefold()
    assert 'href="javascript' not in built and "<script>alert" not in built and "<b>Press" not in built
    assert "Original:" not in text


def test_rebuilding_pdf_paragraphs_is_linear_in_the_lines() -> None:
    """One paragraph of 40,000 lines, every one ending in a broken word, and a page full of bullets."""
    from generator.formats.pdf import _blocks, _Line

    def page(count: int) -> list[_Line]:
        return [
            _Line(0, 50, 300, 800 - i * 0.01, 810 - i * 0.01 - 9.99, 10, "a broken word at the end of a line exam-", False, 900, False)
            for i in range(count)
        ]

    timings = []
    for count in (4_000, 40_000):
        start = time.perf_counter()
        rebuilt = _blocks(page(count))
        timings.append(time.perf_counter() - start)
        assert len(rebuilt) == 1 and rebuilt[0].text.count("a broken word") == count
    assert timings[1] < 30 * timings[0] + 0.5, timings  # ten times the lines, not a hundred times the time


def test_a_pdf_title_that_names_a_file_is_not_the_title(tmp_path: Path, browser: Any) -> None:
    from tests.pdfprint import print_pdf

    page = (
        "<!DOCTYPE html><html><head><title>Microsoft Word - minutes_final.docx</title></head><body>"
        "<h1 style='font-size:24pt'>Minutes of the harbour board</h1>"
        "<p style='font-size:11pt'>The board met on Monday and approved the new quay.</p></body></html>"
    )
    source = read_source(
        print_pdf(browser, page, tmp_path / "m.pdf", header=None).read_bytes(), name="m.pdf", slug="m",
        boilerplate=line_patterns(DEFAULT_BOILERPLATE),
    )
    assert source.title == "Minutes of the harbour board"
    assert source.paragraphs == ("The board met on Monday and approved the new quay.",)


def test_nested_lists_quotes_and_tables_of_a_page_keep_every_piece_of_text_in_order() -> None:
    page = (
        "<html><head><title>Plan</title></head><body><article><h1>Plan</h1>"
        "<p>The plan for the river has three parts and a budget table, agreed by the board this week.</p>"
        "<ul><li>Weirs<ul><li>East weir removed</li><li>West weir lowered</li></ul></li><li>Floodplain</li></ul>"
        "<blockquote><p>We waited ten years for this, said the angler who has fished the river all his life.</p></blockquote>"
        "<table><tr><th>Part</th><th>Cost</th></tr><tr><td>Weirs</td><td>4 million</td></tr></table>"
        "<p>Work starts in the spring and runs for three years, the board said in its statement on Friday.</p>"
        "</article></body></html>"
    )
    assert blocks(read_html(page.encode(), "plan.html")) == [
        (HEADING, "Plan"),  # the title as the page shows it; read_source leaves it out of the paragraphs
        (PARAGRAPH, "The plan for the river has three parts and a budget table, agreed by the board this week."),
        (ITEM, "Weirs"),
        (ITEM, "East weir removed"),
        (ITEM, "West weir lowered"),
        (ITEM, "Floodplain"),
        (PARAGRAPH, "We waited ten years for this, said the angler who has fished the river all his life."),
        (PARAGRAPH, "Part | Cost"),
        (PARAGRAPH, "Weirs | 4 million"),
        (PARAGRAPH, "Work starts in the spring and runs for three years, the board said in its statement on Friday."),
    ]
