"""``briefbook serve``: a live preview that rebuilds only the pages an edit changed.

A save under ``seeds/`` regenerates the book (see :mod:`generator.pipeline`:
only the Markdown files whose bytes changed are rewritten, so the others keep
their modification time). MkDocs then runs a *dirty* build: it reads, renders
and writes only the pages whose Markdown is newer than their HTML. What a
dirty build alone gets wrong is put right here:

* The pages it skips are not read, so pages that show other pages (the print
  page, the footer's previous/next titles, anchor checks) would see them empty:
  each skipped page gets back what the last build made of it (:meth:`Preview.restore`).
* Material's search keeps, across dirty builds, the entries of *one* page and
  drops the others' (or, for the Home page, everyone's): the index is written
  again here from every page's latest entries.
* When the nav, a nav page's title, the set of pages, ``mkdocs.yml`` or the
  theme's overrides change, every page can change: that rebuild is a full,
  clean one, as ``mkdocs serve`` does.
* Writing ``docs/`` wakes the watcher again; a rebuild whose inputs and
  output are what the last one left is skipped (the build stamp of
  :mod:`generator.site.sitestamp`).

``briefbook build`` never goes through here: it stays one complete, clean build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from ..base import console
from ..base.errors import BriefbookError
from ..base.reproducible import book_date
from ..pipeline import Result, generate
from ..render import nav_pages
from . import sitestamp

#: Set to a file name, ``briefbook serve`` appends one JSON line per rebuild: when it started,
#: how long generation and MkDocs took, whether it was incremental (the benchmark reads it).
LOG_ENV = "BRIEFBOOK_SERVE_LOG"
log = logging.getLogger("mkdocs.briefbook")
#: Seconds without a change after which pages held back from a dirty build (the print page) are recomposed.
CATCH_UP_AFTER = 3.0


@dataclass
class PageState:
    """What a build made of one page: enough for a later dirty build to show it without reading it again."""

    content: str
    toc: Any
    meta: dict[str, Any]
    title: str | None
    title_from_render: str | None
    anchors: set[str] | None
    update_date: str  # the sitemap's lastmod: the book's date, which a change of makes the rebuild a full one


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per session, not once per rebuild (MkDocs makes a new Jinja
    environment for every build). Jinja checks each template's source against its checksum, so an
    edited template override is compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class Preview:
    """What one ``briefbook serve`` session remembers between rebuilds; the plugin calls it during each build."""

    def __init__(self) -> None:
        self.pages: dict[str, PageState] = {}  # by src_uri
        self.search: dict[str, list[dict[str, Any]]] = {}  # a page's search entries, by src_uri
        self.incremental = False  # this build is a dirty one
        self.built = 0  # pages MkDocs rendered in this build
        self.stale = False  # pages made from every other page were left as they were (see hold_generated)
        self.catching_up = False  # this build brings those pages up to date
        self.due = False  # the author has paused (set by a timer): time to catch up
        self._indexed = 0
        self.files: Any = None  # this build's files

    def start(self, incremental: bool, *, catch_up: bool = False) -> None:
        self.catching_up = incremental and self.stale and catch_up
        if self.catching_up or not incremental:
            self.stale = False
        self.incremental = incremental
        self.built = 0
        self._indexed = 0
        if not incremental:
            self.pages.clear()
            self.search.clear()

    def hold_generated(self, files: Any) -> None:
        """In a dirty build, keep the pages made from every other page (the print version) as they are.

        Composing the print version parses every page's HTML again: seconds for
        a big book, for pages nobody reads while editing. They are marked stale
        and recomposed by a rebuild of their own once the author pauses
        (:data:`CATCH_UP_AFTER`). The plugin composes only pages it generated, so
        a held page is, for this build, not one it generated.
        """
        self.files = files
        if not self.incremental or self.catching_up:
            return
        for file in files.documentation_pages():
            if file.generated_by and file.src_uri in self.pages:
                file.is_modified = _unmodified
                file.generated_by = None
                self.stale = True

    def restore(self, files: Any, config: Any) -> None:
        """Give each page a dirty build will skip what the last build made of it (before any page is read)."""
        if not self.incremental:
            return
        from mkdocs.structure.pages import Page

        for file in files.documentation_pages():
            state = self.pages.get(file.src_uri)
            if state is None or file.is_modified():
                continue
            page = file.page if file.page is not None else Page(None, file, config)  # as MkDocs makes pages outside the nav
            page.content, page.toc, page.meta = state.content, state.toc, state.meta
            page._title_from_render = state.title_from_render
            if state.title is not None:
                page.title = state.title
            page.present_anchor_ids = state.anchors
            page.update_date = state.update_date
            page.links_to_anchors = None  # checked when the page was built

    def keep(self, page: Any, config: Any) -> None:
        """Remember a page MkDocs has just rendered, and the search entries Material's search made of it."""
        self.built += 1
        search = config.plugins.get("material/search") or config.plugins.get("search")
        entries = getattr(getattr(search, "search_index", None), "entries", None)
        if isinstance(entries, list):
            self.search[page.file.src_uri] = entries[self._indexed :]
            self._indexed = len(entries)
        self.pages[page.file.src_uri] = PageState(
            page.content, page.toc, page.meta, page.__dict__.get("title"), page._title_from_render, page.present_anchor_ids,
            page.update_date,
        )

    def write_search_index(self, site_dir: str) -> None:
        """Rewrite the search index of a dirty build with every page's latest entries, in the pages' order."""
        files = self.files
        if not self.incremental or files is None:
            return
        path = Path(site_dir) / "search" / "search_index.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))  # small: only the pages this build rendered
        except (OSError, ValueError):
            return
        data["docs"] = [entry for file in files.documentation_pages() for entry in self.search.get(file.src_uri, ())]
        path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")


