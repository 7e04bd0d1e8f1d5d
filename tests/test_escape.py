"""Source text renders as exactly that text, whatever Markdown syntax it contains."""

from __future__ import annotations

import html
import re

import markdown
import pytest

from generator.base.escape import escape, relative, with_links
from generator.model import Span

# The extensions the book's mkdocs.yml enables, plus pymdownx ones a user might add.
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "abbr", "toc", "def_list", "tables", "footnotes",
              "pymdownx.snippets", "pymdownx.emoji", "pymdownx.magiclink", "pymdownx.mark", "pymdownx.tilde",
              "pymdownx.caret", "pymdownx.details", "pymdownx.arithmatex"]

NASTY = [
    "<script>alert(1)</script>",
    "# not a heading",
    "* not a list",
    "- not a list either",
    "1. not ordered",
    "2021) also not",
    "{{ 7*7 }} {% if x %} {# c #}",
    "!!! note \"Injected\"",
    "??? question",
    '--8<-- "/etc/passwd"',
    "A paragraph {: #evil .class onclick=x }",
    "[TOC]",
    "*[HTML]: Hyper Text",
    "[link](javascript:alert(1)) ![img](x.png) [ref]: http://evil",
    "| a | b |",
    "&amp; &lt;b&gt; &#60;",
    "> quoted",
    "---",
    "    indented code",
    "`code` **bold** _em_ ==mark== ~~del~~ ^^ins^^ $x$ :smile: https://example.com",
    "Term\n: definition",
    "x[^1]",
    "back\\slash \\*",
]


def render(text: str) -> str:
    return markdown.markdown(escape(text), extensions=EXTENSIONS, extension_configs={"pymdownx.snippets": {"check_paths": True}})


@pytest.mark.parametrize("text", NASTY)
def test_renders_as_one_paragraph_of_literal_text(text: str):
    out = render(text)
    assert re.fullmatch(r"<p>[^<>]*</p>", out), out
    assert html.unescape(out[3:-4]) == " ".join(text.split())


def test_ordinary_prose_stays_readable_in_the_markdown():
    assert escape("High-quality trade: 45 key tasks, 6 aspects (2021).") == "High-quality trade: 45 key tasks, 6 aspects (2021)."


def test_links_wrap_spans_and_escape_both_sides():
    text = "See *digital trade* <now>"
    span = Span(text.index("digital"), text.index("trade") + 5, "digital-trade.md", "theme")
    md = with_links(text, [span], "sources/a.md")
    assert "[digital trade](../digital-trade.md){: .bb-xref }" in md
    out = markdown.markdown(md, extensions=["attr_list"])
    assert '<a class="bb-xref" href="../digital-trade.md">digital trade</a>' in out
    assert "<now>" not in out and "&lt;now&gt;" in out


def test_relative_links():
    assert relative("index.md", "a.md") == "a.md"
    assert relative("sources/x.md", "a.md#p-1") == "../a.md#p-1"
    assert relative("sources/x.md", "sources/x.md#p-1") == "#p-1"
