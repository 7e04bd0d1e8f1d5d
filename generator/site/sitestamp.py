"""Skip MkDocs when the site it would build is already there.

After a successful ``briefbook build`` a stamp is written next to the book's
cache: one digest of everything that build depended on (the generation's
fingerprint, MkDocs' loaded configuration, the versions of the packages that
render the site, the edition date, ``--strict``) and of the size and
modification time of every file then in ``docs/``, ``site/`` and the theme's
``custom_dir`` and hook files. The next build computes the same digest; when it
matches, ``site/`` still holds exactly what that build wrote, from the same
inputs, and MkDocs is not run.

Checking costs a walk over those folders with ``stat`` (no file is read) and a
hash of the configuration: milliseconds for a book of a thousand sources,
against a build of minutes. A stamp is only ever compared, never executed, so
a stamp someone else wrote can at worst name a site that is already there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

STAMP_FILE = ".briefbook-build"

#: The packages whose code turns docs/ into site/: a new version may write different HTML.
_RENDERERS = ("briefbook", "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")


def _versions() -> list[str]:
    out = []
    for name in _RENDERERS:
        try:
            out.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name} absent")
    return out


def _plain(value: Any) -> Any:
    """A configuration value as JSON can hold it; an object MkDocs made (a plugin, the theme) by its settings."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "config"):  # a plugin: its class and its own settings
        return {"class": type(value).__qualname__, "config": _plain(value.config)}
    return type(value).__qualname__  # nothing else in a config changes between two loads of one mkdocs.yml


def tree(folder: Path) -> list[str]:
    """``path size mtime`` of every file under ``folder``, sorted; one stat per file, no file read."""
    out = []
    stack = [folder]
    while stack:  # iterative: a deep tree cannot exhaust the recursion limit
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            out.append(f"{Path(entry.path).relative_to(folder).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}")
    return sorted(out)


@dataclass(frozen=True)
class BuildInputs:
    """What a build depends on besides the files on disk: taken from MkDocs' configuration before the build changes it."""

    digest: str  # of the generation's fingerprint, the configuration, the versions, the edition, --strict
    folders: tuple[tuple[str, str], ...]  # (name, path) of docs_dir, site_dir and the theme's custom_dir
    hooks: tuple[str, ...]

    @staticmethod
    def of(fingerprint: str, config: Any, *, strict: bool, edition: dt.date) -> BuildInputs:
        theme = config.get("theme")
        folders = {"docs": config["docs_dir"], "site": config["site_dir"]}
        if custom := getattr(theme, "custom_dir", None):
            folders["custom_dir"] = custom
        settings = {key: _plain(value) for key, value in config.items() if key not in ("plugins", "theme")}
        settings["plugins"] = {name: _plain(plugin) for name, plugin in sorted(config["plugins"].items())}
        settings["theme"] = {"name": getattr(theme, "name", None), "dirs": list(getattr(theme, "dirs", [])), "vars": _plain(theme)}
        header = {
            "fingerprint": fingerprint,
            "strict": strict,
            "edition": edition.isoformat(),
            "versions": _versions(),
            "config": settings,
        }
        digest = hashlib.sha256(json.dumps(header, sort_keys=True, default=str).encode("utf-8", "surrogateescape")).hexdigest()
        hooks = tuple(sorted(str(h) for h in (config.get("hooks") or [])))
        return BuildInputs(digest, tuple(sorted((k, str(Path(v).resolve())) for k, v in folders.items())), hooks)

    def stamp(self) -> str:
        """The digest naming this build: its inputs, and what is on disk now in the folders MkDocs reads and writes."""
        digest = hashlib.sha256(self.digest.encode("ascii"))
        for name, folder in self.folders:
            digest.update(f"\n[{name}] {folder}\n".encode("utf-8", "surrogateescape"))
            digest.update("\n".join(tree(Path(folder))).encode("utf-8", "surrogateescape"))
        for hook in self.hooks:
            try:
                st = os.stat(hook)
                digest.update(f"\n[hook] {hook}\0{st.st_size}\0{st.st_mtime_ns}".encode("utf-8", "surrogateescape"))
            except OSError:
                digest.update(f"\n[hook] {hook} missing".encode("utf-8", "surrogateescape"))
        return digest.hexdigest()


def unchanged(root: Path, current: str) -> bool:
    """Whether the last successful build of ``root`` left this very stamp (and so this very site)."""
    try:
        return (root / STAMP_FILE).read_text(encoding="ascii").strip() == current
    except (OSError, UnicodeDecodeError):
        return False


def record(root: Path, current: str) -> None:
    """Remember a successful build; best effort (a read-only book folder simply builds every time)."""
    tmp = root / f"{STAMP_FILE}.{os.getpid()}.tmp"
    try:
        tmp.write_text(current + "\n", encoding="ascii")
        os.replace(tmp, root / STAMP_FILE)
    except OSError:
        tmp.unlink(missing_ok=True)


def forget(root: Path) -> None:
    """Drop the stamp before a build starts: a build that fails half-way must not look finished."""
    with contextlib.suppress(OSError):
        (root / STAMP_FILE).unlink()
