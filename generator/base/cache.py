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

The fingerprint stored with a result is made from the bytes the run actually
parsed (see :mod:`generator.base.inputs`), not from a look at the disk before it:
a source edited while the run read it is stored under its new text. Files
over :data:`MAX_HASHED_BYTES` (a stray video in ``seeds/``) count by size and
modification time instead of being read whole.

The cache file is a pickle, and unpickling runs code: a book folder someone
else wrote could plant one. So the file carries an HMAC of its contents,
keyed by a secret that lives outside every book (``$XDG_CACHE_HOME/briefbook/
cache-key``, made on first use, readable by its owner only), and it is only
unpickled when that HMAC checks out. Without a usable key nothing is cached on
disk; the in-memory cache still works.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__

CACHE_FILE = ".briefbook-cache"
_CODE = Path(__file__).resolve().parent.parent  # the whole package


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


#: Files larger than this are fingerprinted by size and modification time, not read.
MAX_HASHED_BYTES = 64 * 1024 * 1024


def fingerprint(root: Path, template_dirs: list[Path], read: dict[str, str] | None = None) -> str:
    """A hash of everything a generation reads: seeds/, the templates, briefbook's version and code.

    ``read`` maps resolved paths to the SHA-256 of the bytes a run parsed (from
    :func:`generator.base.inputs.recording`); those digests stand in for the files'
    current contents, so the fingerprint describes what the result was made from.
    """
    digest = hashlib.sha256(f"briefbook {__version__}\n{root.resolve()}\n".encode())
    groups = [("seeds", root / "seeds"), *((f"templates{i}", d) for i, d in enumerate(template_dirs)), ("code", _CODE)]
    for name, folder in groups:
        for path in _files(folder):
            if name == "code" and path.suffix != ".py":
                continue
            digest.update(f"{name}/{path.relative_to(folder).as_posix()}\0{_file_digest(path, read or {})}\n".encode())
    return digest.hexdigest()


def _file_digest(path: Path, read: dict[str, str]) -> str:
    try:
        st = path.stat()
        if st.st_size > MAX_HASHED_BYTES:
            return f"size {st.st_size} mtime {st.st_mtime_ns}"
        recorded = read.get(str(path.resolve()))
        return recorded if recorded is not None else hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


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


#: Where the cache's key lives: outside any book, private to the user.
KEY_ENV = "BRIEFBOOK_CACHE_KEY_FILE"


def _key_file() -> Path:
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefbook" / "cache-key"


def _key(root: Path) -> bytes | None:
    """The secret that signs cache files, made on first use; None when it cannot be had (or would sit in the book)."""
    path = _key_file()
    try:
        if path.resolve().is_relative_to(root.resolve()):
            return None  # a key inside the book is a key its author could know
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=".cache-key.", dir=path.parent)  # mode 0600
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(os.urandom(32).hex().encode("ascii"))
                os.link(tmp, path)  # appears whole or not at all; a concurrent run's key wins
            except FileExistsError:
                pass
            finally:
                os.unlink(tmp)
        key = path.read_bytes().strip()
    except (OSError, RuntimeError):
        return None
    return key if len(key) >= 32 else None


def _seal(key: bytes, fp: str, payload: bytes) -> bytes:
    return hmac.new(key, fp.encode("ascii") + b"\n" + payload, hashlib.sha256).hexdigest().encode("ascii")


def recall(root: Path, fp: str) -> Entry | None:
    """The remembered run with this fingerprint, from memory or from the cache file; else None.

    The file is unpickled only when its HMAC, under the user's own key, matches:
    a cache planted in someone else's book is ignored, never loaded.
    """
    key = root.resolve()
    entry = _memory.get(key)
    if entry is not None and entry.fingerprint == fp:
        return entry
    entry = _load(root, fp)
    if entry is not None:
        _memory[key] = entry
    return entry


def _load(root: Path, fp: str | None) -> Entry | None:
    """The run in the book's cache file, if its seal checks out (and its fingerprint is ``fp``, unless None)."""
    secret = _key(root)
    if secret is None:
        return None
    try:
        with open(root / CACHE_FILE, "rb") as handle:
            stored = handle.readline().decode("ascii", "replace").strip()
            if fp is not None and stored != fp:
                return None
            seal = handle.readline().strip()
            payload = handle.read()
        if not hmac.compare_digest(seal, _seal(secret, stored, payload)):
            return None
        entry = pickle.loads(payload)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(entry, Entry) or entry.fingerprint != stored:
        return None
    return entry


