"""The command as a newcomer meets it: help, version, errors, the build summary, and `new` on unseen texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator import __version__
from generator.base import console
from tests.conftest import BOOKS, REPO, copy_book, run_cli

ARTICLES = Path(__file__).parent / "data" / "articles"


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0 and "quick start:" in out and "briefbook new mybook --source article.txt" in out
    for command in ("new", "generate", "build", "serve"):
        assert command in out
        code, sub, _ = run_cli(capsys, command, "--help")
        assert code == 0 and f"usage: briefbook {command}" in sub and "--quiet" in sub and "--verbose" in sub
    assert run_cli(capsys, "--version")[1].strip() == f"briefbook {__version__}"


def test_mistyped_command_and_option_get_one_line_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "biuld")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "'biuld' is not a command (did you mean 'build'?)" in err
    code, _, err = run_cli(capsys, "build", "--stirct")
    assert code == 2 and err.count("\n") == 1 and "did you mean '--strict'?" in err


def test_mistyped_theme_key_is_one_line_with_a_suggestion(make_book, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    root = make_book("title: T\nthemes:\n  - title: Boats\n    keywrods: [boat]\n", {"a.txt": "T\n\nA boat.\n"})
    code, out, err = run_cli(capsys, "build", str(root))
    assert code == 2 and out == ""
    assert "did you mean 'keywords'?" in err and "\033[" not in err  # captured stderr is not a terminal


class _Tty:
    def __init__(self) -> None:
        self.isatty = lambda: True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = _Tty()
    assert "\033[31m" in console.error_line("bad", tty)  # type: ignore[arg-type]
    monkeypatch.setenv("NO_COLOR", "1")
    assert console.error_line("bad", tty) == "briefbook: error: bad"  # type: ignore[arg-type]


def test_build_summary_lists_pages_themes_unassigned_warnings_time_and_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = copy_book(BOOKS / "river", tmp_path / "river")
    code, out, _ = run_cli(capsys, "build", str(root))
    assert code == 0
    book = yaml.safe_load((root / "seeds" / "book.yml").read_text(encoding="utf-8"))
    assert re.search(r"Built “.+” in \d+\.\d s", out)
    assert re.search(r"\d+ pages from 1 source, \d+ paragraphs:", out)
    for theme in book["themes"]:
        assert re.search(rf"^    {re.escape(theme['title'])} +\d+$", out, re.M)
    assert re.search(r"^    no theme +\d+", out, re.M)
    assert "warning" in out
    assert f"output: {root / 'site'}" in out
    assert run_cli(capsys, "-q", "build", str(root))[1] == ""
    assert run_cli(capsys, "build", "-q", str(root))[1] == ""


@pytest.mark.parametrize("article", sorted(p.name for p in ARTICLES.glob("*.txt")))
def test_new_then_build_gives_starter_themes_that_each_hold_paragraphs(
    article: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "new", "mybook", "--source", str(ARTICLES / article))
    assert code == 0, err
    assert "briefbook build mybook" in out and "seeds/book.yml" in out
    book = yaml.safe_load((tmp_path / "mybook" / "seeds" / "book.yml").read_text(encoding="utf-8"))
    themes = book["themes"]
    assert 2 <= len(themes) <= 6
    keywords = [k for t in themes for k in t["keywords"]]
    assert any(" " in k or "-" in k for k in keywords), "key phrases, not only single words"
    assert len(keywords) == len({k.lower() for k in keywords})
    text = (ARTICLES / article).read_text(encoding="utf-8").lower()
    assert all(k.lower() in text for k in keywords), "every keyword is the text's own words"

    code, out, err = run_cli(capsys, "build", "mybook", "--strict")
    assert code == 0, err
    site = tmp_path / "mybook" / "site"
    for theme in themes:
        slug = re.sub(r"[^a-z0-9]+", "-", theme["title"].lower()).strip("-")
        page = (site / slug / "index.html").read_text(encoding="utf-8")
        assert page.count('class="bb-para"') >= 1, f"{theme['title']} holds no paragraph"
    total = int(re.search(r"(\d+) paragraphs:", out).group(1))  # type: ignore[union-attr]
    unassigned = int(re.search(r"^    no theme +(\d+)", out, re.M).group(1))  # type: ignore[union-attr]
    assert unassigned <= total // 4


def test_new_on_the_example_and_second_book_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for source in [*sorted((REPO / "seeds").glob("*.txt")), *sorted((BOOKS / "river" / "seeds").glob("*.txt"))]:
        folder = tmp_path / source.stem
        assert run_cli(capsys, "new", str(folder), "--source", str(source))[0] == 0
        code, out, err = run_cli(capsys, "build", str(folder))
        assert code == 0, err
        assert not re.search(r"^    (?!no theme).*\s0$", out, re.M), out


def test_mistyped_source_name_gets_a_suggestion(make_book, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    root = make_book(
        "title: T\nsources: [harbor.txt]\nthemes:\n  - title: Boats\n    keywords: [boat]\n", {"harbour.txt": "T\n\nA boat.\n"}
    )
    code, _, err = run_cli(capsys, "build", str(root))
    assert code == 2 and "no such file seeds/harbor.txt (did you mean 'harbour.txt'?)" in err


def test_new_on_a_text_without_content_words_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "empty.txt"
    source.write_text("Title\n\nThe and of it.\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "new", str(tmp_path / "book"), "--source", str(source))
    assert code == 2 and err.count("\n") == 1 and "too few words" in err
    assert not (tmp_path / "book").exists()
