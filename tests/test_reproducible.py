"""Same input, same bytes: whatever PYTHONHASHSEED, the clock and the order the file system lists files in.

Builds run in subprocesses; a ``sitecustomize`` on their PYTHONPATH moves the
clock days ahead and reverses every directory listing, so the test fails if
any output depends on either.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.conftest import BOOKS, copy_book, snapshot

FAKES = """
import datetime as _dt, os, time

_offset = float(os.environ.get("FAKE_TIME_OFFSET", "0"))
if _offset:
    _real_time = time.time
    time.time = lambda: _real_time() + _offset

    class _FakeDatetime(_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return _dt.datetime.fromtimestamp(time.time(), tz)

        @classmethod
        def utcnow(cls):
            return _dt.datetime.utcfromtimestamp(time.time())

    _dt.datetime = _FakeDatetime

if os.environ.get("REVERSE_LISTING"):
    _listdir, _scandir = os.listdir, os.scandir

    class _Reversed:
        def __init__(self, entries):
            self._entries = iter(entries)
        def __iter__(self):
            return self
        def __next__(self):
            return next(self._entries)
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return False
        def close(self):
            pass

    def scandir(path="."):
        with _scandir(path) as it:
            return _Reversed(sorted(it, key=lambda e: e.name, reverse=True))

    os.listdir = lambda path=".": sorted(_listdir(path), reverse=True)
    os.scandir = scandir
"""


@pytest.fixture(scope="module")
def fakes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fakes")
    (folder / "sitecustomize.py").write_text(FAKES, encoding="utf-8")
    return folder


def _env(fakes: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return {**env, "PYTHONPATH": str(fakes), "NO_MKDOCS_2_WARNING": "1", **extra}


def _build(root: Path, env: dict[str, str]) -> dict[str, bytes]:
    shutil.rmtree(root / "docs", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(root), "--quiet"], env=env, capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr.decode()
    return {
        **{f"docs/{k}": v for k, v in snapshot(root / "docs").items()},
        **{f"site/{k}": v for k, v in snapshot(root / "site").items()},
    }


@pytest.fixture
def book(tmp_path: Path) -> Path:
    root = copy_book(BOOKS / "river", tmp_path / "river")
    yml = root / "seeds" / "book.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "site_url: https://books.example.org/river/\n", encoding="utf-8")
    # a second source, so that listing order could matter
    (root / "seeds" / "a-later-note.txt").write_text(
        "A note\n\nThe town council met the ecologist at the weir.\n", encoding="utf-8"
    )
    return root


def test_the_fakes_really_move_the_clock_and_the_listing(fakes: Path, book: Path) -> None:
    code = "import os, datetime; print(datetime.datetime.now().year, os.listdir(os.environ['BOOK'])[0])"
    env = _env(fakes, FAKE_TIME_OFFSET=str(400 * 86400), REVERSE_LISTING="1", BOOK=str(book / "seeds"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > datetime.now().year or datetime.now().month > 10
    assert out[1] == sorted(os.listdir(book / "seeds"))[-1]


def test_two_builds_give_the_same_bytes_whatever_the_hash_seed_clock_and_listing_order(fakes: Path, book: Path) -> None:
    first = _build(book, _env(fakes, PYTHONHASHSEED="1"))
    second = _build(book, _env(fakes, PYTHONHASHSEED="4242", FAKE_TIME_OFFSET=str(3 * 86400 + 7), REVERSE_LISTING="1"))
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert not differ
    assert "site/sitemap.xml.gz" in first and "site/search/search_index.json" in first


def test_source_date_epoch_dates_the_sitemap_and_its_gzip_header(fakes: Path, book: Path) -> None:
    epoch = 1_700_000_000  # 2023-11-14
    files = _build(book, _env(fakes, SOURCE_DATE_EPOCH=str(epoch), FAKE_TIME_OFFSET=str(90 * 86400)))
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", files["site/sitemap.xml"].decode()))
    assert lastmods == {"2023-11-14"}
    gz = files["site/sitemap.xml.gz"]
    assert int.from_bytes(gz[4:8], "little") == datetime(2023, 11, 14, tzinfo=timezone.utc).timestamp()
    assert gzip.decompress(gz) == files["site/sitemap.xml"]


def test_without_source_date_epoch_the_date_is_the_books_last_change(fakes: Path, book: Path) -> None:
    stamp = datetime(2021, 5, 6, 12, 0, tzinfo=timezone.utc).timestamp()
    for path in (book / "seeds").iterdir():
        os.utime(path, (stamp, stamp))
    files = _build(book, _env(fakes, FAKE_TIME_OFFSET=str(30 * 86400)))
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", files["site/sitemap.xml"].decode())) == {"2021-05-06"}