def _compiled_once(env: Any, templates: CompiledTemplates) -> Any:
    env.bytecode_cache = templates
    return env


def _unmodified() -> bool:
    return False


def structure(result: Result, config: Any) -> str:
    """A digest of what every page shows of the others: the nav and its pages' titles, the list of pages, the
    MkDocs configuration and the theme's overrides. When it changes, a rebuild must be a full one."""
    titles = {f.path: f.content.split(b"\n", 1)[0] for f in result.files if f.path.endswith(".md")}
    docs = Path(config["docs_dir"])
    pages = sorted(
        os.path.relpath(os.path.join(folder, name), docs)
        for folder, _, names in os.walk(docs)
        for name in names
        if not name.startswith(".")
    )
    inputs = sitestamp.BuildInputs.of("", config, strict=False, edition=book_date(result.config).date())
    digest = hashlib.sha256(inputs.digest.encode("ascii"))
    digest.update(json.dumps(result.nav, sort_keys=True).encode())
    digest.update(b"\0".join(titles[path] for path in nav_pages(result.nav) if path in titles))
    digest.update("\0".join(pages).encode("utf-8", "surrogateescape"))
    for name, folder in inputs.folders:
        if name not in ("docs", "site"):
            digest.update("\n".join(sitestamp.tree(Path(folder))).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


#: Plugins known to be right in a dirty build as :class:`Preview` completes it. Another plugin may
#: gather something from every page as it is read (a tags index, a blog's archive), which a
#: dirty build does not do: with one configured, or a hook, every rebuild is a full one.
DIRTY_SAFE_PLUGINS = frozenset({"search", "material/search", "briefbook"})


def dirty_safe(config: Any) -> bool:
    """Whether a dirty build of this configuration, completed by :class:`Preview`, shows every page right."""
    return set(config.plugins) <= DIRTY_SAFE_PLUGINS and not config.get("hooks")


def _log(entry: dict[str, Any]) -> None:
    path = os.environ.get(LOG_ENV)
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, sort_keys=True) + "\n")
    except OSError:
        pass


