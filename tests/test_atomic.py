"""Nothing half-written: a build killed at any point leaves docs/ and site/ as they were.

The process is really killed (SIGKILL, no clean-up code runs): at named
points through the BRIEFBOOK_TEST_KILL hook, and at a few moments chosen by
the clock. Afterwards each folder must be byte for byte the old one or the
new one, never a mix, and the next build must succeed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.write import KILL_ENV, STAGE_PREFIX
from tests.conftest import BOOKS, copy_book, snapshot

State = tuple[dict[str, bytes], dict[str, bytes]]


def _state(root: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    return snapshot(root / "docs"), snapshot(root / "site")


def _edit(root: Path) -> None:
    """A change that alters pages on both sides: a new paragraph in the source."""
    source = next((root / "seeds").glob("*.txt"))
    stat = source.stat()
    source.write_text(source.read_text(encoding="utf-8") + "\nA late note about the weir and the town.\n", encoding="utf-8")
    os.utime(source, (stat.st_atime, stat.st_mtime + 86400))


def _run(root: Path, command: str, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", command, str(root), "--quiet"],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, State, State]:
    """A built book, its state, and the state the edited book builds to."""
    base = tmp_path_factory.mktemp("atomic")
    root = copy_book(BOOKS / "river", base / "book")
    assert main(["build", str(root), "--quiet"]) == 0
    old = _state(root)
    edited = base / "edited"
    shutil.copytree(root, edited, symlinks=True)
    _edit(edited)
    assert main(["build", str(edited), "--quiet"]) == 0
    new = _state(edited)
    assert old[0] != new[0] and old[1] != new[1]
    return root, old, new


def _fresh(states_: tuple[Path, object, object], tmp_path: Path) -> Path:
    root = tmp_path / "book"
    shutil.copytree(states_[0], root, symlinks=True)
    _edit(root)
    return root


@pytest.mark.parametrize(
    ("command", "point"),
    [
        ("generate", "docs-half-written"),
        ("generate", "docs-staged"),
        ("build", "docs-half-written"),
        ("build", "docs-staged"),
        ("build", "site-built"),
    ],
)
def test_a_process_killed_mid_write_leaves_both_folders_as_they_were(states, tmp_path: Path, command: str, point: str) -> None:  # type: ignore[no-untyped-def]
    root, old, new = states
    root = _fresh(states, tmp_path)
    process = _run(root, command, **{KILL_ENV: point})
    _, err = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL, err.decode()
    assert _state(root) == old
    # the next run cleans the dead run's staging folders and finishes the job
    assert main(["build", str(root), "--quiet"]) == 0
    assert _state(root) == new
    assert not [p for p in os.listdir(root) if p.startswith(STAGE_PREFIX)]


@pytest.mark.parametrize("delay", [0.4, 0.9, 1.4, 2.0])
def test_a_kill_at_any_moment_leaves_each_folder_old_or_new(states, tmp_path: Path, delay: float) -> None:  # type: ignore[no-untyped-def]
    _, old, new = states
    root = _fresh(states, tmp_path)
    process = _run(root, "build")
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=120)
    docs, site = _state(root)
    assert docs in (old[0], new[0])
    assert site in (old[1], new[1])
