"""The fast path changes no byte: every book here is built with it on and off, and every HTML
file and the search index must be identical.

The fast path is the paragraph builder of :mod:`generator.site.fastmd`: the renderer's own
paragraphs skip Python-Markdown's inline patterns. ``BRIEFBOOK_NO_FAST_PATH=1`` turns it
off; only these tests use it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BOOKS, REPO, copy_book, write_book

CORPUS = Path(__file__).resolve().parent / "corpus"

#: Every character that is syntax somewhere, markup, attr_list and abbr lines, entities and control characters.
HOSTILE = (
    "Hostile Text: every syntax character\n\n"
    "The Harbour Board said <script>alert(1)</script> and <b>bold</b> & \"quotes\" 'single' 2 < 3 > 1.\n\n"
    "{: #x .evil } [link](http://example.com){: .bb-cite } ![img](x.png) *em* _em_ **strong** __strong__ `code`\n\n"
    "*[HB]: Harbour Board\n\n"
    "&amp; &lt; &#35; &#x41; &copy; &nosuchentity; & alone; \\backslash \\* \\[ | pipes | ~tilde~ ^caret^ ==mark== ++ins++ $math$\n\n"
    "# heading? 1. list? - item? > quote? : definition? ??? !!! note \u0001\u0002\u0003\u007f\u0085 tab\tend\n\n"
    "The Harbour Board (HB) will invest $45 million in 2030\u20132035; the HB said: 12.5% of berths <!-- c --> [^1] {{ 7*7 }}.\n\n"
    "Dredging of the harbour HB: harbour berths and harbour cranes, harbour costs [¶1](#p-1){: .bb-pnum } done.\n"
)
HOSTILE_BOOK = """title: "Hostile <b>book</b> & {: #x }"
themes:
  - title: "Harbour *works*"
    keywords: [harbour, berths, dredging]
  - title: "Money [¶]"
    keywords: [million, invest, costs]
"""


def _build(root: Path, fast: bool) -> dict[str, bytes]:
    env = dict(os.environ, BRIEFBOOK_NO_PROGRESS="1", NO_MKDOCS_2_WARNING="1")
    env.pop("BRIEFBOOK_NO_FAST_PATH", None)
    if not fast:
        env["BRIEFBOOK_NO_FAST_PATH"] = "1"
    for leftover in (root / "site", root / "docs", root / ".briefbook-cache", root / ".briefbook-build"):
        if leftover.is_dir():
            shutil.rmtree(leftover)
        elif leftover.exists():
            leftover.unlink()
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", str(root), "--quiet"], env=env, capture_output=True, text=True, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    site = root / "site"
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.suffix == ".html" or p.name == "search_index.json"
    }


def _corpus(name: str, dest: Path) -> Path:
    root = dest / name
    shutil.copytree(CORPUS / name / "seeds", root / "seeds")
    shutil.copyfile(REPO / "templates" / "scaffold" / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    return root


def _books(tmp: Path) -> dict[str, Path]:
    return {
        "example": copy_book(REPO, tmp / "example"),
        "river": copy_book(BOOKS / "river", tmp / "river"),
        "ebola": _corpus("uk-gov-2016-ebola-response", tmp),
        "fellowships": _corpus("au-dta-2018-data-fellowships", tmp),
        "hostile": write_book(tmp / "hostile", HOSTILE_BOOK, {"hostile.txt": HOSTILE}),
    }


@pytest.mark.parametrize("name", ["example", "river", "ebola", "fellowships", "hostile"])
def test_every_page_and_the_search_index_are_the_same_bytes_with_and_without_the_fast_path(
    name: str, tmp_path: Path
) -> None:
    root = _books(tmp_path)[name]
    fast = _build(root, fast=True)
    slow = _build(root, fast=False)
    assert sorted(fast) == sorted(slow)
    assert "search/search_index.json" in fast
    different = [path for path in fast if fast[path] != slow[path]]
    assert different == []


def _markdown(fast: bool) -> tuple[str, int]:
    import markdown

    from generator.site.fastmd import FastParagraphs

    extension = FastParagraphs()
    names: list[object] = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition", "abbr"]
    md = markdown.Markdown(extensions=[*names, extension] if fast else names)
    return md.convert(PAGE), extension.built


# A page as the renderer writes it, with the kinds of block the fast path must refuse between its own.
PAGE = """# Title &#35;1

[¶1](#p-1){: .bb-pnum } The [Harbour Board](../people.md#org-harbour-board){: .bb-entity } (HB) paid &#36;45 &amp; more. <span class="bb-theme">→ [Money &#91;¶&#93;](../money.md#p-1)</span>
{: #p-1 .bb-para }

8 paragraphs.
{: .bb-count }

No attr line, HB here.

- an item [¶2](#p-2){: .bb-cite }
{: #p-2 .bb-para .bb-item }

1. not ours
{: .x }

A **strong** word stays Markdown.
{: .y }

[Harbour](a.md){ .z } and [x](<b c>) and [y](d.md "title") and &nosuch and &#35 are Markdown's.

A line with two trailing spaces{SPACES}
{: .w }

| Theme | Paragraphs |
|---|---|
| Harbour HB | 12 |
| *Money* | [3](m.md) |

!!! info "Key facts"

    Inside an admonition [HB](g.md#hb){: .bb-acronym } too.
    {: .v }

*[HB]: Harbour Board
""".replace("{SPACES}", "  ")


def test_the_fast_path_builds_the_renderers_paragraphs_and_leaves_the_rest_to_markdown() -> None:
    fast, built = _markdown(fast=True)
    slow, none = _markdown(fast=False)
    assert none == 0
    # ¶1, the count, the line with no attr list, the admonition's paragraph, and "not ours": Python-Markdown
    # makes it a second, loose item of the list above, whose paragraphs are ordinary ones
    assert built == 5
    assert fast == slow
    assert '<abbr title="Harbour Board">HB</abbr>' in fast  # abbreviations are still found in its text



def test_the_plugin_puts_the_fast_path_in_every_pages_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The equality test above passes trivially if the fast path never runs: check it builds paragraphs in a real build.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.site.fastmd import FastParagraphs

    monkeypatch.delenv("BRIEFBOOK_NO_FAST_PATH", raising=False)
    monkeypatch.setenv("BRIEFBOOK_NO_PROGRESS", "1")
    root = copy_book(REPO, tmp_path / "example")
    config = load_config(config_file=str(root / "mkdocs.yml"))
    build(config)
    fast = [ext for ext in config.markdown_extensions if isinstance(ext, FastParagraphs)]
    assert len(fast) == 1
    paragraphs = sum(1 for page in (root / "docs").rglob("*.md") for line in page.read_text().splitlines() if ".bb-para" in line)
    assert fast[0].built >= paragraphs > 0


@pytest.mark.parametrize("extra", ["smarty", "pymdownx.tilde", "def_list"])
def test_the_fast_path_steps_aside_for_syntax_it_does_not_know(extra: str) -> None:
    # With smarty, "quotes" and -- become typographic; with tilde, ~~x~~ is struck out: our plain text could be syntax.
    import markdown

    from generator.site.fastmd import FastParagraphs

    extension = FastParagraphs()
    names: list[object] = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition", "abbr", extra]
    fast = markdown.Markdown(extensions=[*names, extension]).convert(PAGE)
    assert extension.built == 0
    assert fast == markdown.Markdown(extensions=names).convert(PAGE)
