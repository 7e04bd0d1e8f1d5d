"""The wheel carries the templates, and an installed briefbook builds a book outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import BOOKS, REPO, copy_book


def test_wheel_ships_templates_and_builds_a_book(tmp_path: Path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--disable-pip-version-check", "-w", str(wheels), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("briefbook-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("theme.md.j2", "index.md.j2", "source.md.j2", "scaffold/mkdocs.yml", "assets/briefbook.css"):
        assert f"generator/templates/{template}" in names
    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    book = copy_book(BOOKS / "river", tmp_path / "river")
    env = {**os.environ, "PYTHONPATH": str(target), "NO_MKDOCS_2_WARNING": "1"}
    probe = subprocess.run([sys.executable, "-c", "import generator.render as r; print(r.BUILTIN_TEMPLATES)"],
                           env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert probe.stdout.strip().startswith(str(target))
    run = subprocess.run([sys.executable, "-m", "generator", "build", str(book), "--strict", "--quiet"],
                         env=env, cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (book / "site" / "ecology" / "index.html").is_file()


def test_plain_mkdocs_build_runs_the_generator(tmp_path: Path):
    book = copy_book(BOOKS / "river", tmp_path / "river")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=book, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (book / "docs" / "ecology.md").is_file()
    assert "River ecology" in (book / "site" / "ecology" / "index.html").read_text(encoding="utf-8")
