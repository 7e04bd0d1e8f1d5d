"""Hostile and unlucky input, second round (issue 14): each case as a reader or an attacker meets it.

Every failing case must be one line on stderr, exit status 2, and docs/ and
site/ exactly as they were; every accepted hostile value must show as text.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import html
import json
import os
import pickle
import re
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import pipeline, write
from generator.base import cache
from generator.base.errors import OutputError
from generator.base.shipped import BUILTIN_TEMPLATES
from generator.cli import main
from generator.config import check_site_url
from generator.read import line_patterns
from generator.write import check_replaceable, is_mount_point
from tests.conftest import BookFactory, run_cli, snapshot, write_book
from tests.test_bad_input import BOOK, TEXT, THEMES
from tests.test_bad_input import _after as _tree
from tests.test_bad_input import _fails as fails

# --- 1. site_url ---------------------------------------------------------------

#: The shape of the payload the review ran: a quote ends the attribute, then a script.
SITE_URL_PAYLOADS = (
    'https://example.org/"><script>window.zqx=1</script>',
    "https://example.org/';window.zqx=1;'",
    "https://example.org/</script><script>window.zqx=1</script>/",
    "https://example.org/a%22%3E%3Cscript%3Ewindow.zqx=1%3C/script%3E/",  # accepted: percent-encoded stays encoded
    "javascript:window.zqx=1//https://x",
)


@pytest.mark.parametrize("url", SITE_URL_PAYLOADS)
def test_site_url_payload_never_runs_in_chromium(
    url: str, make_book: BookFactory, capsys: pytest.CaptureFixture[str], page: Any, tmp_path: Path
) -> None:
    from tests.browser import serve

    root = make_book(BOOK + f"site_url: {json.dumps(url)}\n", {"a.txt": TEXT})
    code, _, err = run_cli(capsys, "build", str(root), "--quiet")
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and "site_url" in err, err
        return
    assert code == 0, err
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(root / "site") as home:
        for address in (home, home + "rivers/", home + "print/", home + "no-such-page/"):
            page.goto(address)
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.zqx") == "undefined", address
            assert page.locator("script:not([src])", has_text="zqx").count() == 0, address
    assert not dialogs


def test_site_url_is_refused_with_the_reason(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_book(BOOK + 'site_url: "https://example.org/\\"><script>x</script>"\n', {"a.txt": TEXT})
    line = fails(capsys, root, "book.yml:", "site_url: may not contain", "'<'")
    assert "<script>" not in line.split("may not contain")[1]
    for bad, needle in (
        ("ftp://example.org/", "must start with http"),
        ("https://user@example.org/", "no valid host"),
        ("https://example.org/?q=1", "query"),
        ("https:// example.org/", "U+0020"),
        ("https://exa_mple.org/", "no valid host"),
    ):
        assert needle in check_site_url(bad)[1], bad


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(max_size=60))
def test_an_accepted_site_url_needs_no_escaping_anywhere(tail: str) -> None:
    url, problem = check_site_url("https://example.org/" + tail)
    if problem:
        return
    assert html.escape(url, quote=True) == url  # HTML text and attributes, XML (sitemap)
    assert json.dumps(url) == f'"{url}"'  # a JavaScript string in 404.html
    assert "</" not in url and "'" not in url and "\\" not in url


# --- 2. book.yml that expands, loops or nests ------------------------------------


def _laughs(levels: int) -> str:
    """The "billion laughs" shape: each alias list repeats the one before it nine times."""
    names = [f"l{i}" for i in range(levels + 1)]
    lines = [f"{names[0]}: &{names[0]} [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{names[i]}: &{names[i]} [{', '.join([f'*{names[i - 1]}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


YAML_CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "billion laughs": (BOOK + "glossary:\n  x: y\n" + _laughs(9).replace("l", "z"), ("aliases (*name) expand book.yml",)),
    "alias that contains itself": (BOOK + "suppress: &loop [a, *loop]\n", ("alias *loop refers to the list or mapping it is inside",)),
    "5,000 levels of [": ("title: A\nthemes: " + "[" * 5000 + "\n", ("nested more than 32 deep",)),
    "5,000 levels of - ": ("title: A\nthemes:\n" + "".join("  " * i + "-\n" for i in range(5000)), ("nested more than 32 deep",)),
    "one text made into thousands of glossary entries": (
        BOOK + "glossary:\n  t0: &d " + json.dumps("definition " * 4800) + "\n" + "".join(f"  t{i}: *d\n" for i in range(1, 2000)),
        ("aliases (*name) expand book.yml",),
    ),
    "a second themes key": (BOOK + THEMES, ("book.yml:7: 'themes' is a key twice in the same mapping",)),
    "a glossary term twice": (BOOK + "glossary:\n  weir: a low dam\n  weir: a fence\n", ("book.yml:9: 'weir' is a key twice",)),
}


@pytest.mark.parametrize("case", sorted(YAML_CASES))
def test_book_yml_that_expands_loops_or_nests_is_one_line(
    case: str, make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    book_yml, needles = YAML_CASES[case]
    root = make_book(book_yml, {"a.txt": TEXT})
    fails(capsys, root, "seeds/book.yml:", *needles)


def test_aliases_within_bounds_still_work(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    book_yml = (
        "title: A small book\nthemes:\n  - &rivers\n    title: Rivers\n    keywords: [river, weir]\n"
        "  - <<: *rivers\n    title: Towns\n    keywords: [town, market]\n"
    )
    root = make_book(book_yml, {"a.txt": TEXT})
    code, _, err = run_cli(capsys, "generate", str(root), "--quiet")
    assert code == 0, err
    assert (root / "docs" / "towns.md").is_file() and (root / "docs" / "rivers.md").is_file()


# --- 4. boilerplate patterns -------------------------------------------------------


def _regex_reference(pattern: str, line: str) -> bool:
    """What a ``*`` pattern means, spelled as the backtracking regex it used to be (only for short lines)."""
    regex = "".join(".*" if c == "*" else re.escape(c) for c in pattern.strip().casefold())
    return re.fullmatch(regex, line.casefold(), re.DOTALL) is not None


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.text(alphabet="ab*", max_size=8), st.text(alphabet="abc", max_size=12))
def test_star_patterns_match_exactly_what_the_regex_did(pattern: str, line: str) -> None:
    if not pattern.strip():
        return
    assert line_patterns([pattern]).match(line) == _regex_reference(pattern, line), (pattern, line)


def test_a_backtracking_pattern_against_a_long_line_is_quick() -> None:
    patterns = line_patterns(["*a*a*a*x", "*a*a*a*a*a*a*a*a*b", "share*this*article"])
    start = time.process_time()
    for length in (600, 60_000, 600_000):
        assert not patterns.match("a" * length)
        assert patterns.match("a" * length + "x")
    assert time.process_time() - start < 1.0  # the regex took 41 s for the first line alone


def test_boilerplate_with_stars_drops_only_matching_lines(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_book(
        'boilerplate: ["*a*a*a*x", "Follow * on *"]\n' + BOOK,
        {"a.txt": "The river rose over the weir.\n\nFollow us on the radio\n\n" + "a" * 5000 + "\n\nThe town held a market.\n"},
    )
    code, _, err = run_cli(capsys, "generate", str(root), "--quiet")
    assert code == 0, err
    page = (root / "docs" / "sources" / "a.md").read_text(encoding="utf-8")
    assert "Follow us" not in page and "a" * 5000 in page and "The town held a market." in page


# --- 7 and 10. a book's own templates ----------------------------------------------

#: What a template can try in order to run a shell command through Python's internals.
ESCAPES = (
    "{{ cycler.__init__.__globals__.os.popen('touch ZQXPWNED').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ book.__class__.__init__.__globals__ }}",
    "{% set x = [].append(1) %}{{ x }}",
    "{{ self._TemplateReference__context }}",
)


@pytest.mark.parametrize("payload", ESCAPES)
def test_a_books_template_cannot_reach_python(
    payload: str, make_book: BookFactory, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_book(BOOK, {"a.txt": TEXT})
    (root / "templates").mkdir()
    (root / "templates" / "index.md.j2").write_text("# Home\n\n" + payload + "\n", encoding="utf-8")
    monkeypatch.chdir(root)
    fails(capsys, root, "templates/index.md.j2:3:", "fix the template")
    assert not (root / "ZQXPWNED").exists()


@pytest.mark.parametrize("payload", ESCAPES[:3])
def test_a_books_partial_included_by_briefbooks_own_template_cannot_reach_python(
    payload: str, make_book: BookFactory, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Briefbook's own templates render without the sandbox only in a book with no templates of its own:
    # here the built-in source and theme pages include the book's partial, which must still be sandboxed.
    root = make_book(BOOK, {"a.txt": TEXT})
    (root / "templates" / "partials").mkdir(parents=True)
    (root / "templates" / "partials" / "paragraph.md.j2").write_text(payload + "\n", encoding="utf-8")
    monkeypatch.chdir(root)
    fails(capsys, root, "templates/partials/paragraph.md.j2:1:", "fix the template")
    assert not (root / "ZQXPWNED").exists()


TEMPLATE_CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "syntax error": ("# Home\n\n{% if %}\n", ("templates/index.md.j2:3:", "fix the template")),
    "undefined variable": ("# Home\n\n{{ no_such_thing.title }}\n", ("templates/index.md.j2:3:", "'no_such_thing' is undefined")),
    "include outside the templates": ("# Home\n\n{% include '../seeds/book.yml' %}\n", ("templates/index.md.j2", "not a template")),
    "include of an absolute path": ("# Home\n\n{% include '/etc/passwd' %}\n", ("templates/index.md.j2", "not a template")),
    "division by zero": ("# Home\n\n{{ 1 // 0 }}\n", ("templates/index.md.j2:3:", "ZeroDivisionError")),
}


@pytest.mark.parametrize("case", sorted(TEMPLATE_CASES))
def test_a_broken_template_is_one_line(case: str, make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    text, needles = TEMPLATE_CASES[case]
    root = make_book(BOOK, {"a.txt": TEXT})
    (root / "templates").mkdir()
    (root / "templates" / "index.md.j2").write_text(text, encoding="utf-8")
    line = fails(capsys, root, *needles)
    assert "root:" not in line


def test_templates_linked_from_outside_the_book_are_refused(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.md.j2").write_text("# ZQXSECRET\n", encoding="utf-8")
    root = make_book(BOOK, {"a.txt": TEXT})
    (root / "templates").symlink_to(outside)
    fails(capsys, root, "templates/: links outside the book folder")
    (root / "templates").unlink()
    (root / "templates").mkdir()
    (root / "templates" / "index.md.j2").symlink_to(outside / "index.md.j2")
    fails(capsys, root, "templates/index.md.j2: links outside the book folder")
    (root / "templates" / "index.md.j2").unlink()
    (root / "templates" / "theme.md.j2").write_text("{% include 'leak.md.j2' %}\n", encoding="utf-8")
    (root / "templates" / "leak.md.j2").symlink_to(outside / "index.md.j2")
    fails(capsys, root, "templates/leak.md.j2: links outside the book folder")


# --- 5, 10 and 11. the cache --------------------------------------------------------


@pytest.fixture
def cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache key for the test, outside the book, as a user's own would be."""
    key = tmp_path / "user-cache" / "cache-key"
    monkeypatch.setenv("BRIEFBOOK_CACHE_KEY_FILE", str(key))
    return key


