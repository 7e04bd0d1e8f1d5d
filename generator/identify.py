"""Stage 2: give every paragraph its ¶ number and a stable anchor.

The anchor hashes the paragraph's own text with its source, so adding,
removing or editing *other* paragraphs never moves a link that points here.
"""

from __future__ import annotations

import hashlib

from .model import Paragraph, Source

ANCHOR_DIGITS = 8


def anchor_for(source_slug: str, text: str) -> str:
    digest = hashlib.sha1(f"{source_slug}\n{text}".encode()).hexdigest()
    return f"p-{digest[:ANCHOR_DIGITS]}"


def identify(sources: tuple[Source, ...]) -> tuple[Paragraph, ...]:
    """Number the paragraphs of each source from 1 and give each a book-wide unique anchor."""
    seen: set[str] = set()
    out: list[Paragraph] = []
    for source in sources:
        for number, text in enumerate(source.paragraphs, start=1):
            base = anchor = anchor_for(source.slug, text)
            n = 2
            while anchor in seen:  # the same paragraph twice: later copies get -2, -3, …
                anchor, n = f"{base}-{n}", n + 1
            seen.add(anchor)
            out.append(Paragraph(source=source.slug, number=number, anchor=anchor, text=text))
    return tuple(out)
