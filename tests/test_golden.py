"""Golden files: the generated Markdown of each book, reviewed by hand and committed.

Refresh after an intended change, then review the diff before committing:

    BRIEFBOOK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.pipeline import generate
from tests.conftest import BOOKS, REPO

GOLDEN = Path(__file__).resolve().parent / "golden"
BOOK_DIRS = {"example": REPO, "river": BOOKS / "river"}


@pytest.mark.parametrize("name", sorted(BOOK_DIRS))
def test_generated_markdown_matches_golden(name: str):
    files = {f.path: f.content for f in generate(BOOK_DIRS[name], write=False).files if f.path.endswith(".md")}
    expected_dir = GOLDEN / name
    if os.environ.get("BRIEFBOOK_UPDATE_GOLDEN"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for path, content in files.items():
            (expected_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / path).write_bytes(content)
    expected = {str(p.relative_to(expected_dir)): p.read_bytes() for p in sorted(expected_dir.rglob("*")) if p.is_file()}
    assert sorted(files) == sorted(expected), "pages added or removed: refresh the golden files and review"
    for path, content in files.items():
        assert content.decode() == expected[path].decode(), f"{name}/{path} differs from tests/golden"