def serve(root: Path, config_file: str, dev_addr: str) -> None:
    """Build the book into a temporary folder, serve it on ``dev_addr`` and rebuild what each change needs."""
    from mkdocs.config import load_config

    site_dir = tempfile.mkdtemp(prefix="briefbook-serve-")
    stopped = signal.signal(signal.SIGTERM, _stop)  # 'kill' stops the server as Ctrl-C does: its temporary site goes too
    try:
        config = load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)
        config.plugins.on_startup(command="serve", dirty=False)  # Material's search keeps no index across builds
        try:
            _serve(root, config, lambda: load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr))
        finally:
            config.plugins.on_shutdown()
    finally:
        signal.signal(signal.SIGTERM, stopped)
        shutil.rmtree(site_dir, ignore_errors=True)


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _serve(root: Path, first: Any, load: Callable[[], Any]) -> None:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort
    from mkdocs.livereload import LiveReloadServer

    preview = Preview()
    templates = CompiledTemplates()
    last = {"structure": "", "stamp": ""}
    logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)
    host, port = first.dev_addr
    site_dir = first.site_dir
    server = LiveReloadServer(
        builder=lambda: builder(), host=host, port=port, root=site_dir, mount_path=urlsplit(first.site_url or "/").path
    )
    server.error_handler = lambda code: _error_page(site_dir, code)
    server.observer = _observer(server.observer)

    def builder(config: Any = None) -> None:
        started, clock, cpu = time.time(), time.perf_counter(), time.process_time()
        paused = preview.due  # woken by the catch-up timer, not by an edit
        preview.due = False
        config = config or load()
        config.site_url = server.url
        try:
            result = generate(root, docs=Path(config.docs_dir))
        except BriefbookError as err:
            raise Abort(console.error_line(str(err), sys.stderr)) from None
        generated, generated_cpu = time.perf_counter(), time.process_time()
        shape = structure(result, config)
        incremental = bool(last["structure"]) and shape == last["structure"] and dirty_safe(config)
        inputs = sitestamp.BuildInputs.of(result.fingerprint, config, strict=False, edition=book_date(result.config).date())
        if incremental and inputs.stamp() == last["stamp"] and not (preview.stale and paused):
            _log({"started": started, "skipped": True, "generate_s": round(generated - clock, 3)})
            return  # woken by our own writes to docs/: the site is already what they make
        last["structure"] = ""  # a build that fails half-way leaves the site half-updated: the next is a full one
        plugin = config.plugins.get("briefbook")
        if plugin is not None:
            plugin.preview = preview
        preview.start(incremental, catch_up=paused)
        make_env = config.theme.get_env
        config.theme.get_env = lambda: _compiled_once(make_env(), templates)
        if incremental:  # the 404 page shows only the nav, which has not changed
            config.theme.static_templates.discard("404.html")
        build(config, serve_url=server.url, dirty=incremental)
        last["structure"], last["stamp"] = shape, inputs.stamp()
        _log({
            "started": started,
            "incremental": incremental,
            "print_page": "recomposed" if preview.catching_up or not incremental else "held" if preview.stale else "unchanged",
            "generate_s": round(generated - clock, 3),
            "generate_cpu_s": round(generated_cpu - cpu, 3),
            "mkdocs_s": round(time.perf_counter() - generated, 3),
            "mkdocs_cpu_s": round(time.process_time() - generated_cpu, 3),
            "total_s": round(time.perf_counter() - clock, 3),
            "cpu_s": round(time.process_time() - cpu, 3),
            "pages_built": preview.built,
            "docs_written": len(result.report.written) if result.report else 0,
            "ended": time.time(),
        })
        if preview.stale:
            timer[0].cancel()
            preview.due = False
            timer[0] = threading.Timer(CATCH_UP_AFTER, catch_up)
            timer[0].daemon = True
            timer[0].start()
        how = "the print page" if preview.catching_up else "only the changed pages" if incremental else "every page"
        log.info(f"briefbook: rebuilt {how} ({preview.built}) in {time.perf_counter() - clock:.1f} s")

    def catch_up() -> None:
        preview.due = True
        wake(server)

    timer = [threading.Timer(0, lambda: None)]
    builder(first)
    server.watch(first.docs_dir)
    server.watch(first.config_file_path)
    server = first.plugins.on_serve(server, config=first, builder=builder)  # ours watches seeds/ and templates/
    for path in first.watch:
        server.watch(path)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        timer[0].cancel()
        server.shutdown()


def _observer(polling: Any) -> Any:
    """The file-system watcher: the kernel's notifications where there are any, else MkDocs' polling.

    Polling stats every watched file twice a second: up to half a second
    before an edit is noticed, and a steady load on a book of thousands of files.
    Only changes wake the server: with the kernel's notifications, merely
    reading a file (as every rebuild does) would wake it again and again.
    """
    try:
        import inspect

        from watchdog import events
        from watchdog.observers import Observer  # inotify on Linux, FSEvents on macOS, kqueue on BSD
    except ImportError:
        return polling
    platform: Any = Observer
    if "event_filter" not in inspect.signature(platform.schedule).parameters:  # watchdog before 4.0
        return polling
    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileMovedEvent, events.FileDeletedEvent]

    class ChangesOnly(platform):  # type: ignore[misc]
        def schedule(self, handler: Any, path: Any, *, recursive: bool = False, **options: Any) -> Any:
            return super().schedule(handler, path, recursive=recursive, **{**options, "event_filter": changes})

    return ChangesOnly()


def wake(server: Any) -> None:
    """Make the live-reload server rebuild as if a watched file had changed (MkDocs 1.6 has no public call for it)."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None:
        return  # another MkDocs: the print page waits for the next change
    with condition:
        server._want_rebuild = True
        condition.notify_all()


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build may show stale navigation: :class:`Preview` sees to it."""
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def _error_page(site_dir: str, code: int) -> bytes | None:
    page = Path(site_dir) / f"{code}.html"
    if code in (404, 500) and page.is_file():
        return page.read_bytes()
    return None
