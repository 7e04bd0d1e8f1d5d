"""Real-browser helpers shared by the tests and scripts/screenshots.py.

Debian's Chromium (never a downloaded one) driven by Playwright, and a site
served over HTTP on 127.0.0.1, as readers of the hosted book get it.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from generator.outputs.pdf import CHROMIUM_ARGS, find_chromium

TIMEOUT_MS = 8_000


class _Handler(SimpleHTTPRequestHandler):
    """Quiet, and answers a missing address with the site's own 404 page, as a static host does."""

    not_found: Path | None = None

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or self.not_found is None or not self.not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(site: Path, prefix: str = "", tmp: Path | None = None) -> Iterator[str]:
    """Serve ``site`` at ``http://127.0.0.1:<free port>/[<prefix>/]``; a prefix publishes it under a sub-path (needs ``tmp``)."""
    root = site
    if prefix:
        if tmp is None:
            raise ValueError("serving under a sub-path needs a temporary folder")
        root = tmp / "www"
        shutil.copytree(site, root / prefix)
    handler = type("Handler", (_Handler,), {"not_found": root / prefix / "404.html"})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/" + (f"{prefix}/" if prefix else "")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium() -> Iterator[Browser]:
    """One headless Debian Chromium."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), headless=True, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()
