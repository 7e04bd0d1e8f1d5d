"""Bad input: one clear line and exit status 2 (or a warning when the book can still be built).

One test per row of the README's "Bad input" table. Every failing case
starts from a book folder whose docs/ and site/ already hold a previous
build, and checks that they are byte for byte what they were.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import BookFactory, run_cli, snapshot
from tests.htmlcheck import paragraphs, parse

THEMES = """themes:
  - title: Rivers
    keywords: [river, weir]
  - title: Towns
    keywords: [town, market]
"""
BOOK = "title: A small book\n" + THEMES
TEXT = "The river rose over the weir.\n\nThe town held a market by the river.\n"


def _previous_build(root: Path) -> dict[str, bytes]:
    """Stand-ins for an earlier build, so that 'unchanged' means something."""
    (root / "docs" / "sources").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Earlier build\n", encoding="utf-8")
    (root / "docs" / "sources" / "old.md").write_text("# Old source\n", encoding="utf-8")
    manifest = '{"generator": "briefbook", "files": ["index.md", "sources/old.md"]}\n'
    (root / "docs" / ".briefbook-manifest.json").write_text(manifest, encoding="utf-8")
    (root / "site").mkdir(exist_ok=True)
    (root / "site" / "index.html").write_text("<h1>Earlier build</h1>\n", encoding="utf-8")
    return {
        **{f"docs/{k}": v for k, v in snapshot(root / "docs").items()},
        **{f"site/{k}": v for k, v in snapshot(root / "site").items()},
    }


def _after(root: Path) -> dict[str, bytes]:
    return {
        **{f"docs/{k}": v for k, v in snapshot(root / "docs").items()},
        **{f"site/{k}": v for k, v in snapshot(root / "site").items()},
    }


def _fails(capsys: pytest.CaptureFixture[str], root: Path, *needles: str, command: str = "build") -> str:
    before = _previous_build(root)
    code, _, err = run_cli(capsys, command, str(root), "--quiet")
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert _after(root) == before
    return lines[0]


CASES: dict[str, tuple[str, dict[str, str | bytes], tuple[str, ...]]] = {
    "latin-1 source": (
        BOOK,
        {"a.txt": "Le comité a décidé. La rivière monte.".encode("latin-1")},
        ("seeds/a.txt: not UTF-8 (byte 8 is 0xE9)", "encoding:"),
    ),
    "windows-1252 source": (BOOK, {"a.txt": "The “river” costs 5 €.".encode("cp1252")}, ("seeds/a.txt: not UTF-8", "iconv")),
    "gb18030 source": (BOOK, {"a.txt": "对外贸易高质量发展。".encode("gb18030")}, ("seeds/a.txt: not UTF-8",)),
    "declared encoding that does not fit": (
        "encoding: ascii\n" + BOOK,
        {"a.txt": "é".encode("latin-1") + b"\n"},
        ("neither UTF-8 nor the declared encoding ascii",),
    ),
    "unknown encoding": (
        "encoding: klingon-8\n" + BOOK,
        {"a.txt": TEXT},
        ("book.yml:1: encoding: 'klingon-8' is not an encoding",),
    ),
    "NUL bytes": (BOOK, {"a.txt": b"The river\x00\x00 rose.\n"}, ("seeds/a.txt: contains NUL bytes",)),
    "binary file": (BOOK, {"a.txt": bytes(range(256)) * 4}, ("seeds/a.txt: contains NUL bytes",)),
    "empty source": (BOOK, {"a.txt": ""}, ("seeds/a.txt: has no paragraphs",)),
    "whitespace-only source": (BOOK, {"a.txt": " \n\t\r\n\u3000\n\n  "}, ("seeds/a.txt: has no paragraphs",)),
    "no sources at all": (BOOK, {}, ("no sources: put *.txt files in seeds/",)),
    "source outside the book folder": ("sources: [../../outside.txt]\n" + BOOK, {}, ("must be a file inside seeds/",)),
    "absolute source path": ("sources: [/etc/passwd]\n" + BOOK, {}, ("must be a file inside seeds/",)),
    "missing source": ("sources: [gone.txt]\n" + BOOK, {}, ("book.yml:1: sources[0]: no such file seeds/gone.txt",)),
    "YAML syntax error": ("title: A\nthemes: [\n  - title: x\n", {"a.txt": TEXT}, ("seeds/book.yml:3:3: YAML syntax error",)),
    "tab in YAML": ("title: A\nthemes:\n\t- title: x\n", {"a.txt": TEXT}, ("seeds/book.yml:3:1: YAML syntax error",)),
    "book.yml not a mapping": ("- just\n- a list\n", {"a.txt": TEXT}, ("seeds/book.yml: must be a mapping",)),
    "book.yml not UTF-8": ("title: Caf\udce9\n" + THEMES, {"a.txt": TEXT}, ("seeds/book.yml: not UTF-8",)),
    "wrong type": (
        "title: [not, a, string]\n" + THEMES,
        {"a.txt": TEXT},
        ("seeds/book.yml:1: title: must be a string, not list",),
    ),
    "keywords not a list": (
        "title: A\nthemes:\n  - title: Rivers\n    keywords: river\n",
        {"a.txt": TEXT},
        ("seeds/book.yml:4: themes[0].keywords: must be a list",),
    ),
    "unknown key": ("titel: A\n" + BOOK, {"a.txt": TEXT}, ("titel: unknown key (did you mean 'title'?)",)),
    "duplicate slug": (
        "title: A\nthemes:\n  - title: Rivers\n    keywords: [river]\n  - title: rivers!\n    keywords: [town]\n",
        {"a.txt": TEXT},
        ("seeds/book.yml:5: themes[1].slug: 'rivers' is already the slug of themes[0]",),
    ),
    "reserved slug": (
        "title: A\nthemes:\n  - title: Glossary\n    keywords: [river]\n",
        {"a.txt": TEXT},
        ("themes[0].slug: 'glossary' is reserved",),
    ),
    "reserved slug given": (
        "title: A\nthemes:\n  - title: Rivers\n    slug: index\n    keywords: [river]\n",
        {"a.txt": TEXT},
        ("seeds/book.yml:4: themes[0].slug: 'index' is reserved",),
    ),
    "bad slug": (
        "title: A\nthemes:\n  - title: Rivers\n    slug: Big River\n    keywords: [river]\n",
        {"a.txt": TEXT},
        ("'Big River' may only contain a-z, 0-9 and '-'",),
    ),
    "bad SOURCE_DATE_EPOCH": (BOOK, {"a.txt": TEXT}, ("SOURCE_DATE_EPOCH='yesterday'",)),
    "source date that is not a date": (
        "sources:\n  - file: a.txt\n    date: 18 March\n" + BOOK,
        {"a.txt": TEXT},
        ("seeds/book.yml:3: sources[0].date: '18 March' is not a date: write it as YYYY-MM-DD",),
    ),
    "source date that is not a real day": (
        "sources:\n  - file: a.txt\n    date: 2024-13-40\n" + BOOK,
        {"a.txt": TEXT},
        ("seeds/book.yml: a date that is not a real day (month must be in 1..12): write dates as YYYY-MM-DD",),
    ),
    "source url that is not http": (
        "sources:\n  - {file: a.txt, url: 'javascript:alert(1)'}\n" + BOOK,
        {"a.txt": TEXT},
        ("sources[0].url: 'javascript:alert(1)' must be an http:// or https:// address",),
    ),
    "source url with quotes or angle brackets": (
        "sources:\n  - {file: a.txt, url: 'https://example.org/\"><script>x</script>'}\n" + BOOK,
        {"a.txt": TEXT},
        ("sources[0].url:", "without spaces, quotes, brackets or angle brackets"),
    ),
    "unknown source key": (
        "sources:\n  - file: a.txt\n    publsher: Port Office\n" + BOOK,
        {"a.txt": TEXT},
        ("seeds/book.yml:3: sources[0].publsher: unknown key (did you mean 'publisher'?)",),
    ),
    "source mapping without file": (
        "sources:\n  - title: The river\n" + BOOK,
        {"a.txt": TEXT},
        ("seeds/book.yml:2: sources[0]: 'file' is required",),
    ),
    "PDF with no text layer (a scan)": (
        BOOK,
        {"scan.pdf": b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
         b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj\n"
         b"4 0 obj<</Length 26>>stream\n0 0 m 100 100 l S\n0 0 1 rg\nendstream endobj\n"
         b"trailer<</Root 1 0 R>>\n%%EOF\n"},
        ("seeds/scan.pdf: this PDF has no text layer (1 page of images, a scan?): briefbook does not do OCR",),
    ),
    "PDF that is not a PDF": (BOOK, {"a.pdf": b"%PDF-1.7\nnot really a PDF"}, ("seeds/a.pdf: not a readable PDF",)),
    "web page with no article": (
        BOOK,
        {"a.html": b"<html><head><script>render()</script></head><body><div id='app'></div></body></html>"},
        ("seeds/a.html: no article text found in this web page",),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_one_line_exit_2_and_nothing_touched(
    case: str, make_book: BookFactory, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    book_yml, sources, needles = CASES[case]
    root = make_book(book_yml.replace("\udce9", "é"), sources)
    if case == "book.yml not UTF-8":
        (root / "seeds" / "book.yml").write_bytes(book_yml.replace("\udce9", "é").encode("latin-1"))
    if case == "bad SOURCE_DATE_EPOCH":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    _fails(capsys, root, *needles)


def test_a_symlink_out_of_the_book_folder_is_refused(
    tmp_path: Path, make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("A secret about the river.\n", encoding="utf-8")
    root = make_book(BOOK, {})
    (root / "seeds" / "a.txt").symlink_to(outside)
    _fails(capsys, root, "seeds/a.txt: links outside the book folder")


def test_a_ten_megabyte_paragraph_is_refused(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_book(BOOK, {"a.txt": ("river " * 1_750_000).strip() + ".\n"})
    _fails(capsys, root, "seeds/a.txt: ¶1 is 10,500,000 characters long", "blank lines")


def test_a_hundred_thousand_paragraphs_are_refused(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_book(BOOK, {"a.txt": "\n\n".join(f"Line {i} of the river log." for i in range(100_000))})
    _fails(capsys, root, "100,000 paragraphs in the sources, more than 20,000")


def test_a_page_over_a_users_own_file_is_refused(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_book(BOOK, {"a.txt": TEXT})
    before = _previous_build(root)
    (root / "docs" / "rivers.md").write_text("# My own notes\n", encoding="utf-8")
    before["docs/rivers.md"] = b"# My own notes\n"
    code, _, err = run_cli(capsys, "build", str(root), "--quiet")
    assert code == 2 and "docs/rivers.md: exists and was not written by briefbook" in err
    assert _after(root) == before


def _source_paragraphs(root: Path, slug: str = "a") -> list[str]:
    html = (root / "site" / "sources" / slug / "index.html").read_text(encoding="utf-8")
    return [text for _, text in paragraphs(parse(html))]


@pytest.mark.parametrize(
    "raw",
    [
        b"The river rose over the weir.\r\n\r\nThe town held a market\r\nby the river.\r\n",
        b"The river rose over the weir.\r\rThe town held a market\rby the river.\r",
        b"\xef\xbb\xbfThe river rose over the weir.\n\nThe town held a market by the river.\n",
        "The river rose over the weir.\n\nThe town held a market by the river.\n".encode("utf-16"),
    ],
    ids=["CRLF", "CR", "UTF-8 BOM", "UTF-16 with BOM"],
)
def test_line_ends_and_byte_order_marks_are_read_as_the_same_text(
    raw: bytes, make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_book(BOOK, {"a.txt": raw})
    code, _, err = run_cli(capsys, "generate", str(root), "--quiet")
    assert code == 0, err
    text = (root / "docs" / "sources" / "a.md").read_text(encoding="utf-8")
    assert "\ufeff" not in text and "\r" not in text
    assert "The river rose over the weir." in text and "The town held a market by the river." in text


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("windows-1252", "The “river” costs 5 € — it’s final."),
        ("latin-1", "Le comité a décidé que la rivière monte."),
        ("gb18030", "对外贸易高质量发展规划提出了主要目标。"),
    ],
)
def test_a_declared_encoding_is_decoded(
    encoding: str, text: str, make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_book(f"encoding: {encoding}\n" + BOOK, {"a.txt": text.encode(encoding), "b.txt": "The river is UTF-8.\n"})
    code, _, err = run_cli(capsys, "build", str(root), "--quiet")
    assert code == 0, err
    assert _source_paragraphs(root) == [text]
    assert _source_paragraphs(root, "b") == ["The river is UTF-8."]


def test_warnings_still_build_the_book(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    book = BOOK + "  - title: Bridges\n    keywords: [viaduct]\n"
    root = make_book(book, {"a.txt": TEXT + "\nA bell\x07 rang\x1b[2J twice.\n\nNothing here matches.\n"})
    code, out, err = run_cli(capsys, "build", str(root))
    assert code == 0, err
    assert "theme 'bridges' has no paragraphs" in out
    assert "seeds/a.txt ¶3: control characters (U+0007, U+001B) are not text: shown as spaces" in out
    assert "sources/a ¶4 matches no theme's keywords" in out
    assert "\x1b" not in out
    assert _source_paragraphs(root) == [
        "The river rose over the weir.",
        "The town held a market by the river.",
        "A bell rang [2J twice.",
        "Nothing here matches.",
    ]


def test_a_failed_mkdocs_build_leaves_docs_and_site_as_they_were(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_book(BOOK, {"a.txt": TEXT})
    before = _previous_build(root)
    (root / "docs" / "notes.md").write_text("[broken](nowhere.md)\n", encoding="utf-8")  # a strict build fails on it
    before["docs/notes.md"] = (root / "docs" / "notes.md").read_bytes()
    code, _, err = run_cli(capsys, "build", str(root), "--strict", "--quiet")
    assert code == 1 and "MkDocs build failed" in err
    assert _after(root) == before
    assert not [p for p in os.listdir(root) if p.startswith(".briefbook-stage-")]