@functools.cache
def code_digest() -> bytes:
    """briefbook's version and the bytes of its code, as this process loaded them (hashed once per process).

    Whatever an earlier run remembered and a later one reuses must have been made by the same code.
    """
    digest = hashlib.sha256(f"briefbook {__version__}\n".encode())
    for path in _files(_CODE):
        if path.suffix == ".py":
            digest.update(f"{path.relative_to(_CODE).as_posix()}\t".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def recall_last(root: Path) -> Entry | None:
    """The last remembered run, whatever its fingerprint: from memory, else from the cache file if its seal checks out.

    For what an earlier run can lend a changed book (its rendered pages, see :class:`generator.render.PageMemo`),
    never to stand for the book's result.
    """
    entry = _memory.get(root.resolve())
    return entry if entry is not None else _load(root, None)


def remember(root: Path, entry: Entry, *, to_disk: bool = True) -> None:
    """Keep ``entry`` in memory and, best effort, in the book's cache file (signed; see :func:`recall`)."""
    _memory[root.resolve()] = entry
    secret = _key(root) if to_disk else None
    if secret is None:
        return
    payload = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{CACHE_FILE}.", suffix=".tmp", dir=root)
    except OSError:  # a read-only book folder still builds, only not incrementally
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(entry.fingerprint.encode("ascii") + b"\n" + _seal(secret, entry.fingerprint, payload) + b"\n")
            handle.write(payload)
        os.replace(tmp, root / CACHE_FILE)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def forget(root: Path, *, disk: bool = True) -> None:
    """Drop what is remembered about ``root``: in memory only (as a new process would), or also on disk."""
    _memory.pop(root.resolve(), None)
    _findings_memory.pop(root.resolve(), None)
    _findings_unsaved.discard(root.resolve())
    if disk:
        (root / CACHE_FILE).unlink(missing_ok=True)
        (root / FINDINGS_FILE).unlink(missing_ok=True)


# --- findings per source --------------------------------------------------------------------------------
#
# The extraction's map results (see generator.extract.sources), one per source, keyed by a digest of what the
# map read of that source and of the rules. They outlive the run's Result: after one source is edited the
# fingerprint above no longer matches, but every other source's findings still do, and only the edited source is
# read again. Kept in their own file, signed like the cache file and unpickled only when the seal checks out.

FINDINGS_FILE = ".briefbook-findings"
_FINDINGS_LABEL = f"briefbook {__version__} findings"
_findings_memory: dict[Path, dict[str, Any]] = {}
_findings_unsaved: set[Path] = set()  # remembered in memory since last written


def recall_findings(root: Path) -> dict[str, Any]:
    """The per-source findings remembered for this book (a copy: the caller may change it), or {}."""
    key = root.resolve()
    if key in _findings_memory:
        return dict(_findings_memory[key])
    secret = _key(root)
    if secret is None:
        return {}
    try:
        with open(root / FINDINGS_FILE, "rb") as handle:
            if handle.readline().decode("ascii", "replace").strip() != _FINDINGS_LABEL:
                return {}
            seal = handle.readline().strip()
            payload = handle.read()
        if not hmac.compare_digest(seal, _seal(secret, _FINDINGS_LABEL, payload)):
            return {}
        found = pickle.loads(payload)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    _findings_memory[key] = found
    return dict(found)


def remember_findings(root: Path, found: dict[str, Any]) -> None:
    """Keep the per-source findings in memory, to be stored on disk by :func:`store_findings`."""
    _findings_memory[root.resolve()] = dict(found)
    _findings_unsaved.add(root.resolve())


def store_findings(root: Path) -> None:
    """Write the findings remembered in memory to the book's signed findings file, if they changed (best effort)."""
    key = root.resolve()
    if key not in _findings_unsaved:
        return
    _findings_unsaved.discard(key)
    secret = _key(root)
    if secret is None:
        return
    payload = pickle.dumps(_findings_memory[key], protocol=pickle.HIGHEST_PROTOCOL)
    label = _FINDINGS_LABEL.encode("ascii")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{FINDINGS_FILE}.", suffix=".tmp", dir=root)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(label + b"\n" + _seal(secret, _FINDINGS_LABEL, payload) + b"\n")
            handle.write(payload)
        os.replace(tmp, root / FINDINGS_FILE)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
