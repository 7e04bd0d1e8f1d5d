"""Deterministic slugs for themes and sources: lowercase ASCII letters, digits and hyphens."""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Page names the book itself uses; a theme or source may not take them.
PAGE_NAMES = frozenset(
    {"index", "sources", "other", "glossary", "people", "timeline", "facts",
     "search", "assets", "print", "404", "sitemap", "tags", "about"}
)
#: Names Windows keeps for devices, with any extension and in any case: a file or folder
#: called so (``con.html``, ``nul/``) makes the offline zip impossible to unpack there.
WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
#: Slugs no theme or source may have: a source named ``aux.txt`` gets ``aux-source``.
RESERVED = PAGE_NAMES | WINDOWS_DEVICE_NAMES


def slugify(text: str) -> str:
    """``'Plan overview'`` → ``'plan-overview'``; ``''`` when nothing Latin is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"(?<=\w)'(?=\w)", "", ascii_text)  # "China's" → "chinas", not "china-s"
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … whichever is not taken yet; the result is added to ``taken``."""
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug
