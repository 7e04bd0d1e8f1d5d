#!/usr/bin/env python3
"""Time ``briefbook bundle`` and ``briefbook pdf`` on the example book and the second test book.

Each command runs as a user would run it (a fresh process, in a copy of the
book), so the times include starting Python, MkDocs and Chromium.
Usage: .venv/bin/python bench/outputs.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BOOKS = {"example": REPO, "river": REPO / "tests" / "books" / "river"}


def _copy(src: Path, dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copyfile(src / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(src / "seeds", dest / "seeds")
    return dest


def _pages(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return next(line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Pages:"))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="briefbook-bench-") as tmp:
        for name, src in BOOKS.items():
            root = _copy(src, Path(tmp) / name)
            for command in ("bundle", "pdf"):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "generator", command, str(root), "--quiet"], check=True)
                seconds = time.perf_counter() - start
                (made,) = (root / "dist").glob("*.zip" if command == "bundle" else "*.pdf")
                extra = f", {_pages(made)} pages" if command == "pdf" else ""
                print(f"{name:8} {command:6} {seconds:6.2f} s  {made.name} ({made.stat().st_size / 1000:.0f} kB{extra})")


if __name__ == "__main__":
    main()
