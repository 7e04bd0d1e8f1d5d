"""Extraction reads each source on its own: the same book whatever the number of workers, and after an edit
only the edited source (and those whose reading depended on what the edit changed) is read again."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from conftest import BOOKS, write_book

from generator import __version__
from generator.base import cache
from generator.extract import sources
from generator.pipeline import generate

CORPUS = Path(__file__).resolve().parent / "corpus"

BOOK_YML = """\
title: Many sources
themes:
  - title: Health
    keywords: [health, hospital, patients, care]
  - title: Transport
    keywords: [transport, road, rail, bridge, port]
  - title: Energy
    keywords: [energy, power, wind, solar, grid]
  - title: Justice
    keywords: [court, justice, attorney, charged]
"""


def _texts(count: int) -> dict[str, str | bytes]:
    """Real press releases and fact sheets from the test corpus and the test books: people, dates, figures."""
    files = sorted([*CORPUS.glob("*/seeds/*.txt"), *BOOKS.glob("*/seeds/*.txt")])[:count]
    return {f"{i:02d}-{path.name}": path.read_bytes() for i, path in enumerate(files)}


def _docs(root: Path) -> dict[str, bytes]:
    docs = root / "docs"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


@pytest.fixture
def cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    key = tmp_path / "user-cache" / "cache-key"
    monkeypatch.setenv(cache.KEY_ENV, str(key))
    return key


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources extraction reads (in this process: one worker), by slug."""
    monkeypatch.setenv(sources.WORKERS_ENV, "1")
    seen: list[str] = []
    real = sources.find_in_source

    def counting(paragraphs: Any, *args: Any) -> sources.SourceFindings:
        seen.append(paragraphs[0].source)
        return real(paragraphs, *args)

    monkeypatch.setattr(sources, "find_in_source", counting)
    return seen


def test_one_worker_and_several_write_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     cache_key: Path) -> None:
    texts = _texts(30)
    monkeypatch.setattr(sources, "POOL_MIN_PARAGRAPHS", 0)  # a small book, read by the pool all the same
    built = {}
    for workers in ("1", "2", "3"):
        monkeypatch.setenv(sources.WORKERS_ENV, workers)
        root = write_book(tmp_path / f"book-{workers}", BOOK_YML, dict(texts))
        generate(root)
        built[workers] = _docs(root)
    assert len(built["1"]) > 30 and any(name.startswith("sources/") for name in built["1"])
    people = next(text for name, text in built["1"].items() if name.startswith("people"))
    assert people.count(b"\n") > 20  # the corpus names people: the pages compared are not empty
    for workers in ("2", "3"):
        assert built[workers].keys() == built["1"].keys()
        for name, data in built["1"].items():
            assert built[workers][name] == data, f"{name} differs with {workers} workers"


def test_after_an_edit_only_that_source_is_read_again(tmp_path: Path, reads: list[str], cache_key: Path) -> None:
    texts = _texts(12)
    root = write_book(tmp_path / "book", BOOK_YML, dict(texts))
    generate(root)
    assert len(reads) == 12
    name = sorted(texts)[3]
    path = root / "seeds" / name
    path.write_text(path.read_text(encoding="utf-8") + "\nThe Kelby Harbour Trust said the port would reopen in May 2031.\n",
                    encoding="utf-8")
    cache.forget(root, disk=False)  # a new process: the findings come from the signed file
    reads.clear()
    generate(root)
    assert reads == [name.removesuffix(".txt")]
    # The same pages as a book generated from scratch with the edited text.
    fresh = write_book(tmp_path / "fresh", BOOK_YML, {n: (root / "seeds" / n).read_bytes() for n in texts})
    generate(fresh)
    assert _docs(root) == _docs(fresh)
    assert any(b"Kelby Harbour Trust" in data for page, data in _docs(root).items() if page.startswith("people"))


def test_a_word_that_becomes_common_reads_the_sources_that_asked_about_it(tmp_path: Path, reads: list[str],
                                                                          cache_key: Path) -> None:
    # "Brackwater" is a name until another source uses "brackwater" in lower case: then it is a common word,
    # and the source that named the "Brackwater Institute" must be read again, though its text did not change.
    books = {
        "alder.txt": "Alder report\n\nDirector Ana Ruiz of the Brackwater Institute said the hospital would open in 2030.\n",
        "birch.txt": "Birch report\n\nThe rail bridge reopened after repairs costing $4 million.\n",
        "cedar.txt": "Cedar report\n\nSolar power reached 12% of the grid last year.\n",
    }
    root = write_book(tmp_path / "book", BOOK_YML, dict(books))
    generate(root)
    before = _docs(root)
    (root / "seeds" / "birch.txt").write_text(books["birch.txt"] + "\nThe brackwater flooded the rail line.\n",
                                              encoding="utf-8")
    cache.forget(root, disk=False)
    reads.clear()
    generate(root)
    assert sorted(reads) == ["alder", "birch"]  # cedar asked about no word that changed
    fresh = write_book(tmp_path / "fresh", BOOK_YML, {n: (root / "seeds" / n).read_bytes() for n in books})
    generate(fresh)
    after = _docs(root)
    assert after == _docs(fresh)
    assert after != before


def test_a_planted_findings_file_is_never_unpickled(tmp_path: Path, reads: list[str], cache_key: Path) -> None:
    root = write_book(tmp_path / "book", BOOK_YML, _texts(3))
    marker = tmp_path / "ZQXPWNED"

    class Planted:
        def __reduce__(self) -> tuple[Any, ...]:
            return (os.system, (f"touch {marker}",))

    payload = pickle.dumps({"x": Planted()})
    label = f"briefbook {__version__} findings".encode()
    for planted in (label + b"\n" + b"0" * 64 + b"\n" + payload, b"\n" + payload, payload):
        (root / cache.FINDINGS_FILE).write_bytes(planted)
        cache.forget(root, disk=False)
        (root / cache.CACHE_FILE).unlink(missing_ok=True)
        reads.clear()
        generate(root)
        assert not marker.exists()
        assert len(reads) == 3  # nothing was taken from the planted file
