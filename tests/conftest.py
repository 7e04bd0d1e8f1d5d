"""Shared helpers: make a book folder, run the CLI in-process, build a real site."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
BOOKS = Path(__file__).resolve().parent / "books"


def copy_book(src: Path, dest: Path) -> Path:
    """Copy a book folder's inputs (mkdocs.yml, seeds/, templates/ if any) to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(src / "seeds", dest / "seeds")
    if (src / "templates").is_dir() and src != REPO:
        shutil.copytree(src / "templates", dest / "templates")
    (dest / "docs").mkdir(exist_ok=True)
    return dest


def write_book(root: Path, book_yml: str, sources: dict[str, str | bytes]) -> Path:
    """A book folder from a book.yml text and {file name: text}, with the standard mkdocs.yml."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "templates" / "scaffold" / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir(exist_ok=True)
    (root / "seeds" / "book.yml").write_text(book_yml, encoding="utf-8")
    for name, text in sources.items():
        path = root / "seeds" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``briefbook ARGS`` in this process; return exit code, stdout, stderr."""
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse exits on usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes, to compare before and after."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def example_book(tmp_path: Path) -> Path:
    """A private copy of the example book (the repository root)."""
    return copy_book(REPO, tmp_path / "example")


@pytest.fixture(scope="session")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example book built once with ``briefbook build --strict``; returns the book folder."""
    root = copy_book(REPO, tmp_path_factory.mktemp("built") / "example")
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    return root


@pytest.fixture(scope="session")
def built_second(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second test book (a different subject) built once, strict."""
    root = copy_book(BOOKS / "river", tmp_path_factory.mktemp("built") / "river")
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    return root


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for the whole session (imported late: only browser tests need Playwright)."""
    from tests.browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab at desktop size, with a short default timeout so a missing element fails fast."""
    from tests.browser import TIMEOUT_MS

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    yield tab
    context.close()


BookFactory = Callable[[str, dict[str, str | bytes]], Path]


@pytest.fixture
def make_book(tmp_path: Path) -> BookFactory:
    def factory(book_yml: str, sources: dict[str, str | bytes]) -> Path:
        return write_book(tmp_path / "book", book_yml, sources)

    return factory
