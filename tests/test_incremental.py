"""Unchanged inputs cost nothing; one changed source rewrites only the pages that show it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BOOKS, copy_book, write_book

from generator import cache, pipeline
from generator.cli import main
from generator.pipeline import generate

BOOK_YML = """\
title: Three valley reports
themes:
  - title: Orchards
    keywords: [orchard, apple, pear]
  - title: Bridges
    keywords: [bridge, span, pier]
"""

SOURCES = {
    "alder.txt": "Alder valley\n\nThe orchard by the mill gave a record apple crop.\n\nA new bridge will cross the brook by May.\n",
    "birch.txt": "Birch valley\n\nThe old bridge pier was found cracked after the flood.\n\nPear growers asked for a longer season.\n",
    "cedar.txt": "Cedar valley\n\nThe village hall held a meeting on parking.\n\nThe orchard association elected a new chair.\n",
}


def _stamps(docs: Path) -> dict[str, int]:
    return {p.relative_to(docs).as_posix(): p.stat().st_mtime_ns for p in sorted(docs.rglob("*")) if p.is_file()}


@pytest.fixture
def valley(tmp_path: Path) -> Path:
    return write_book(tmp_path / "valley", BOOK_YML, dict(SOURCES))


@pytest.mark.parametrize("book", ["valley", "river"])
def test_second_generate_writes_nothing(book: str, valley: Path, tmp_path: Path) -> None:
    root = valley if book == "valley" else copy_book(BOOKS / "river", tmp_path / "river")
    first = generate(root)
    assert first.report is not None and first.report.written
    before = _stamps(root / "docs")
    cache_stamp = (root / cache.CACHE_FILE).stat().st_mtime_ns
    cache.forget(root, disk=False)  # as a new 'briefbook generate' process would start
    second = generate(root)
    assert second.report is not None
    assert second.report.written == () and second.report.removed == ()
    assert _stamps(root / "docs") == before
    assert (root / cache.CACHE_FILE).stat().st_mtime_ns == cache_stamp
    # The reused result is the same book: nav, files, counts, and the Book itself on demand.
    assert second.nav == first.nav and second.files == first.files and second.counts == first.counts
    assert second.book.assignments == first.book.assignments


def test_one_changed_source_rewrites_only_its_pages(valley: Path) -> None:
    generate(valley)
    before = _stamps(valley / "docs")
    # Birch's bridge paragraph changes wording: still a Bridges paragraph, same counts.
    path = valley / "seeds" / "birch.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("found cracked", "found badly cracked"), encoding="utf-8")
    cache.forget(valley, disk=False)
    result = generate(valley)
    assert result.report is not None
    # the home page quotes this paragraph as the lead of the Bridges theme, which has no summary
    assert set(result.report.written) == {"sources/birch.md", "bridges.md", "index.md"}
    assert "badly cracked" in (valley / "docs" / "index.md").read_text(encoding="utf-8")
    after = _stamps(valley / "docs")
    # Pages the change does not reach keep their mtimes; the manifest (bookkeeping) may be rewritten.
    untouched = {p for p in before if p not in result.report.written and not p.startswith(".briefbook")}
    assert {p: after[p] for p in untouched} == {p: before[p] for p in untouched}
    assert "badly cracked" in (valley / "docs" / "bridges.md").read_text(encoding="utf-8")


def test_changed_template_or_deleted_page_is_noticed(valley: Path) -> None:
    generate(valley)
    (valley / "docs" / "orchards.md").unlink()
    result = generate(valley)  # same inputs, but docs/ lost a page: it is written again
    assert result.report is not None and result.report.written == ("orchards.md",)
    (valley / "templates").mkdir()
    (valley / "templates" / "other.md.j2").write_text("# Unplaced paragraphs\n", encoding="utf-8")
    result = generate(valley)
    assert result.report is not None and result.report.written == ("other.md",)
    assert (valley / "docs" / "other.md").read_text(encoding="utf-8") == "# Unplaced paragraphs\n"


def test_build_generates_once(valley: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = pipeline.assemble

    def counting(root: Path):  # type: ignore[no-untyped-def]
        calls.append(root)
        return real(root)

    monkeypatch.setattr(pipeline, "assemble", counting)
    assert main(["build", str(valley), "--strict", "--quiet"]) == 0
    assert len(calls) == 1  # 'briefbook build' generated; the plugin reused that run
    html = (valley / "site" / "bridges" / "index.html").read_text(encoding="utf-8")
    assert "The old bridge pier was found cracked after the flood." in html


def test_corrupt_cache_is_ignored(valley: Path) -> None:
    first = generate(valley)
    cache.forget(valley, disk=False)
    data = (valley / cache.CACHE_FILE).read_bytes()
    (valley / cache.CACHE_FILE).write_bytes(data[: data.index(b"\n") + 1] + b"not a pickle")
    again = generate(valley)
    assert again.files == first.files
