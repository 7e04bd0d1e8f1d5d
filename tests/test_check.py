"""``briefbook check``: what a build would find, reported without writing anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BOOKS, REPO, BookFactory, copy_book, run_cli, snapshot

BOOK = """title: Harbour notes
themes:
  - title: Ships
    keywords: [ship, cargo, crane]
  - title: Workers
    keywords: [docker, union, shift]
  - title: Lighthouses
    keywords: [lamp, keeper]
"""
TEXT = """Harbour notes

The cargo ship waited for a crane while the docker finished a shift.

The union asked for a shorter shift and a second crane.

Gulls circled\x1b[31m over the empty quay.
"""


def _everything(root: Path) -> dict[str, bytes]:
    return snapshot(root)


def test_check_lists_what_deserves_a_second_look_and_writes_nothing(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_book(BOOK, {"harbour.txt": TEXT})
    (root / "docs").rmdir()
    before = _everything(root)
    code, out, err = run_cli(capsys, "check", str(root))
    assert code == 0, err
    lines = out.splitlines()
    assert "warning: theme 'lighthouses' has no paragraphs: none of its keywords (lamp, keeper) beats another theme's" in lines
    # ¶1: Ships 3 (cargo, ship, crane) against Workers 2 (docker, shift): a narrow win
    assert (
        "warning: sources/harbour ¶1 went to 'Ships' (3) only just ahead of 'Workers' (2):"
        " “The cargo ship waited for a crane while the docker finished a shift.”" in lines
    )
    assert any(
        line.startswith("warning: sources/harbour ¶3 matches no theme's keywords") and "Gulls circled<U+001B>[31m over" in line
        for line in lines
    )
    assert "\x1b" not in out
    assert lines[-1].startswith("ok: 1 source(s), 3 paragraphs, 3 themes, 1 unassigned")
    assert _everything(root) == before and not (root / "docs").exists()


def test_check_strict_fails_on_warnings_only(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_book(BOOK, {"harbour.txt": TEXT})
    assert run_cli(capsys, "check", str(root), "--strict")[0] == 1
    assert run_cli(capsys, "check", str(REPO), "--strict", "--quiet")[0] == 0  # the example book is clean


def test_check_reports_errors_as_one_line_each_with_status_2(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_book("title: Harbour\nthemes:\n  - title: Index\n    keywords: [ship]\n", {"harbour.txt": TEXT})
    before = _everything(root)
    code, out, err = run_cli(capsys, "check", str(root))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "briefbook: error: seeds/book.yml:3: themes[0].slug: 'index' is reserved for a page of the book: choose another slug"
    ]
    assert _everything(root) == before


def test_check_finds_a_page_that_would_overwrite_a_users_file(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_book(BOOK, {"harbour.txt": TEXT})
    (root / "docs" / "ships.md").write_text("# My notes on ships\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", str(root))
    assert code == 2 and "docs/ships.md: exists and was not written by briefbook" in err


def test_check_finds_links_that_would_break(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_book(BOOKS / "river", tmp_path / "river")
    (root / "templates").mkdir()
    index = (REPO / "templates" / "index.md.j2").read_text(encoding="utf-8")
    extra = "\n[Missing](missing.md) [Bad anchor](sources/lowland-river-programme.md#p-00000000) [Fine](ecology.md) [Web](https://example.org/x)\n"
    (root / "templates" / "index.md.j2").write_text(index + extra, encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", str(root))
    assert code == 0
    assert "warning: docs/index.md: link to 'missing.md' points at no page" in out.splitlines()
    assert (
        "warning: docs/index.md: link to 'sources/lowland-river-programme.md#p-00000000' points at no anchor on that page"
        in out.splitlines()
    )
    assert "ecology.md'" not in out and "example.org" not in out
