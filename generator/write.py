"""Stage 6: write the generated files into ``docs/`` without disturbing anything else.

Only files briefbook owns are touched: it remembers them in a manifest
(a dot-file, which MkDocs does not publish). A file whose bytes would not
change is not rewritten, so an unchanged book touches nothing and ``mkdocs
serve`` does not rebuild in a loop. Each file is written to a temporary name
and renamed into place; every page is rendered before the first is written,
so an error in rendering leaves ``docs/`` as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError
from .model import OutputFile

MANIFEST = ".briefbook-manifest.json"


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def _read_manifest(docs: Path) -> set[str]:
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
        return {str(p) for p in data.get("files", [])}
    except (OSError, ValueError, AttributeError):
        return set()


def _atomic_write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_ownership(docs: Path, files: tuple[OutputFile, ...]) -> None:
    """Refuse to overwrite a user's own file that happens to sit where a page would go."""
    owned = _read_manifest(docs)
    clashes = [f.path for f in files if f.path not in owned and (docs / f.path).exists()
               and (docs / f.path).read_bytes() != f.content]
    if clashes:
        raise OutputError(
            f"docs/{clashes[0]}: exists and was not written by briefbook: move it away or rename the theme or source that needs this page"
        )


def write_docs(docs: Path, files: tuple[OutputFile, ...]) -> WriteReport:
    """Bring ``docs/`` to exactly ``files`` (plus the user's own files) and report what changed."""
    paths = [f.path for f in files]
    if len(set(paths)) != len(paths):
        raise OutputError(f"two pages claim the same path in docs/: {sorted(p for p in paths if paths.count(p) > 1)[0]}")
    check_ownership(docs, files)
    owned = _read_manifest(docs)
    written, unchanged = [], 0
    for f in files:
        target = docs / f.path
        try:
            if target.is_file() and target.read_bytes() == f.content:
                unchanged += 1
                continue
        except OSError:
            pass
        _atomic_write(target, f.content)
        written.append(f.path)
    removed = []
    for stale in sorted(owned - set(paths)):
        target = docs / stale
        if target.is_file():
            target.unlink()
            removed.append(stale)
            parent = target.parent
            while parent != docs and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    manifest = (json.dumps({"generator": "briefbook", "files": sorted(paths)}, indent=1) + "\n").encode()
    if not (docs / MANIFEST).is_file() or (docs / MANIFEST).read_bytes() != manifest:
        _atomic_write(docs / MANIFEST, manifest)
    return WriteReport(tuple(written), tuple(removed), unchanged)
