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
    # ¶1: Ships (cargo, ship, crane) against Workers (docker, shift): a narrow win, not close enough to share
    assert (
        "warning: sources/harbour ¶1 went to 'Ships' (3.96) only just ahead of 'Workers' (2.97):"
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


EXPLAINED_TEXT = """Harbour notes

The cargo ship waited for a crane while the docker finished a shift.

The union asked for a shorter shift.

On the quay

The crane lifted cargo off the ship.

The harbour master said:

Three ships came in before dawn, each with cargo for the market.

A docker and a union steward met the ship.

Gulls\x1b[31m circled.
"""


def test_check_explain_says_why_each_paragraph_went_where_it_did(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_book(BOOK, {"harbour.txt": EXPLAINED_TEXT, "quay.txt": "Quay notes\n\nThe crane driver is a docker.\n"})
    code, out, err = run_cli(capsys, "check", str(root), "--explain")
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.startswith("sources/harbour")]
    assert len(lines) == 8  # one per paragraph, in book order
    assert [line.split(" → ")[0] for line in lines] == [f"sources/harbour ¶{n}" for n in range(1, 9)]
    # Keywords with their weights, and the runner-up with its own.
    assert lines[3].startswith("sources/harbour ¶4 → 'Ships' (")
    assert "because of its keywords [cargo 1.39, crane 1.39, ship 1.18]; no runner-up" in lines[3]
    assert lines[6].startswith("sources/harbour ¶7 → 'Workers' (3.09) because of its keywords [docker 1.39, union 1.7];")
    assert "runner-up 'Ships' (2.47) [ship 1.18]" in lines[6]
    # A heading with no keyword goes with the paragraphs around it; an introduction with the paragraph after it.
    assert lines[2].startswith("sources/harbour ¶3 → 'Ships' (") and "because of its neighbours [no keyword]" in lines[2]
    assert lines[4].startswith("sources/harbour ¶5 → 'Ships' (")
    assert "because it introduces the next paragraph [no keyword]" in lines[4]
    # A tie between two themes: shown on both.
    (quay,) = [line for line in out.splitlines() if line.startswith("sources/quay")]
    assert quay.startswith("sources/quay ¶1 → 'Ships' (1.39) because of its keywords [crane 1.39]; shared with 'Workers' (1.39)")
    # Nothing placed it; the source's control character is shown, not sent to the terminal.
    assert lines[7] == (
        "sources/harbour ¶8 → no theme: no keyword, and too little around it ('Ships' 0.26): “Gulls<U+001B>[31m circled.”"
    )
    assert "\x1b" not in out
    assert run_cli(capsys, "check", str(root))[1].count("sources/harbour ¶") < 8  # without --explain: only warnings
