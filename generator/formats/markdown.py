"""Markdown sources (``.md``): headings and list items as structure, the rest as paragraphs.

Only the structure is read: ATX (``# Title``) and setext headings, list items
(``-``, ``*``, ``+``, ``1.``), block quotes, fenced code, and paragraphs
separated by blank lines. Inline markup is reduced to its text (``[text](url)``
→ text, ``**bold**`` → bold, images to their alt text). The text is never
treated as Markdown by the site: like every source, it is escaped.
A leading ``---`` block (front matter) gives the title and date if it has them.
"""

from __future__ import annotations

import re

from . import HEADING, ITEM, PARAGRAPH, Block, Extracted, fold, iso_day

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ITEM = re.compile(r"^ {0,12}(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FRONT_KEY = re.compile(r"^(title|date)[ \t]*:[ \t]*(.*)$", re.IGNORECASE)
# Inline markup, each with a bounded body: no pattern can backtrack over a whole paragraph.
# A link target may hold one level of balanced parentheses; the two alternatives never start alike.
_TARGET = r"\((?:[^()\n]|\([^()\n]{0,500}\)){0,2000}\)"
_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]" + _TARGET)
_LINK = re.compile(r"\[([^\]\n]{1,500})\]" + _TARGET)
_AUTOLINK = re.compile(r"<(https?://[^>\s]{1,2000})>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^*_\n]{1,1000}?)(?<=\S)\1")
_EMPH = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]{1,1000}?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`\n]{1,1000})`")


def inline_text(text: str) -> str:
    """The words of a line of Markdown, without its inline markup."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    return _EMPH.sub(r"\2", text)


def read_markdown(text: str) -> Extracted:
    """Blocks, title and date of a Markdown document."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = date = ""
    start = 0
    if lines and lines[0].strip() == "---":  # front matter: only title and date are read
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
        if end:
            for line in lines[1:end]:
                if m := _FRONT_KEY.match(line.strip()):
                    value = m[2].strip().strip("\"'")
                    if m[1].lower() == "title":
                        title = fold(value)
                    else:
                        date = iso_day(value)
            start = end + 1
    blocks: list[Block] = []
    kind: str = PARAGRAPH
    pending: list[str] = []  # the lines of the block being read

    def close() -> None:
        nonlocal kind, pending
        if pending:
            words = fold(inline_text(" ".join(pending)))
            if words:
                blocks.append(Block(kind, words))
        kind, pending = PARAGRAPH, []

    fence = ""
    for raw in lines[start:]:
        if fence:  # inside fenced code: lines kept as one paragraph until the closing fence
            if raw.strip().startswith(fence):
                fence = ""
                if pending:
                    blocks.append(Block(PARAGRAPH, fold(" ".join(pending))))
                kind, pending = PARAGRAPH, []
            else:
                pending.append(raw)
            continue
        line = _QUOTE.sub("", raw)
        if not line.strip():
            close()
        elif m := _FENCE.match(line):
            close()
            fence = m[1][0] * 3
        elif m := _ATX.match(line):
            close()
            blocks.append(Block(HEADING, fold(inline_text(m[2]))))
        elif _SETEXT.match(line) and pending and kind == PARAGRAPH and (line.strip()[0] == "=" or len(pending) == 1):
            kind = HEADING
            close()
        elif _RULE.match(line) or (line.strip().startswith("---") and not line.strip().strip("-")):
            close()
        elif m := _ITEM.match(line):
            close()
            kind, pending = ITEM, [m[1]]
        else:
            pending.append(line)
    close()
    blocks = [b for b in blocks if b.text]
    if not title and blocks and blocks[0].kind == HEADING:  # a document's first heading is its title
        title = blocks.pop(0).text
    return Extracted(blocks=tuple(blocks), title=title, date=date)
