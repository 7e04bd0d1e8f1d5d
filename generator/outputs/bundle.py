"""``briefbook bundle``: the book as one zip that works from disk, with no network.

The hosted site is built as it is; the bundle is a separate MkDocs build into
a temporary folder with Material's ``offline`` plugin switched on for that
build only: it turns off directory URLs (``a.html``, not ``a/``, which a
browser cannot resolve on disk) and inlines the search index into a script.

Search still needs a Web Worker, which Chromium will not start from
``file://``. The offline plugin would add a shim from a CDN for that; listing
our own shim (``templates/assets/iframe-worker.js``) under ``extra.polyfills``
makes the plugin skip the CDN, so nothing is fetched when the bundle is built
or read. The zip is deterministic: entries sorted, timestamps fixed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from ..base.console import quiet_mkdocs
from ..base.errors import OutputError
from ..base.shipped import BUILTIN_TEMPLATES
from ..base.slugs import slugify

#: Where the shim lands in the built site; the path must contain "iframe-worker"
#: for Material's offline plugin to leave its CDN copy out.
SHIM = "assets/javascripts/briefbook-iframe-worker.js"
#: Files of the build that mean nothing on disk: the sitemap lists web addresses, the 404 page is
#: for a web server (its links start at the server's root), source maps are for debuggers.
_LEAVE_OUT = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: the same bytes on every run


def book_slug(root: Path) -> str:
    """The file name stem of the book's outputs, from its title (``book`` if the title has no Latin letters)."""
    from ..config import load_book_config

    return slugify(load_book_config(root).title) or "book"


def build_offline(root: Path, site_dir: Path, *, strict: bool = False) -> None:
    """Build the book in ``root`` into ``site_dir`` as a site that works from ``file://``."""
    from material.plugins.offline.plugin import OfflinePlugin  # type: ignore[import-untyped]
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from ..base.diskerrors import mkdocs_page_errors_held
    from ..pipeline import generate

    generate(root)  # a bad book is one line before MkDocs starts; docs/ exists for MkDocs to check
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        offline = OfflinePlugin()
        offline.load_config({"enabled": True})
        config.plugins["material/offline"] = offline
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), SHIM]
        config.repo_url = None  # Material would ask the forge's API for stars and forks
        with mkdocs_page_errors_held():
            build(config)
    except MkDocsException as err:
        raise OutputError(f"MkDocs build of the offline bundle failed: {err}") from None
    shutil.copyfile(BUILTIN_TEMPLATES / "assets" / "iframe-worker.js", site_dir / SHIM)


def write_zip(site_dir: Path, target: Path, folder: str) -> int:
    """Zip ``site_dir`` under ``folder/`` into ``target`` (atomically); return the number of files."""
    files = sorted(
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*")
        if p.is_file() and p.relative_to(site_dir).as_posix() not in _LEAVE_OUT and p.suffix != ".map"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for name in files:
                info = zipfile.ZipInfo(f"{folder}/{name}", date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 3  # Unix, so the mode above is read as one
                archive.writestr(info, (site_dir / name).read_bytes())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(files)


def bundle(root: Path) -> tuple[Path, int]:
    """Write ``root/dist/<slug>-offline.zip``; return its path and how many files it holds."""
    name = f"{book_slug(root)}-offline"
    with tempfile.TemporaryDirectory(prefix="briefbook-bundle-") as tmp:
        site = Path(tmp) / name
        build_offline(root, site)
        target = root / "dist" / f"{name}.zip"
        count = write_zip(site, target, name)
    return target, count


def cmd_bundle(args: argparse.Namespace) -> int:

    start = time.perf_counter()
    quiet_mkdocs(args.verbose)
    target, count = bundle(args.dir)
    if not args.quiet:
        size = target.stat().st_size
        seconds = time.perf_counter() - start
        print(f"{target} ({size / 1e6:.1f} MB, {count} files) in {seconds:.2f} s: unzip it anywhere and open index.html")
    return 0
