"""Saved web pages (``.html``, ``.htm``): the article's text and metadata, without the page's furniture.

trafilatura finds the main text of a page (navigation, cookie banners, share
buttons, related articles and footers are left out) and reads its metadata
(title, publication date through htmldate, site name, canonical address).
Its output is a small XML tree (``p``, ``head``, ``list``/``item``, ``quote``,
``table``/``row``/``cell`` …); this module flattens it into blocks of plain
text in one pass over the tree, so no tag, attribute, comment, script or
style can reach the book.
"""

from __future__ import annotations

import logging
from typing import Any

from ..base.errors import SourceError
from . import HEADING, ITEM, PARAGRAPH, Block, Extracted, fold, iso_day, safe_url

#: trafilatura's elements that hold one block of text each, and the kind of block.
_BLOCKS = {"p": PARAGRAPH, "head": HEADING, "item": ITEM, "quote": PARAGRAPH, "row": PARAGRAPH, "code": PARAGRAPH}
#: A fixed latest date for htmldate, whose default is today: the same page must give the same date every day.
_LATEST_DATE = "2999-12-31"


def flatten(body: Any) -> list[Block]:
    """The blocks of a trafilatura tree, in document order, without recursion.

    Each block element collects its own text and that of its inline children;
    a block inside another (a paragraph in a quote, a list in a list item)
    becomes a block of its own, placed where it starts.
    """
    from lxml import etree

    slots: list[tuple[str, list[str]]] = []  # (kind, text pieces), in the order blocks start
    stack: list[list[str]] = []
    root: list[str] = []
    slots.append((PARAGRAPH, root))  # text directly in the body, outside any block
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                pieces: list[str] = []
                slots.append((_BLOCKS[tag], pieces))
                stack.append(pieces)
            current = stack[-1] if stack else root
            if tag == "cell" and "".join(current).strip():
                current.append(" | ")
            elif tag == "lb":
                current.append(" ")
            if tag and element.text:
                current.append(element.text)
        else:
            if tag in _BLOCKS:
                stack.pop()
            if element.tail and element is not body:
                (stack[-1] if stack else root).append(element.tail)
    blocks = [Block(kind, fold("".join(pieces))) for kind, pieces in slots]
    return [b for b in blocks if b.text]


def read_html(raw: bytes, name: str) -> Extracted:
    """The main text of a saved web page, with its title, date, publisher and canonical address."""
    import trafilatura

    loggers = [logging.getLogger(n) for n in ("trafilatura", "htmldate", "courlan", "justext")]
    levels = [log.level for log in loggers]
    for log in loggers:  # its warnings are about the page's HTML, not something the author can act on
        log.setLevel(logging.CRITICAL)
    try:
        document = trafilatura.bare_extraction(
            raw,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=True,
            deduplicate=False,
            date_extraction_params={"extensive_search": True, "original_date": True, "max_date": _LATEST_DATE},
        )
    finally:
        for log, level in zip(loggers, levels, strict=True):
            log.setLevel(level)
    body = getattr(document, "body", None)
    blocks = flatten(body) if body is not None else []
    if not blocks:
        raise SourceError(
            f"seeds/{name}: no article text found in this web page: save the page with its text"
            " (not a page that loads it with scripts), or copy the text into a .txt file"
        )
    return Extracted(
        blocks=tuple(blocks),
        title=fold(getattr(document, "title", None) or ""),
        publisher=fold(getattr(document, "sitename", None) or ""),
        date=iso_day(getattr(document, "date", None) or ""),
        url=safe_url(getattr(document, "url", None) or ""),
    )
