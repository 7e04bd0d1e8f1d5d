"""``briefbook serve`` after an edit: every served page is what a clean build of the edited book gives.

The server runs as a reader's would (a real process on a free port, pages
fetched over HTTP); an edit rebuilds only the pages that changed, and the
tests check that no page, the search index included, still shows the old text.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, write_book
from test_incremental import BOOK_YML, SOURCES

from generator.cli import main
from generator.site.serve import CATCH_UP_AFTER, dirty_safe


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


class Server:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.url = f"http://127.0.0.1:{_free_port()}/"
        self.log = root.parent / "serve-log.jsonl"
        self.tmp = root.parent / "tmp"  # where the server keeps its site while it runs
        self.tmp.mkdir()
        env = {**os.environ, "BRIEFBOOK_SERVE_LOG": str(self.log), "BRIEFBOOK_NO_PROGRESS": "1", "TMPDIR": str(self.tmp)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--quiet", "serve", str(root), "--dev-addr", self.url[7:-1]],
            cwd=REPO, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )

    def get(self, path: str) -> str:
        text = _get(self.url + path)
        assert text is not None, f"{path} not served"
        return text

    def rebuilds(self) -> list[dict[str, object]]:
        if not self.log.is_file():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def settle(self, after: int) -> list[dict[str, object]]:
        """The rebuilds after the first ``after``, once one has finished and the server has been quiet for a while
        (long enough for the print page, held back from a quick rebuild, to be recomposed)."""
        deadline, count, quiet_since = time.monotonic() + 60, -1, time.monotonic()
        while time.monotonic() < deadline:
            done = self.rebuilds()[after:]
            if len(done) != count:
                count, quiet_since = len(done), time.monotonic()
            elif any("ended" in r for r in done) and time.monotonic() - quiet_since > CATCH_UP_AFTER + 2.0:
                return done
            assert self.process.poll() is None, self.process.stderr.read() if self.process.stderr else ""
            time.sleep(0.1)
        raise AssertionError(f"no rebuild finished: {self.rebuilds()[after:]}")

    def stop(self) -> int | None:
        """Stop the server as 'kill' does; its exit status (None if it had to be killed)."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, sig)
                code = self.process.wait(timeout=10)
                return code if sig == signal.SIGTERM else None
            except (ProcessLookupError, subprocess.TimeoutExpired):
                continue
        return None


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Server]:
    root = write_book(tmp_path / "valley", BOOK_YML, dict(SOURCES))
    server = Server(root)
    try:
        deadline = time.monotonic() + 60
        while _get(server.url) is None:
            assert server.process.poll() is None, server.process.stderr.read() if server.process.stderr else ""
            assert time.monotonic() < deadline, "briefbook serve did not start"
            time.sleep(0.1)
        yield server
    finally:
        code = server.stop()
    assert code == 0 and not any(server.tmp.iterdir()), "stopped by SIGTERM, the server leaves nothing behind"


def _save(path: Path, text: str) -> None:
    """As editors save: a temporary file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


_SERVE_ONLY = re.compile(r'<script[^>]*>[^<]*livereload[^<]*</script>|<link rel="canonical" href="[^"]*">|http://127\.0\.0\.1:\d+/')


def _page_html(text: str) -> str:
    """A page without what only serving adds (the live-reload script, the server's address)."""
    return re.sub(r"\s+", " ", _SERVE_ONLY.sub("", text))


def _clean_build(root: Path, tmp: Path) -> Path:
    """The same book built from scratch by 'briefbook build' in a folder of its own."""
    clean = tmp / "clean"
    clean.mkdir()
    for name in ("mkdocs.yml",):
        (clean / name).write_bytes((root / name).read_bytes())
    (clean / "seeds").mkdir()
    for path in (root / "seeds").iterdir():
        (clean / "seeds" / path.name).write_bytes(path.read_bytes())
    assert main(["build", str(clean), "--quiet"]) == 0
    return clean / "site"


def _search_docs(text: str) -> list[str]:
    return sorted(json.dumps(entry, sort_keys=True) for entry in json.loads(text)["docs"])


def _assert_like_clean_build(server: Server, tmp: Path) -> None:
    site = _clean_build(server.root, tmp)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    assert "index.html" in pages and any(p.startswith("print") for p in pages)  # the print version too
    for page in pages:
        url = page.removesuffix("index.html")
        assert _page_html(server.get(url)) == _page_html((site / page).read_text(encoding="utf-8")), f"{url} is stale"
    served_index = server.get("search/search_index.json")
    assert _search_docs(served_index) == _search_docs((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_an_edit_rebuilds_only_its_pages_and_leaves_nothing_stale(served: Server, tmp_path: Path) -> None:
    before = len(served.rebuilds())
    birch = served.root / "seeds" / "birch.txt"
    # One paragraph changes theme (Orchards → Bridges): both theme pages, the source page, the
    # Home page's counts and the search index change; the nav and the other sources do not.
    _save(birch, birch.read_text(encoding="utf-8").replace("Pear growers asked for a longer season.", "Ferry crews asked for a second bridge span."))
    done = served.settle(before)
    build = next(r for r in done if not r.get("skipped"))
    assert build["incremental"] is True and build["print_page"] == "held"
    assert 0 < int(str(build["pages_built"])) < len(list((served.root / "docs").rglob("*.md")))
    assert [r["print_page"] for r in done if not r.get("skipped")][-1] == "recomposed"
    assert "second bridge span" in served.get("sources/birch/") and "second bridge span" in served.get("bridges/")
    assert "Pear growers" not in served.get("orchards/") and "Pear growers" not in served.get("search/search_index.json")
    _assert_like_clean_build(served, tmp_path)


def test_a_new_source_changes_the_nav_and_rebuilds_everything(served: Server, tmp_path: Path) -> None:
    before = len(served.rebuilds())
    _save(served.root / "seeds" / "dogwood.txt", "Dogwood valley\n\nThe apple harvest came early this year.\n")
    done = served.settle(before)
    build = next(r for r in done if not r.get("skipped"))
    assert build["incremental"] is False
    assert "apple harvest came early" in served.get("sources/dogwood/")
    _assert_like_clean_build(served, tmp_path)


def test_a_plugin_that_gathers_from_every_page_makes_every_rebuild_full(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    root = write_book(tmp_path / "valley", BOOK_YML, dict(SOURCES))
    assert dirty_safe(load_config(config_file=str(root / "mkdocs.yml")))
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("  - briefbook\n", "  - briefbook\n  - tags\n"), encoding="utf-8")
    assert not dirty_safe(load_config(config_file=str(root / "mkdocs.yml")))
