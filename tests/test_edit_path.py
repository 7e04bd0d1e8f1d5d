"""After an edit, generating again in the same process (as ``briefbook serve`` does) reuses what did not change:
pages whose inputs are the same, keyword matches and mentions of unchanged paragraphs. Whatever it reuses,
docs/ must be byte for byte what a cold generation of the edited book writes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import BOOKS, copy_book, snapshot, write_book

from generator import pipeline, render
from generator.base import cache
from generator.base.shipped import BUILTIN_TEMPLATES
from generator.pipeline import generate
from generator.write import MANIFEST

BOOK_YML = """\
title: Four valley reports
themes:
  - title: Orchards
    keywords: [orchard, apple, pear, harvest]
  - title: Bridges
    keywords: [bridge, span, pier, crossing]
  - title: Water
    keywords: [river, flood, brook, rainfall]
"""

SOURCES = {
    "alder.txt": (
        "Alder valley report\n\n"
        "The Valley Fruit Cooperative (VFC) said the orchard by the mill gave a record apple harvest.\n\n"
        "Roads\n\n"
        "A new bridge will cross the brook by May 2026, the council said.\n\n"
        "The crossing will cost 2.4 million euros, paid by the region.\n"
    ),
    "birch.txt": (
        "Birch valley report\n\n"
        "The old bridge pier was found cracked after the flood of March 2025.\n\n"
        "Pear growers asked the VFC for a longer harvest season.\n\n"
        "Rainfall in the valley was 30 percent above the average, said Anna Keller of the Weather Office.\n"
    ),
    "cedar.txt": (
        "Cedar valley report\n\n"
        "The village hall held a meeting on parking.\n\n"
        "The orchard association elected a new chair, Tomas Brandt.\n\n"
        "The river rose by two metres in one night; the flood wall held.\n"
    ),
    "dogwood.txt": (
        "Dogwood valley report\n\n"
        "A footbridge span of 40 metres opened on 3 June 2025.\n\n"
        "Apple and pear orchards along the river lost blossom to the late frost.\n"
    ),
}


def _edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / "seeds" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


EDITS = {
    "change a word": _edit("cedar.txt", "meeting on parking", "long meeting on parking"),
    "move a paragraph to another theme": _edit("birch.txt", "The old bridge pier was found cracked", "The old orchard wall was found cracked"),
    "add an acronym definition": _edit(
        "dogwood.txt", "A footbridge span", "The Regional Bridge Authority (RBA) built it. A footbridge span"
    ),
    "delete a paragraph": _edit("alder.txt", "Roads\n\n", ""),
    "add a name": _edit("cedar.txt", "The village hall", "Mayor Ines Varga said the village hall"),
    "change a theme's keywords": _edit("book.yml", "[river, flood, brook, rainfall]", "[river, flood, brook, rainfall, wall]"),
    "add a source": lambda root: (root / "seeds" / "elm.txt").write_text(
        "Elm valley report\n\nThe VFC opened a cider press by the orchard on the river.\n", encoding="utf-8"
    ),
    "remove a source": lambda root: (root / "seeds" / "dogwood.txt").unlink(),
}


def _cold(root: Path) -> dict[str, bytes]:
    """The files a generation that remembers nothing (a new process, no cache) makes of the book as it is now."""
    pipeline.forget_memos()
    cache.forget(root, disk=True)
    result = generate(root, write=False)
    cache.forget(root, disk=False)
    return {f.path: f.content for f in result.files}


def _docs(root: Path) -> dict[str, bytes]:
    return {path: content for path, content in snapshot(root / "docs").items() if path != MANIFEST}


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every template rendered as a page, in order (to see that pages were reused)."""
    names: list[str] = []
    original = jinja2.Template.render

    def render(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        if "page_path" in kwargs:
            names.append(str(kwargs["page_path"]))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", render)
    return names


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_incremental_generate_equals_cold_generate(edit: str, tmp_path: Path, rendered: list[str]) -> None:
    root = write_book(tmp_path / "valleys", BOOK_YML, dict(SOURCES))
    pipeline.forget_memos()
    generate(root)
    pages = len(rendered)
    EDITS[edit](root)
    rendered.clear()
    generate(root)
    incremental = _docs(root)
    if edit == "change a word":  # an edit of one paragraph renders again only the pages that show it
        assert sorted(rendered) == ["other.md", "sources/cedar.md"], rendered
        assert len(rendered) < pages
    assert incremental == _cold(root)


def test_edits_in_a_row_on_a_book_of_its_own(tmp_path: Path) -> None:
    """Several edits one after the other, each compared with a cold generation, on another book."""
    root = copy_book(BOOKS / "harbour", tmp_path / "harbour")
    pipeline.forget_memos()
    generate(root)
    seeds = sorted(p for p in (root / "seeds").iterdir() if p.suffix != ".yml")
    for n, seed in enumerate(seeds * 2):
        text = seed.read_text(encoding="utf-8")
        paragraphs = text.split("\n\n")
        if n % 2:  # drop a paragraph
            paragraphs.pop(len(paragraphs) // 2)
        else:  # a new sentence that names a new organisation and its acronym
            paragraphs.insert(1, f"The Coastal Survey Office (CSO{n}) counted {n + 3} new quays.")
        seed.write_text("\n\n".join(paragraphs), encoding="utf-8")
        generate(root)
        incremental = _docs(root)
        assert incremental == _cold(root), seed.name
        generate(root)  # back to the incremental state for the next edit


def test_changed_template_is_not_reused(tmp_path: Path, rendered: list[str]) -> None:
    root = write_book(tmp_path / "valleys", BOOK_YML, dict(SOURCES))
    pipeline.forget_memos()
    generate(root)
    (root / "templates").mkdir()
    builtin = (BUILTIN_TEMPLATES / "source.md.j2").read_text(encoding="utf-8")
    (root / "templates" / "source.md.j2").write_text(builtin + "\nEdited template marker.\n", encoding="utf-8")
    generate(root)
    shown = (root / "docs" / "sources" / "alder.md").read_text(encoding="utf-8")
    assert "Edited template marker." in shown
    assert _docs(root) == _cold(root)


def test_a_new_process_reuses_the_pages_of_the_signed_cache(tmp_path: Path, rendered: list[str]) -> None:
    """``briefbook generate`` after an edit, or ``briefbook serve`` whose first run was a cache hit: the last
    run's pages come from the signed cache file, and only the edited source's pages are rendered again."""
    root = write_book(tmp_path / "valleys", BOOK_YML, dict(SOURCES))
    pipeline.forget_memos()
    generate(root)
    pipeline.forget_memos()
    cache.forget(root, disk=False)  # a new process: nothing in memory, the cache file on disk
    EDITS["change a word"](root)
    rendered.clear()
    generate(root)
    assert sorted(rendered) == ["other.md", "sources/cedar.md"], rendered
    assert _docs(root) == _cold(root)


def test_a_cache_file_signed_with_another_key_lends_no_pages(tmp_path: Path, rendered: list[str]) -> None:
    root = write_book(tmp_path / "valleys", BOOK_YML, dict(SOURCES))
    pipeline.forget_memos()
    generate(root)
    pipeline.forget_memos()
    cache.forget(root, disk=False)
    lines = (root / cache.CACHE_FILE).read_bytes().split(b"\n", 2)
    (root / cache.CACHE_FILE).write_bytes(b"\n".join([lines[0], b"0" * 64, lines[2]]))  # a seal that does not check out
    EDITS["change a word"](root)
    rendered.clear()
    generate(root)
    assert len(rendered) > 2  # every page rendered afresh
    assert _docs(root) == _cold(root)


def test_pages_made_by_other_code_are_not_reused(tmp_path: Path, rendered: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade of briefbook may render the same context differently: the cache file's pages are not lent then."""
    root = write_book(tmp_path / "valleys", BOOK_YML, dict(SOURCES))
    pipeline.forget_memos()
    generate(root)
    pages = len(rendered)
    pipeline.forget_memos()
    cache.forget(root, disk=False)
    monkeypatch.setattr(render, "code_digest", lambda: b"another briefbook")
    EDITS["change a word"](root)
    rendered.clear()
    generate(root)
    assert len(rendered) == pages
