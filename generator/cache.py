"""Skip the whole pipeline when none of its inputs changed since the last run.

The inputs of a generation are the files under ``seeds/`` (book.yml and the
sources), the templates (the book's own and briefbook's), and briefbook's own
code. Their bytes are hashed into a fingerprint; a run whose fingerprint
matches the last one reuses that run's :class:`~generator.pipeline.Result`
instead of reading, classifying and rendering again, and writes nothing as
long as ``docs/`` still holds exactly what that run wrote (same size and
modification time for every file it owns).

The last result lives twice: in memory, so that ``briefbook build`` and the
MkDocs plugin it starts do not generate twice in one process, and in
``.briefbook-cache`` at the top of the book folder (outside ``docs/``, so
MkDocs never publishes it), so a second ``briefbook generate`` is quick too.
The file is a pickle whose first line is the fingerprint; it is only
unpickled when that line matches. Like ``mkdocs.yml`` (whose hooks run
Python), the book folder is trusted: a cache written elsewhere is never read.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__

CACHE_FILE = ".briefbook-cache"
_CODE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Entry:
    """One remembered run: its fingerprint, its result, and the stat of every file it owns in docs/."""

    fingerprint: str
    result: Any  # a pipeline.Result (typed loosely: pipeline imports this module)
    stats: dict[str, tuple[int, int]] | None  # None: generated without writing, docs/ unknown


_memory: dict[Path, Entry] = {}


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def fingerprint(root: Path, template_dirs: list[Path]) -> str:
    """A hash of everything a generation reads: seeds/, the templates, briefbook's version and code."""
    digest = hashlib.sha256(f"briefbook {__version__}\n{root.resolve()}\n".encode())
    groups = [("seeds", root / "seeds"), *((f"templates{i}", d) for i, d in enumerate(template_dirs)), ("code", _CODE)]
    for name, folder in groups:
        for path in _files(folder):
            if name == "code" and path.suffix != ".py":
                continue
            try:
                data = path.read_bytes()
            except OSError:
                data = b"\0unreadable"
            digest.update(f"{name}/{path.relative_to(folder).as_posix()}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


def docs_stats(docs: Path, paths: list[str]) -> dict[str, tuple[int, int]]:
    """Size and modification time (ns) of each owned file; a missing file is left out."""
    out = {}
    for path in paths:
        try:
            st = os.stat(docs / path)
        except OSError:
            continue
        out[path] = (st.st_size, st.st_mtime_ns)
    return out


def intact(entry: Entry, docs: Path) -> bool:
    """Whether docs/ still holds exactly the files the remembered run wrote."""
    return entry.stats is not None and docs_stats(docs, list(entry.stats)) == entry.stats


def recall(root: Path, fp: str) -> Entry | None:
    """The remembered run with this fingerprint, from memory or from the cache file; else None."""
    key = root.resolve()
    entry = _memory.get(key)
    if entry is not None and entry.fingerprint == fp:
        return entry
    try:
        with open(root / CACHE_FILE, "rb") as handle:
            if handle.readline().decode("ascii", "replace").strip() != fp:
                return None
            entry = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(entry, Entry) or entry.fingerprint != fp:
        return None
    _memory[key] = entry
    return entry


def remember(root: Path, entry: Entry, *, to_disk: bool = True) -> None:
    """Keep ``entry`` in memory and, best effort, in the book's cache file."""
    _memory[root.resolve()] = entry
    if not to_disk:
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{CACHE_FILE}.", suffix=".tmp", dir=root)
    except OSError:  # a read-only book folder still builds, only not incrementally
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(entry.fingerprint.encode("ascii") + b"\n")
            pickle.dump(entry, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, root / CACHE_FILE)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def forget(root: Path, *, disk: bool = True) -> None:
    """Drop what is remembered about ``root``: in memory only (as a new process would), or also on disk."""
    _memory.pop(root.resolve(), None)
    if disk:
        (root / CACHE_FILE).unlink(missing_ok=True)
