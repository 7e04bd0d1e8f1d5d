"""Paragraphs the renderer wrote, built by Python-Markdown without its inline machinery.

Almost all of a big book's Markdown is paragraphs in a syntax the renderer
controls exactly: text from :mod:`generator.base.escape` (every syntax character an
entity), links ``[label](target){: .class }``, a ``<span class="…">`` around
theme links, and an attr_list line ``{: #anchor .class }``. Python-Markdown
spends most of a build running its inline patterns over that text, each of
which finds nothing. :class:`FastParagraphs` recognises exactly those blocks
with a linear scan and builds the same element tree the normal path builds
(the same ``<a>`` elements, so MkDocs still rewrites and checks every link;
each entity stashed as the entity pattern stashes it; the same text for the
abbr extension to find abbreviations in). Their content joins the tree just
after the inline patterns have run, so that the inline processor does not even
walk it. Any block it does not recognise, and every page of a book whose
``markdown_extensions`` add syntax it does not know, goes through
Python-Markdown as before; there, text in which no inline pattern can start (a
table cell, a plain heading) is kept from them too (:class:`PlainText`).
``tests/test_fastpath.py`` builds books both ways and compares every HTML file
byte for byte.

``BRIEFBOOK_NO_FAST_PATH=1`` turns it off: only the tests that compare the two paths use it.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown, __version_info__
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

#: The environment variable that turns the fast path off (for the equality tests).
SWITCH = "BRIEFBOOK_NO_FAST_PATH"


def enabled() -> bool:
    """Whether the fast path is on: always, unless a test turned it off."""
    return os.environ.get(SWITCH, "") in ("", "0")


#: The Python-Markdown versions whose element trees this builds exactly as they do (tests/test_fastpath.py).
CHECKED = ((3, 11),)


# What Python-Markdown and MkDocs register with the extensions MkDocs and the scaffold configure
# (toc, tables, fenced_code, attr_list, md_in_html, admonition, abbr). With any other processor
# (pymdownx, smarty …) a plain character of our text could be syntax: the fast path then stays off.
_KNOWN_INLINE = frozenset(
    "backtick escape reference link image_link image_reference short_reference short_image_ref autolink automail "
    "linebreak html entity not_strong em_strong em_strong2".split()
)
_KNOWN_TREE = frozenset(
    "inline prettify unescape attr_list abbr toc mkdocs_extract_anchors relpath mkdocs_extract_title "
    "briefbook_fast_text briefbook_plain_text".split()
)
_KNOWN_BLOCK = frozenset(
    "empty indent code hashheader setextheader hr olist ulist quote reference paragraph table admonition abbr "
    "markdown_block briefbook_paragraph".split()
)

# Characters that could be inline syntax (or end the line), and Python-Markdown's placeholder
# marks (a raw HTML block stashed by a preprocessor): the scan stops at each and decides.
_STOP = re.compile(r"[\\`\[\]!<>&*_{}|\n\x02\x03]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#x[0-9a-fA-F]{1,8}|[a-zA-Z0-9]{1,32});")
# A link target as the renderer writes it: a relative path, an anchor, an http(s) address.
_TARGET = re.compile(r"\(([A-Za-z0-9._~/#%:-]{1,2000})\)")
_CLASSES = re.compile(r"\{: ((?:\.[A-Za-z][A-Za-z0-9_-]{0,60} ){1,8})\}")
_SPAN_OPEN = re.compile(r'<span class="([a-z][a-z0-9-]{0,60}(?: [a-z][a-z0-9-]{0,60}){0,4})">')
_SPAN_CLOSE = "</span>"
# The block's attr_list line: an optional #anchor, then classes.
_BLOCK_ATTRS = re.compile(r"\{: (?:#([A-Za-z][A-Za-z0-9_-]{0,100}) )?((?:\.[A-Za-z][A-Za-z0-9_-]{0,60} ){0,8})\}")
# A first line that another block processor would claim (ordered list, list, heading, quote …).
_OTHER_BLOCK = re.compile(r"[0-9]{1,9}[.)]|[-+*#>:=~ \t]")


# Where an inline pattern of the known set can start: a character one of them begins with, a
# placeholder mark, a line break (two spaces before a newline). Text without any is left as it is.
_INLINE_START = re.compile(r"[\\`*_\[!<&\x02\x03]|  \n")


class _Refused(Exception):
    """The block is not one the fast path knows: Python-Markdown parses it as before."""


class _Builder:
    """Builds one paragraph's children; text pieces go into the previous element's tail.

    Links nest one level only (a label holds no link), so the scan recurses at most once."""

    def __init__(self, md: Markdown, element: etree.Element) -> None:
        self.md = md
        self.element = element
        self.last: etree.Element | None = None
        self.pieces: list[str] = []

    def text(self, piece: str) -> None:
        self.pieces.append(piece)

    def stash(self, raw: str) -> None:
        self.pieces.append(self.md.htmlStash.store(raw))

    def flush(self) -> None:
        joined = "".join(self.pieces)
        self.pieces = []
        if not joined:
            return
        if self.last is None:
            self.element.text = joined
        else:
            self.last.tail = joined

    def child(self, element: etree.Element) -> None:
        self.flush()
        self.element.append(element)
        self.last = element


def _inline(md: Markdown, line: str, start: int, end: int, into: _Builder, in_label: bool) -> int:
    """Scan ``line[start:end]``; returns where it stopped (``end``, or a ``]`` closing a label)."""
    pos = start
    while pos < end:
        stop = _STOP.search(line, pos, end)
        if stop is None:
            into.text(line[pos:end])
            return end
        at = stop.start()
        if at > pos:
            into.text(line[pos:at])
        ch = line[at]
        if ch == "&":
            entity = _ENTITY.match(line, at, end)
            if entity is None:
                raise _Refused
            into.stash(entity.group())
            pos = entity.end()
        elif ch == "[" and not in_label:
            pos = _link(md, line, at, end, into)
        elif ch == "]" and in_label:
            return at
        elif ch == "<" and not in_label:
            if line.startswith(_SPAN_CLOSE, at):
                into.stash(_SPAN_CLOSE)
                pos = at + len(_SPAN_CLOSE)
            elif (span := _SPAN_OPEN.match(line, at, end)) is not None:
                into.stash(span.group())
                pos = span.end()
            else:
                raise _Refused
        else:
            raise _Refused
    return pos


def _link(md: Markdown, line: str, at: int, end: int, into: _Builder) -> int:
    """``[label](target)`` with an optional ``{: .class }``: one ``<a>`` element."""
    anchor = etree.Element("a")
    label = _Builder(md, anchor)
    close = _inline(md, line, at + 1, end, label, in_label=True)
    if close >= end or close == at + 1:
        raise _Refused  # no "]", or an empty label
    label.flush()
    target = _TARGET.match(line, close + 1, end)
    if target is None:
        raise _Refused
    anchor.set("href", target.group(1))
    pos = target.end()
    if pos < end and line[pos] == "{":
        classes = _CLASSES.match(line, pos, end)
        if classes is None:
            raise _Refused
        anchor.set("class", " ".join(c[1:] for c in classes.group(1).split()))
        pos = classes.end()
    into.child(anchor)
    return pos


class ParagraphProcessor(BlockProcessor):  # type: ignore[misc]
    """A paragraph of one line, optionally followed by its attr_list line, built straight into elements."""

    def __init__(self, parser: Any, extension: FastParagraphs) -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        return self.extension.active(self.parser.md) and not self.parser.state.isstate("list")

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        block = blocks[0]
        line, newline, rest = block.partition("\n")
        if not line or _OTHER_BLOCK.match(line) or line[-1] in " \t" or "\n" in rest:
            return False
        attrs = None
        if newline:
            attrs = _BLOCK_ATTRS.fullmatch(rest)
            if attrs is None:
                return False
        md = self.parser.md
        # The paragraph's content is built aside and joins it after the inline patterns have run: they
        # would only walk it (the inline processor visits every element and tail, whatever it skips).
        content = etree.Element("p")
        builder = _Builder(md, content)
        stash = md.htmlStash
        stashed = (stash.html_counter, len(stash.rawHtmlBlocks))
        try:
            _inline(md, line, 0, len(line), builder, in_label=False)
        except _Refused:
            # Nothing reached the tree; forget what was stashed so placeholders number as before.
            stash.html_counter = stashed[0]
            del stash.rawHtmlBlocks[stashed[1] :]
            return False
        builder.flush()
        paragraph = etree.SubElement(parent, "p")
        if attrs is not None:
            if attrs.group(1):
                paragraph.set("id", attrs.group(1))
            if classes := attrs.group(2).split():
                paragraph.set("class", " ".join(c[1:] for c in classes))
        blocks.pop(0)
        self.extension.pending.append((paragraph, content))
        self.extension.built += 1
        return True


class PlainText(Treeprocessor):  # type: ignore[misc]
    """Just before the inline patterns, mark as atomic the text in which none of them can start (table
    cells, headings, whatever block made it): the inline processor tries every pattern on each text."""

    def __init__(self, md: Markdown, extension: FastParagraphs) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if not self.extension.active(self.md):
            return
        marked = self.extension.marked
        start = _INLINE_START.search
        for element in root.iter():
            text = element.text
            if text and type(text) is str and start(text) is None:
                element.text = AtomicString(text)
                marked.append((element, True))
            tail = element.tail
            if tail and type(tail) is str and start(tail) is None:
                element.tail = AtomicString(tail)
                marked.append((element, False))


class TextBack(Treeprocessor):  # type: ignore[misc]
    """Right after the inline patterns, give each fast paragraph its content, and make the text
    :class:`PlainText` marked plain again, so that abbreviations, the table of contents and MkDocs
    see what the normal path gives them."""

    def __init__(self, md: Markdown, extension: FastParagraphs) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        for paragraph, content in self.extension.pending:
            paragraph.text = content.text
            paragraph.extend(content)
        self.extension.pending = []
        for element, is_text in self.extension.marked:
            if is_text:
                element.text = str(element.text)
            else:
                element.tail = str(element.tail)
        self.extension.marked = []


class FastParagraphs(Extension):  # type: ignore[misc]
    """Registered by the briefbook plugin for every page; no configuration."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pending: list[tuple[etree.Element, etree.Element]] = []  # (paragraph in the tree, its content)
        self.marked: list[tuple[etree.Element, bool]] = []  # (element, its text (True) or its tail) made atomic
        self.checked_for: Markdown | None = None
        self.known = False
        self.built = 0  # paragraphs built by the fast path, for the tests

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.registerExtension(self)
        # Before every other block processor: each refuses a block whose first line is not ours.
        md.parser.blockprocessors.register(ParagraphProcessor(md.parser, self), "briefbook_paragraph", 95)
        md.treeprocessors.register(PlainText(md, self), "briefbook_plain_text", 20.5)
        md.treeprocessors.register(TextBack(md, self), "briefbook_fast_text", 19.5)

    def reset(self) -> None:
        self.pending = []
        self.marked = []

    def active(self, md: Markdown) -> bool:
        """Whether this Markdown instance has only processors whose syntax the fast path knows."""
        if self.checked_for is not md:  # MkDocs makes one Markdown per page, with the same extensions
            self.checked_for = md
            self.known = (
                enabled()
                and tuple(__version_info__[:2]) in CHECKED
                and all(name in _KNOWN_INLINE for name in _names(md.inlinePatterns))
                and all(name in _KNOWN_BLOCK for name in _names(md.parser.blockprocessors))
                and all(name in _KNOWN_TREE for name in _names(md.treeprocessors))
            )
        return self.known


def _names(registry: Any) -> list[str]:
    return [item.name for item in registry._priority]
