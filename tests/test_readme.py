"""The README tells the truth: its book.yml reference is the schema the code validates."""

from __future__ import annotations

from generator.config import reference_table
from tests.conftest import REPO


def test_readme_reference_matches_the_declared_schema():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert reference_table() in readme, "refresh the table: .venv/bin/python -m generator.config"


def test_readme_first_screen_has_the_two_commands_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_screen = "\n".join(readme.splitlines()[:40])
    assert "make book" in first_screen and "make test" in first_screen
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
