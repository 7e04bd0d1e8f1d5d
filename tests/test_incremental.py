"""Unchanged inputs cost nothing; one changed source rewrites only the pages that show it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BOOKS, copy_book, write_book

from generator import pipeline
from generator.base import cache
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


def _build(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["build", str(root)]) == 0
    return capsys.readouterr().out


def test_unchanged_build_skips_mkdocs_until_something_changes(
    valley: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import mkdocs.commands.build

    first = _build(valley, capsys)
    assert "MkDocs not run" not in first
    page = valley / "site" / "bridges" / "index.html"
    built = page.read_bytes()
    cache.forget(valley, disk=False)  # a new 'briefbook build' process
    real_build = mkdocs.commands.build.build
    monkeypatch.setattr(pipeline, "assemble", lambda _root: pytest.fail("an unchanged book was generated again"))
    monkeypatch.setattr(mkdocs.commands.build, "build", lambda *a, **k: pytest.fail("MkDocs ran for an unchanged book"))
    again = _build(valley, capsys)
    assert "nothing changed since the last build and site/ is as it left it: MkDocs not run" in again
    assert page.read_bytes() == built
    monkeypatch.setattr(mkdocs.commands.build, "build", real_build)

    # A page of site/ edited by hand: the site is built again, and the page is whole again.
    page.write_text("broken", encoding="utf-8")
    assert "MkDocs not run" not in _build(valley, capsys)
    assert page.read_bytes() == built
    # mkdocs.yml changed: built again, and the change shows.
    yml = valley / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "copyright: Valley Water Board\n", encoding="utf-8")
    assert "MkDocs not run" not in _build(valley, capsys)
    assert "Valley Water Board" in page.read_text(encoding="utf-8")
    assert "MkDocs not run" in _build(valley, capsys)
    # A generated page of docs/ edited by hand: written again and built again.
    generated = valley / "docs" / "bridges.md"
    generated.write_text(generated.read_text(encoding="utf-8").replace("found cracked", "found fine"), encoding="utf-8")
    assert "MkDocs not run" not in _build(valley, capsys)
    assert "found cracked" in page.read_text(encoding="utf-8") and "found fine" not in generated.read_text(encoding="utf-8")
    # A source changed: generated and built again.
    monkeypatch.undo()
    path = valley / "seeds" / "birch.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("found cracked", "found badly cracked"), encoding="utf-8")
    assert "MkDocs not run" not in _build(valley, capsys)
    assert "badly cracked" in page.read_text(encoding="utf-8")


def test_a_strict_build_is_not_skipped_after_a_lenient_one(valley: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _build(valley, capsys)
    assert main(["build", str(valley), "--strict"]) == 0
    assert "MkDocs not run" not in capsys.readouterr().out
    assert main(["build", str(valley), "--strict"]) == 0
    assert "MkDocs not run" in capsys.readouterr().out


def test_mkdocs_build_from_a_cached_result_prints_without_generating_again(
    valley: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    generate(valley)
    cache.forget(valley, disk=False)  # plain 'mkdocs build' in a new process: only the cache file is left
    monkeypatch.setattr(pipeline, "assemble", lambda _root: pytest.fail("the pipeline ran again inside MkDocs"))
    build(load_config(config_file=str(valley / "mkdocs.yml")))
    printed = (valley / "site" / "print" / "index.html").read_text(encoding="utf-8")
    # The cover lists the sources, and a paragraph's link to its source prints as a citation.
    for title in ("Alder valley", "Birch valley", "Cedar valley"):
        assert title in printed
    assert '<span class="bb-print-cite">[S2 </span>' in printed
    assert "The old bridge pier was found cracked after the flood." in printed