def test_an_edit_during_a_run_is_never_served_for_the_old_text(
    make_book: BookFactory, monkeypatch: pytest.MonkeyPatch, cache_key: Path
) -> None:
    root = make_book(BOOK, {"a.txt": "The river rose over the weir.\n\nOld words about the town.\n"})
    source = root / "seeds" / "a.txt"
    old_text = source.read_text(encoding="utf-8")
    real_assemble = pipeline.assemble

    def edited_meanwhile(book_root: Path) -> Any:
        # The author saves a new version after the fingerprint was taken, before the sources are read.
        source.write_text(old_text.replace("Old words", "New words"), encoding="utf-8")
        return real_assemble(book_root)

    monkeypatch.setattr(pipeline, "assemble", edited_meanwhile)
    pipeline.generate(root)
    assert "New words" in (root / "docs" / "sources" / "a.md").read_text(encoding="utf-8")
    monkeypatch.setattr(pipeline, "assemble", real_assemble)
    source.write_text(old_text, encoding="utf-8")  # back to the old text, in a new process
    cache.forget(root, disk=False)
    pipeline.generate(root)
    page = (root / "docs" / "sources" / "a.md").read_text(encoding="utf-8")
    assert "Old words" in page and "New words" not in page


class _Planted:
    """What an attacker pickles: unpickling it calls os.system."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_cache_file_is_never_unpickled(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str], cache_key: Path, tmp_path: Path
) -> None:
    root = make_book(BOOK, {"a.txt": TEXT})
    marker = tmp_path / "ZQXPWNED"
    fp = cache.fingerprint(root, [root / "templates", BUILTIN_TEMPLATES])
    payload = pickle.dumps(_Planted(marker))
    for planted in (
        fp.encode() + b"\n" + payload,  # the old format: fingerprint, then the pickle
        fp.encode() + b"\n" + b"0" * 64 + b"\n" + payload,  # a forged seal
        fp.encode() + b"\n" + hmac.new(b"guess", payload, hashlib.sha256).hexdigest().encode() + b"\n" + payload,
    ):
        (root / cache.CACHE_FILE).write_bytes(planted)
        cache.forget(root, disk=False)
        code, _, err = run_cli(capsys, "generate", str(root), "--quiet")
        assert code == 0, err
        assert not marker.exists()
    assert not cache_key.resolve().is_relative_to(root.resolve())


def test_a_cache_signed_with_the_users_key_is_reused(
    make_book: BookFactory, monkeypatch: pytest.MonkeyPatch, cache_key: Path
) -> None:
    root = make_book(BOOK, {"a.txt": TEXT})
    pipeline.generate(root)
    assert cache_key.is_file() and (cache_key.stat().st_mode & 0o077) == 0
    cache.forget(root, disk=False)
    monkeypatch.setattr(pipeline, "assemble", lambda _root: pytest.fail("an unchanged book was generated again"))
    assert pipeline.generate(root).report is not None


def test_a_huge_stray_file_is_not_read_for_the_fingerprint(
    make_book: BookFactory, monkeypatch: pytest.MonkeyPatch, cache_key: Path
) -> None:
    root = make_book(BOOK, {"a.txt": TEXT})
    stray = root / "seeds" / "interview.mp4"
    with open(stray, "wb") as handle:
        handle.truncate(1_500_000_000)  # sparse: 1.5 GB that costs no disk
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        assert self.name != stray.name, "the stray file was read whole"
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    first = cache.fingerprint(root, [BUILTIN_TEMPLATES])
    os.utime(stray, ns=(1, 1))
    assert cache.fingerprint(root, [BUILTIN_TEMPLATES]) != first  # still noticed when it changes


def test_new_writes_a_gitignore_that_keeps_output_and_cache_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Harbour Dredging Starts\n\nThe harbour dredging starts in May, the port office said.\n\n"
        "Dredging keeps the harbour channel deep enough for ferries and fishing boats.\n\n"
        "The port office will publish the dredging schedule for the harbour each week.\n",
        encoding="utf-8",
    )
    code, _, err = run_cli(capsys, "new", str(tmp_path / "harbour"), "--source", str(article))
    assert code == 0, err
    ignored = (tmp_path / "harbour" / ".gitignore").read_text(encoding="utf-8").splitlines()
    for entry in ("/docs/", "/site/", "/dist/", "/.briefbook-cache"):
        assert entry in ignored


# --- 6. site/ as a symbolic link or a mount point -------------------------------------


def test_a_site_folder_that_is_a_symlink_is_refused_and_left_alone(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = make_book(BOOK, {"a.txt": TEXT})
    web_root = tmp_path / "www"
    web_root.mkdir()
    (web_root / "index.html").write_text("<h1>Published earlier</h1>\n", encoding="utf-8")
    (root / "site").symlink_to(web_root)
    docs_before = snapshot(root / "docs")
    code, _, err = run_cli(capsys, "build", str(root), "--quiet")
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "site/: is a symbolic link" in err and "site_dir" in err
    assert (root / "site").is_symlink() and snapshot(web_root) == {"index.html": b"<h1>Published earlier</h1>\n"}
    assert snapshot(root / "docs") == docs_before
    assert not list(root.glob(".briefbook-stage-*")) and not list(tmp_path.glob(".briefbook-stage-*"))


def test_a_site_folder_that_is_a_mount_point_is_refused(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = make_book(BOOK, {"a.txt": TEXT})
    volume = tmp_path / "volume"
    volume.mkdir()
    (root / "site").mkdir()
    mounted = subprocess.run(["mount", "--bind", str(volume), str(root / "site")], capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("a bind mount needs root; test_mount_points_are_recognised covers the detection")
    try:
        docs_before = snapshot(root / "docs")
        code, _, err = run_cli(capsys, "build", str(root), "--quiet")
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        assert "site/: is a mount point" in err
        assert snapshot(root / "docs") == docs_before and snapshot(volume) == {}
    finally:
        subprocess.run(["umount", str(root / "site")], check=True)


def test_mount_points_are_recognised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert is_mount_point(Path("/")) and not is_mount_point(tmp_path)
    folder = tmp_path / "with space"
    folder.mkdir()
    line = f"45 27 254:0 /srv/x {str(folder).replace(' ', chr(92) + '040')} rw,relatime - ext4 /dev/vda rw\n"
    real_read_text = Path.read_text

    def mountinfo(self: Path, *args: Any, **kwargs: Any) -> str:
        return line if str(self) == "/proc/self/mountinfo" else real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", mountinfo)
    assert is_mount_point(folder)
    with pytest.raises(OutputError, match="is a mount point"):
        check_replaceable(folder)


# --- 7. what the file system refuses, and codecs that are not encodings -----------------


@pytest.mark.parametrize("codec", ["rot13", "zlib", "base64", "hex"])
def test_an_encoding_that_is_a_transformation_is_one_line(
    codec: str, make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_book(f"encoding: {codec}\n" + BOOK, {"a.txt": "La rivi\u00e8re monte.\n\nThe town.\n".encode("latin-1")})
    fails(capsys, root, f"book.yml:1: encoding: '{codec}' is a transformation, not a text encoding")


def _full_disk(*_args: Any, **_kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "site/rivers/index.html")


def test_a_full_disk_during_the_mkdocs_build_is_one_line(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import mkdocs.utils

    root = make_book(BOOK, {"a.txt": TEXT})
    monkeypatch.setattr(mkdocs.utils, "write_file", _full_disk)
    line = fails(capsys, root, "No space left on device", "free some space")
    assert "Traceback" not in line


def test_a_full_disk_while_writing_docs_is_one_line(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_book(BOOK, {"a.txt": TEXT})
    monkeypatch.setattr(write, "_atomic_write", _full_disk)
    fails(capsys, root, "No space left on device", command="generate")


def test_a_full_disk_during_bundle_leaves_no_partial_zip(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    root = make_book(BOOK, {"a.txt": TEXT})
    monkeypatch.setattr(zipfile.ZipFile, "writestr", _full_disk)
    code, _, err = run_cli(capsys, "bundle", str(root), "--quiet")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "No space left" in err, err
    assert not [p for p in (root / "dist").iterdir()] if (root / "dist").exists() else True


def test_a_full_disk_during_pdf_leaves_no_tmp_file(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import shutil

    from generator.outputs import pdf

    root = make_book(BOOK, {"a.txt": TEXT})
    fake_chromium = tmp_path / "chromium"
    fake_chromium.write_text("#!/bin/sh\n", encoding="utf-8")
    fake_chromium.chmod(0o755)
    monkeypatch.setenv("BRIEFBOOK_CHROMIUM", str(fake_chromium))
    monkeypatch.setattr(pdf, "print_pdf", lambda _html, out, *_: out.write_bytes(b"%PDF-1.7\n" + b"0" * 100_000))
    real_move = shutil.move

    def move_half_then_full(src: str, dst: Path) -> Any:
        Path(dst).write_bytes(Path(src).read_bytes()[:1000])  # half a PDF, then the disk is full
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))

    monkeypatch.setattr(shutil, "move", move_half_then_full)
    code, _, err = run_cli(capsys, "pdf", str(root), "--quiet")
    monkeypatch.setattr(shutil, "move", real_move)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "No space left" in err, err
    assert sorted(p.name for p in (root / "dist").iterdir()) == []


def test_a_read_only_book_folder_is_one_line(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str], tmp_path: Path, cache_key: Path
) -> None:
    root = make_book(BOOK, {"a.txt": TEXT})
    (root / "site").mkdir()
    before = _tree(root)
    if subprocess.run(["mount", "--bind", "-o", "ro", str(root), str(root)], capture_output=True).returncode != 0:
        pytest.skip("a read-only bind mount needs root; the full-disk tests cover the reporting")
    try:
        if os.access(root, os.W_OK) and not _really_read_only(root):
            pytest.skip("this kernel ignored the read-only flag of the bind mount")
        for command in ("generate", "build", "bundle"):
            code, _, err = run_cli(capsys, command, str(root), "--quiet")
            assert code == 2 and len(err.strip().splitlines()) == 1, (command, err)
            assert "read-only" in err, (command, err)
        assert _tree(root) == before
    finally:
        subprocess.run(["umount", str(root)], check=True)


def _really_read_only(folder: Path) -> bool:
    try:
        (folder / ".probe").write_text("x", encoding="utf-8")
    except OSError:
        return True
    (folder / ".probe").unlink()
    return False


# --- 8. terminal escapes and control characters in titles ------------------------------


def test_titles_cannot_drive_the_terminal_or_reach_html_as_control_characters(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    book_yml = (
        'title: "Rivers \\e]0;ZQX window title\\a and \\x9b2J towns"\n'
        'description: "A book \\e[31m in red"\n'
        "themes:\n"
        '  - title: "Rivers \\e[2J\\u202e reversed"\n'
        "    keywords: [river, weir]\n"
        "  - title: Towns\n    keywords: [town, market]\n"
    )
    root = make_book(book_yml, {"a.txt": TEXT})
    code, out, err = run_cli(capsys, "build", str(root))
    assert code == 0, err
    for text in (out, err):
        assert not any(unicodedata.category(c) == "Cc" and c != "\n" for c in text), repr(text)
        assert "\u202e" not in text
    assert "Rivers <U+202E> reversed" in out or "Rivers" in out
    for page in sorted((root / "site").rglob("*.html")):
        html_text = page.read_text(encoding="utf-8")
        shown = re.findall(r"<title>(.*?)</title>", html_text, re.S) + re.findall(r'aria-label="([^"]*)"', html_text)
        shown += re.findall(r'<meta name="description" content="([^"]*)"', html_text)
        for value in shown:
            assert not any(unicodedata.category(c) == "Cc" for c in html.unescape(value)), (page.name, value)
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Rivers ]0;ZQX window title and 2J towns" in html.unescape(re.findall(r"<title>(.*?)</title>", home)[0])


# --- 9. tooltips show definitions as written ----------------------------------------------


def test_an_abbreviation_title_shows_entities_as_written(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    written = "&lt;img src=x onerror=alert(1)&gt; River &amp; Weir Agency, R&D &#60;b&#62;"
    root = make_book(
        BOOK + f"acronyms:\n  RWA: {json.dumps(written)}\n",
        {"a.txt": "The River and Weir Agency (RWA) rebuilt the weir.\n\nThe RWA met the town market.\n"},
    )
    code, _, err = run_cli(capsys, "build", str(root), "--quiet")
    assert code == 0, err
    titles = set()
    for page in sorted((root / "site").rglob("*.html")):
        titles |= set(re.findall(r'<abbr title="([^"]*)">RWA</abbr>', page.read_text(encoding="utf-8")))
    assert titles, "no abbreviation was marked"
    assert {html.unescape(t) for t in titles} == {written}


# --- 11. silent or misleading ------------------------------------------------------------


def test_decomposed_text_matches_a_composed_keyword(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    decomposed = unicodedata.normalize("NFD", "The talks in Genève went on.\n\nThe town held a market.\n")
    assert "Genève" not in decomposed
    root = make_book(
        "title: A small book\nthemes:\n  - title: Talks\n    keywords: [Genève]\n  - title: Towns\n    keywords: [town]\n",
        {"a.txt": decomposed},
    )
    code, _, err = run_cli(capsys, "generate", str(root), "--quiet")
    assert code == 0, err
    page = (root / "docs" / "talks.md").read_text(encoding="utf-8")
    assert "The talks in" in page and "Genève" in page and "went on." in page


KEYWORD_CASES = {
    "no letter or digit": ("'—'", "'—' has no letter or digit"),
    "symbols that carry meaning": ("C++", "'C++' would match every 'C'"),
    "a hash sign": ("C#", "'C#' would match every 'C'"),
    "a percent sign": ("'100%'", "'100%' would match every '100'"),
}


@pytest.mark.parametrize("case", sorted(KEYWORD_CASES))
def test_a_keyword_that_cannot_match_as_meant_is_a_warning(
    case: str, make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    keyword, needle = KEYWORD_CASES[case]
    root = make_book(f"title: A\nthemes:\n  - title: Code\n    keywords: [river, {keyword}]\n", {"a.txt": TEXT})
    code, out, err = run_cli(capsys, "generate", str(root))
    assert code == 0, err
    assert f"theme 'code': keyword {needle}" in out


def test_keywords_with_joining_punctuation_are_fine(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_book(
        "title: A\nthemes:\n  - title: Rivers\n    keywords: [high-quality, \"Lee's\", R&D, U.S., and/or, river]\n",
        {"a.txt": TEXT},
    )
    code, out, err = run_cli(capsys, "generate", str(root))
    assert code == 0, err
    assert "would match every" not in out and "no letter or digit" not in out


def test_a_folder_or_fifo_named_like_a_source_is_named(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_book(BOOK, {"a.txt": TEXT})
    (root / "seeds" / "notes.txt").mkdir()
    fails(capsys, root, "seeds/notes.txt: is a folder, not a source file")
    (root / "seeds" / "notes.txt").rmdir()
    os.mkfifo(root / "seeds" / "pipe.txt")
    fails(capsys, root, "seeds/pipe.txt: is a named pipe (FIFO), not a source file")
    root2 = make_book("sources: [pipe.txt]\n" + BOOK, {})
    fails(capsys, root2, "book.yml:1: sources[0]: seeds/pipe.txt is a named pipe (FIFO)")


def test_new_with_a_device_as_source_says_what_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "new", str(tmp_path / "b"), "--source", "/dev/zero")
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "/dev/zero: is a character device, not a source file" in err
    assert not (tmp_path / "b").exists()


def test_two_thousand_themes_are_refused_up_front(make_book: BookFactory, capsys: pytest.CaptureFixture[str]) -> None:
    themes = "".join(f"  - title: Theme {i}\n    keywords: [word{i}]\n" for i in range(2000))
    root = make_book("title: A\nthemes:\n" + themes, {"a.txt": TEXT})
    start = time.process_time()
    fails(capsys, root, "themes: has 2,000 themes, more than 200")
    assert time.process_time() - start < 10


# --- 12. names Windows cannot unpack ------------------------------------------------------


def test_windows_device_names_never_become_files_of_the_bundle(
    make_book: BookFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    root = make_book(BOOK, {"CON.txt": TEXT, "aux.txt": "The weir held.\n\nThe market opened.\n"})
    code, _, err = run_cli(capsys, "bundle", str(root), "--quiet")
    assert code == 0, err
    (archive,) = (root / "dist").glob("*.zip")
    devices = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
    with zipfile.ZipFile(archive) as bundle:
        parts = {part.split(".")[0].lower() for name in bundle.namelist() for part in name.split("/")}
    assert not parts & devices
    theme = make_book("title: A\nthemes:\n  - title: Nul\n    keywords: [river]\n", {"a.txt": TEXT})
    fails(capsys, theme, "themes[0].slug: 'nul' is a device name on Windows")


# --- 13. docs/ and site/ from one run ---------------------------------------------------------


def test_a_kill_between_the_two_swaps_is_completed_by_the_next_run(tmp_path: Path, cache_key: Path) -> None:
    from tests.conftest import BOOKS, copy_book

    root = copy_book(BOOKS / "river", tmp_path / "river")
    assert main(["build", str(root), "--quiet"]) == 0
    source = next((root / "seeds").glob("*.txt"))
    source.write_text(source.read_text(encoding="utf-8") + "\nA late note about the zqxweir.\n", encoding="utf-8")

    def mentions(folder: str) -> bool:
        return any(b"zqxweir" in data for data in snapshot(root / folder).values())

    killed = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(root), "--quiet"],
        env={**os.environ, write.KILL_ENV: "between-swaps", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert mentions("site") and not mentions("docs")  # the site readers see is already the new one
    assert (root / write.SWAP_JOURNAL).is_file()
    code = subprocess.run([sys.executable, "-m", "generator", "generate", str(root), "--quiet"], capture_output=True)
    assert code.returncode == 0, code.stderr
    assert mentions("site") and mentions("docs")
    assert not (root / write.SWAP_JOURNAL).exists() and not list(root.glob(write.STAGE_PREFIX + "*"))


def test_a_planted_swap_journal_touches_nothing_outside_the_book(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_book(tmp_path / "book", BOOK, {"a.txt": TEXT})
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine\n", encoding="utf-8")
    journal = {"pid": 999_999_999, "swaps": [{"stage": "../victim", "live": "docs", "inode": victim.stat().st_ino},
                                             {"stage": ".briefbook-stage-999999999-x", "live": "../victim", "inode": 1}]}
    (root / write.SWAP_JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    code, _, err = run_cli(capsys, "generate", str(root), "--quiet")
    assert code == 0, err
    assert snapshot(victim) == {"keep.txt": b"mine\n"} and not (root / write.SWAP_JOURNAL).exists()
