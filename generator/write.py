"""Stage 6: write the generated files into ``docs/`` without disturbing anything else.

Only files briefbook owns are touched: it remembers them in a manifest
(a dot-file, which MkDocs does not publish). A file whose bytes would not
change is not rewritten, so an unchanged book touches nothing and ``mkdocs
serve`` does not rebuild in a loop.

When something does change, ``docs/`` is never edited in place: a staging
copy next to it (hard links, so the user's own files cost nothing) gets the
changes, and is then swapped in with one atomic rename. A failure or a
``kill -9`` at any point leaves ``docs/`` exactly as it was, or exactly as it
should be; never half-written. The CLI's build stages ``site/`` the same way.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .base.errors import OutputError
from .model import OutputFile

MANIFEST = ".briefbook-manifest.json"
STAGE_PREFIX = ".briefbook-stage-"
#: Tests only: ``BRIEFBOOK_TEST_KILL=<point>`` makes the process SIGKILL itself at that point.
KILL_ENV = "BRIEFBOOK_TEST_KILL"


def crash_point(name: str) -> None:
    """Die here, as abruptly as a power cut, when a test asks for it (see :data:`KILL_ENV`)."""
    if os.environ.get(KILL_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


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


def _same(path: Path, content: bytes) -> bool:
    try:
        return path.is_file() and path.read_bytes() == content
    except OSError:
        return False


def write_docs(docs: Path, files: tuple[OutputFile, ...]) -> WriteReport:
    """Bring ``docs/`` to exactly ``files`` (plus the user's own files) and report what changed."""
    paths = [f.path for f in files]
    if len(set(paths)) != len(paths):
        raise OutputError(f"two pages claim the same path in docs/: {sorted(p for p in paths if paths.count(p) > 1)[0]}")
    check_ownership(docs, files)
    owned = _read_manifest(docs)
    changed = [f for f in files if not _same(docs / f.path, f.content)]
    stale = [p for p in sorted(owned - set(paths)) if (docs / p).is_file()]
    manifest = (json.dumps({"generator": "briefbook", "files": sorted(paths)}, indent=1) + "\n").encode()
    report = WriteReport(tuple(f.path for f in changed), tuple(stale), len(files) - len(changed))
    if not changed and not stale and _same(docs / MANIFEST, manifest):
        return report  # nothing to do: touch nothing
    with staged_copy(docs) as stage:
        for i, f in enumerate(changed):
            if i == len(changed) // 2:
                crash_point("docs-half-written")
            _atomic_write(stage / f.path, f.content)
        for path in stale:
            target = stage / path
            target.unlink()
            parent = target.parent
            while parent != stage and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        _atomic_write(stage / MANIFEST, manifest)
        crash_point("docs-staged")
        swap_in(stage, docs)
    return report


def _link_tree(src: Path, dest: Path) -> None:
    """Copy a folder as hard links (a real copy where linking is refused); symlinks stay symlinks."""
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames.sort()
        here = Path(dirpath)
        target_dir = dest / here.relative_to(src)
        target_dir.mkdir(exist_ok=True)
        for name in sorted(dirnames + filenames):
            source = here / name
            if source.is_symlink():
                os.symlink(os.readlink(source), target_dir / name)
                if name in dirnames:
                    dirnames.remove(name)  # copied as a link: do not descend into it
            elif name in filenames:
                try:
                    os.link(source, target_dir / name)
                except OSError:
                    shutil.copy2(source, target_dir / name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def clean_stale_stages(parent: Path) -> None:
    """Remove staging folders left by a run that was killed; a running build's stages are kept.

    A run killed between swapping in ``site/`` and ``docs/`` is completed
    first (see :func:`swap_together`), so the two never stay from different runs.
    """
    if not parent.is_dir():
        return
    finish_interrupted_swaps(parent)
    for leftover in sorted(parent.glob(STAGE_PREFIX + "*")):
        pid = leftover.name[len(STAGE_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def check_replaceable(folder: Path) -> None:
    """Refuse an output folder that a rename would break: a symbolic link, or a mount point.

    ``docs/`` and ``site/`` are replaced whole by renaming a staged copy over
    them. Over a symbolic link (a web root elsewhere) the rename would put a
    real folder where the link was and leave the target stale; a mount point
    (a container volume) cannot be renamed at all, so the build would fail
    after ``docs/`` was already swapped. Both are refused before anything is
    written, with where to build instead.
    """
    name = f"{folder.name}/"
    fix = f"set {'site_dir' if folder.name == 'site' else 'docs_dir'} in mkdocs.yml to a plain folder of the book"
    if folder.is_symlink():
        raise OutputError(
            f"{name}: is a symbolic link (to {os.readlink(folder)}): briefbook replaces {name} whole, which would"
            f" replace the link: remove the link, or {fix} and copy it where the link points"
        )
    if folder.is_dir() and is_mount_point(folder):
        raise OutputError(
            f"{name}: is a mount point: briefbook replaces {name} whole by a rename, which a mount point refuses:"
            f" {fix} and copy it into the mount"
        )


def is_mount_point(folder: Path) -> bool:
    """Whether ``folder`` is where another file system (or a bind mount) is mounted."""
    if os.path.ismount(folder):
        return True
    try:  # a bind mount of a folder of the same file system keeps st_dev; /proc knows it
        mounts = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    target = str(folder.resolve())
    return any(len(fields) > 4 and _unescape_mount(fields[4]) == target for fields in (line.split(" ") for line in mounts.splitlines()))


def _unescape_mount(path: str) -> str:
    """Mount points in /proc/self/mountinfo spell space, tab, newline and backslash as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        path = path.replace(code, char)
    return path


@contextmanager
def staged_copy(folder: Path) -> Iterator[Path]:
    """A private copy of ``folder`` next to it (same file system, so it can be renamed over it)."""
    check_replaceable(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_stages(folder.parent)
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-{folder.name}-", dir=folder.parent))
    try:
        if folder.is_dir():
            _link_tree(folder, stage)
            shutil.copymode(folder, stage)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(stage, 0o777 & ~umask)
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux's renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    return int(fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)) == 0


def swap_in(new: Path, live: Path) -> None:
    """Make ``new`` the ``live`` folder in one step; the old content ends up at ``new`` (then deleted)."""
    if not live.exists():
        os.rename(new, live)
        new.mkdir()  # the caller removes its stage folder
        return
    if _exchange(new, live):
        return
    # No atomic exchange (not Linux): two renames, with the old copy kept until the new one is in place.
    old = new.with_name(new.name + ".old")
    os.rename(live, old)
    os.rename(new, live)
    os.rename(old, new)


#: Written next to docs/ and site/ while they are swapped in; gone when both are.
SWAP_JOURNAL = ".briefbook-swap.json"
_POLITE_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def swap_together(pairs: list[tuple[Path, Path]]) -> None:
    """Swap several staged folders in (``(stage, live)``, all in one parent folder) as nearly as one step.

    Two folders cannot be renamed at once. Ctrl-C, ``kill`` and a closed
    terminal are held off for the few microseconds between the renames; a
    ``kill -9`` or a power cut there leaves the journal, and the next briefbook
    run that writes anything completes the swap before it does so. ``site/``
    goes first: a reader of the site never sees it older than ``docs/``.
    """
    parent = pairs[0][1].parent
    if any(live.parent != parent for _, live in pairs):  # docs_dir and site_dir in different folders: no journal
        for stage, live in pairs:
            swap_in(stage, live)
        return
    journal = {
        "pid": os.getpid(),
        "swaps": [{"stage": stage.name, "live": live.name, "inode": stage.stat().st_ino} for stage, live in pairs],
    }
    _atomic_write(parent / SWAP_JOURNAL, (json.dumps(journal, indent=1) + "\n").encode())
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _POLITE_SIGNALS)
    try:
        for i, (stage, live) in enumerate(pairs):
            if i:
                crash_point("between-swaps")
            swap_in(stage, live)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    (parent / SWAP_JOURNAL).unlink(missing_ok=True)


def finish_interrupted_swaps(parent: Path) -> None:
    """Complete the swaps a killed run journaled in ``parent`` but did not make; then forget the journal.

    Only names inside ``parent`` are touched: a live folder named in the
    journal, and a staging folder of the journal's own (dead) process still
    holding the very folder that was staged (same inode), so a journal planted
    in a book can at most swap in a folder that book could have shipped as is.
    """
    path = parent / SWAP_JOURNAL
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
        pid = int(journal["pid"])
        swaps = [(str(s["stage"]), str(s["live"]), int(s["inode"])) for s in journal["swaps"]]
    except (OSError, ValueError, KeyError, TypeError):
        return
    if pid != os.getpid() and _alive(pid):
        return  # that build is still swapping
    for stage_name, live_name, inode in swaps:
        if "/" in stage_name or "/" in live_name or not stage_name.startswith(f"{STAGE_PREFIX}{pid}-"):
            continue
        stage, live = parent / stage_name, parent / live_name
        try:
            if live.stat().st_ino == inode or stage.stat().st_ino != inode or stage.is_symlink():
                continue  # swapped already, or not the folder that was staged
        except OSError:
            continue
        swap_in(stage, live)
        shutil.rmtree(stage, ignore_errors=True)
    path.unlink(missing_ok=True)
