"""Turn untrusted text into Markdown that renders as exactly that text.

Source texts and book.yml values may contain anything: ``<script>``, ``# x``,
``{: #id }``, ``--8<-- "/etc/passwd"``, ``{{ 7*7 }}``, ``*[X]: y``. Every
character Markdown or one of its common extensions treats as syntax is
written as an HTML entity, which Python-Markdown passes through as the
character itself; letters, digits and ordinary punctuation stay readable.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterable

from ..model import Span


class Md(str):
    """A string that is already safe Markdown: templates output it unchanged."""

    __slots__ = ()


# Characters that are syntax somewhere in Python-Markdown, pymdownx or Jinja: \`*_[]{}<>&#|~^=+$!
_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LIST_START = re.compile(r"^(\d+)([.)])")
# "Key: value" on a page's first line is MultiMarkdown metadata to MkDocs and the meta extension.
_META_KEY = re.compile(r"^[A-Za-z0-9_-]+(:)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc, exactly


def _entity(ch: str) -> str:
    return _ENTITY.get(ch) or f"&#{ord(ch)};"


# One regex finds every character that needs escaping, so plain prose (almost
# all of a paragraph) is copied by the regex engine instead of a Python loop:
# a syntax character; a hyphen not between two letters or digits ("--8<--",
# "- item"; "high-quality" stays); a colon followed by a non-space (":emoji:",
# "https://", "{:"; "Note: x" stays). Control characters are gone by then.
# Every alternative starts with a character or a set, so the regex engine can skip
# plain text quickly; the hyphen's look-behind spans the hyphen itself for that reason.
_SYNTAX = re.compile(r"[\\`*_\[\]{}<>&#|~^=+$!]|-(?<![^\W_]-)|-(?![^\W_])|:(?=\S)")


def _replace(match: re.Match[str]) -> str:
    return _entity(match.group())


def escape(text: str) -> Md:
    """Escape one line of text; whitespace (including newlines) is folded to single spaces."""
    # Control characters are not text in HTML, and Python-Markdown uses \x02/\x03 to
    # mark its own placeholders: each becomes a space, folded with the others, so
    # none can leave a line starting with spaces (an indented code block).
    text = " ".join(_CONTROL.sub(" ", text).split())
    if meta := _META_KEY.match(text):  # escaped in two halves around the colon, which is forced
        cut = meta.start(1)
        out = _SYNTAX.sub(_replace, text[:cut]) + _entity(":") + _SYNTAX.sub(_replace, text[cut + 1 :])
    else:
        out = _SYNTAX.sub(_replace, text)
    if m := _LIST_START.match(out):  # digits and ".)" are never escaped: same place as in the text
        out = f"{m.group(1)}{_entity(m.group(2))}{out[m.end():]}"  # "1. " would start an ordered list
    if out[:1] in (":", "?"):
        out = _entity(out[0]) + out[1:]  # ": " starts a definition, "???" a collapsible block
    return Md(out)


def relative(from_page: str, target: str) -> Md:
    """Docs-relative link from one page to another (``target`` may carry ``#anchor``)."""
    path, _, anchor = target.partition("#")
    rel = "" if path == from_page else _relpath(path, posixpath.dirname(from_page))
    return Md(rel + (f"#{anchor}" if anchor else ""))


@functools.lru_cache(maxsize=1 << 16)
def _relpath(path: str, from_dir: str) -> str:
    """Cached: a big book links the same few thousand page pairs tens of thousands of times,
    and ``relpath`` asks the operating system for the working folder on every call."""
    return posixpath.relpath(path, from_dir or ".")


def with_links(text: str, spans: Iterable[Span], page: str) -> Md:
    """Escape ``text`` and turn each span into a link, relative to ``page``."""
    out: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < pos:  # overlapping spans are a bug upstream; keep the text whole
            continue
        out.append(escape_fragment(text[pos : span.start]))
        css = "bb-xref" if span.kind == "theme" else f"bb-{span.kind}"
        out.append(f"[{escape_fragment(text[span.start : span.end])}]({relative(page, span.target)}){{: .{css} }}")
        pos = span.end
    out.append(escape_fragment(text[pos:]))
    return Md("".join(out))


def escape_fragment(text: str) -> str:
    """Escape part of a paragraph: like :func:`escape`, keeping the edges' spaces."""
    text = _CONTROL.sub(" ", text)
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + escape(text) + trail if text.strip() else (" " if text else "")


#: Punctuation an attribute value keeps as written; any other symbol could start Markdown syntax
#: inside the value (attr_list reads attributes after inline Markdown has run) and becomes a space.
_ATTRIBUTE_PUNCTUATION = frozenset(".,;'()%/?’‘“”–—")


def attribute_text(text: str) -> Md:
    """Text for a quoted attr_list value (a tooltip): letters, digits, spaces and plain punctuation only.

    Entities cannot be used there (Python-Markdown would show them as written), so a
    character that could be syntax is replaced by a space, "-" kept where it joins words, ":" and "&" before a space.
    """
    out: list[str] = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        joins = 0 < i < last and text[i - 1].isalnum() and text[i + 1].isalnum()
        if ch.isalnum() or ch in _ATTRIBUTE_PUNCTUATION or (ch == "-" and joins) or (ch in ":&" and (i == last or text[i + 1] == " ")):
            out.append(ch)
        elif ch == '"':
            out.append("”")
        else:
            out.append(" ")
    return Md(" ".join("".join(out).split()))
