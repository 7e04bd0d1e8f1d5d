"""Readers for the source formats other than plain text: web pages, PDFs and Markdown.

Each reader turns the bytes of one file into an :class:`Extracted`: the
document's own metadata (title, publisher, date, address) and its text as a
list of :class:`Block` (paragraphs, headings, list items), in reading order.
Nothing of the file's markup survives: a block is plain text, escaped later
like any other source text (:mod:`generator.base.escape`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

#: Kinds of block; a plain paragraph is "".
PARAGRAPH, HEADING, ITEM = "", "heading", "item"


@dataclass(frozen=True)
class Block:
    """One paragraph, heading or list item of a document, as plain text."""

    kind: str
    text: str


@dataclass(frozen=True)
class Extracted:
    """What a reader found in one file."""

    blocks: tuple[Block, ...]
    title: str = ""
    publisher: str = ""
    date: str = ""  # ISO 8601 day, "" when the file does not say
    url: str = ""  # http(s) address of the original, "" when unknown or unsafe


def fold(text: str) -> str:
    """Whitespace of any kind folded to single spaces; soft hyphens (invisible) removed."""
    return " ".join(text.replace("\u00ad", "").split())


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_day(text: str) -> str:
    """``YYYY-MM-DD`` if ``text`` starts with a real calendar day, else ""."""
    m = _ISO_DAY.match(text.strip())
    if not m:
        return ""
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return ""


#: An address briefbook will link to: http or https, and none of the characters that
#: could end a Markdown link or an HTML attribute early.
_SAFE_URL = re.compile(r"https?://[^\s\"'<>()\[\]{}\\`^|]{1,2000}")


def safe_url(text: str) -> str:
    """``text`` if it is an http(s) address safe to put in a link, else ""."""
    text = text.strip()
    return text if _SAFE_URL.fullmatch(text) else ""
