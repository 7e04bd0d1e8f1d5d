"""Deterministic slugs for themes and sources: lowercase ASCII letters, digits and hyphens."""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Page names the book itself uses; a theme or source may not take them.
RESERVED = frozenset(
    {"index", "sources", "other", "glossary", "people", "timeline", "facts",
     "search", "assets", "print", "404", "sitemap", "tags", "about"}
)


def slugify(text: str) -> str:
    """``'Plan overview'`` → ``'plan-overview'``; ``''`` when nothing Latin is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def unique_slug(text: str, taken: set[str], *, fallback: str, kind: str) -> str:
    """A slug for ``text`` that is not reserved and not in ``taken`` (which it joins).

    ``fallback`` stands in when nothing Latin is left; a reserved slug gets
    ``-<kind>`` appended; a repeat gets ``-2``, ``-3``…
    """
    base = slugify(text) or fallback
    if base in RESERVED:
        base = f"{base}-{kind}"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug
